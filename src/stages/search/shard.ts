import { UserError } from "../../core/errors.js";
import { seedOf } from "../../core/random.js";

/** Shard K of N: the patients whose id hashes to K − 1 modulo N. */
export interface Shard {
  k: number;
  n: number;
}

/** Parse `--shard K/N` (1 ≤ K ≤ N). */
export function parseShard(raw: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) throw new UserError(`command line › --shard: expected K/N with 1 ≤ K ≤ N, like 2/4 (got ${JSON.stringify(raw)})`);
  return { k, n };
}

/**
 * Does a patient belong to a shard? By a stable hash of the id, so all of a patient's notes land in
 * the same shard wherever they are in the export, and every machine splits the same way.
 */
export function inShard(patientId: string, shard: Shard): boolean {
  return seedOf(patientId) % shard.n === shard.k - 1;
}
