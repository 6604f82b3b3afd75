import { createRandom } from "../../core/random.js";
import type { Note } from "../../core/types.js";

/**
 * The familiarisation sample: `n` whole notes of the eligible patients, drawn with a seeded generator
 * from the notes in a stable order (patient, date, note id), returned in that order. Pure.
 */
export function familiarisationSample(notesByPatient: ReadonlyMap<string, readonly Note[]>, n: number, seed: number): Note[] {
  const all = [...notesByPatient.keys()].sort().flatMap((id) => notesByPatient.get(id)!);
  const picked = new Set(createRandom(`familiarise:${seed}`).shuffle(all.map((_, i) => i)).slice(0, Math.max(0, n)));
  return all.filter((_, i) => picked.has(i));
}
