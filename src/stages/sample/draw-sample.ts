import { createRandom } from "../../core/random.js";

export interface SampleRow {
  id: string;
  why: "first" | "random";
}

/**
 * The second-rater sample of the study: the first `first` items in the given (stable) order, plus
 * `fraction` of the rest rounded up, drawn with a seeded generator so anyone can redraw it. The result
 * keeps the given order. Pure: the same ids, numbers and seed give the same sample on any machine.
 */
export function drawSample(ids: readonly string[], first: number, fraction: number, seed: number): SampleRow[] {
  const head = ids.slice(0, first);
  const rest = ids.slice(first);
  const k = Math.min(rest.length, Math.ceil(fraction * rest.length - 1e-9));
  const picked = new Set(createRandom(seed).shuffle(rest).slice(0, k));
  const out: SampleRow[] = head.map((id) => ({ id, why: "first" as const }));
  for (const id of rest) if (picked.has(id)) out.push({ id, why: "random" });
  return out;
}
