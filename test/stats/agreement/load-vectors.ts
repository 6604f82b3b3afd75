import { readFileSync } from "node:fs";
import type { AgreementOptions } from "../../../src/stats/agreement/summarise.js";
import type { Ratings } from "../../../src/stats/agreement/table.js";

/** One dataset of test/vectors/agreement/vectors.json (made by make-vectors.py from the references). */
export interface VectorDataset {
  name: string;
  about: string;
  /** One column per rater, one entry per item, `null` missing. */
  raters: (string | null)[][];
  /** `order` and `weights` as `summariseAgreement` takes them. */
  options: AgreementOptions;
  expected: Record<string, unknown>;
  sources: Record<string, string>;
}

export interface PerCodeVector {
  name: string;
  extracts: { first: string[]; second: string[] }[];
  expected: Record<string, number | string | null>[];
}

export interface Vectors {
  tolerance: number;
  datasets: VectorDataset[];
  per_code: PerCodeVector[];
}

export const vectors: Vectors = JSON.parse(
  readFileSync(new URL("../../vectors/agreement/vectors.json", import.meta.url), "utf8"),
) as Vectors;

/** Rater columns → the item-by-rater shape the statistics take. */
export function toRatings(columns: (string | null)[][]): Ratings {
  const n = columns[0].length;
  return {
    raters: columns.map((_, j) => `r${j + 1}`),
    items: Array.from({ length: n }, (_, i) => `u${i}`),
    values: Array.from({ length: n }, (_, i) => columns.map((c) => c[i])),
  };
}
