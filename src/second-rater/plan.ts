import { createRandom } from "../core/random.js";

/** How a second-rater sample is drawn: the first `first` items, then `fraction` of the rest with `seed`. */
export interface Sampling {
  seed: number;
  first: number;
  fraction: number;
}

/** One sampled item and why it is in the sample. */
export interface SampleRow {
  id: string;
  why: "first" | "random";
}

/**
 * The second-rater sample: the first `sampling.first` items in the given (stable) order, plus
 * `sampling.fraction` of the rest rounded up, drawn with a seeded generator so anyone can redraw it. The
 * result keeps the given order. Pure: the same ids and sampling give the same sample on any machine.
 */
export function drawSample(ids: readonly string[], sampling: Sampling): SampleRow[] {
  const head = ids.slice(0, sampling.first);
  const rest = ids.slice(sampling.first);
  const k = Math.min(rest.length, Math.ceil(sampling.fraction * rest.length - 1e-9));
  const picked = new Set(createRandom(sampling.seed).shuffle(rest).slice(0, k));
  const out: SampleRow[] = head.map((id) => ({ id, why: "first" as const }));
  for (const id of rest) if (picked.has(id)) out.push({ id, why: "random" });
  return out;
}

/** The columns of a stage's `sample.csv`. */
export const SAMPLE_COLUMNS = ["patient_id", "why", "group"];

/** The rows of `sample.csv`: each sampled patient, why it was sampled, and its group. */
export function sampleCsvRows(sample: readonly SampleRow[], groupOf: (id: string) => string): string[][] {
  return sample.map((s) => [s.id, s.why, groupOf(s.id)]);
}

/** A sampled fraction as a whole percentage, as the workbooks state it: 0.1 → "10%". */
export function percentText(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * How the sample was drawn, in words for a workbook's About sheet: "the first 10 returned patients in
 * patient id order plus 10% of the rest drawn at random with seed 2015".
 */
export function describeSample(sampling: Sampling, items: string): string {
  return `the first ${sampling.first} ${items} in patient id order plus ${percentText(sampling.fraction)} of the rest drawn at random with seed ${sampling.seed}`;
}

/** The sampling settings and sample size, as they head a stage's `agreement.json` (so anyone can redraw the sample). */
export function samplingRecord(sampling: Sampling, sampled: number): { seed: number; first: number; fraction: number; sampled: number } {
  return { seed: sampling.seed, first: sampling.first, fraction: sampling.fraction, sampled };
}
