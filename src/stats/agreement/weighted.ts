import { boundedWald, seFromVariance } from "./interval.js";
import { marginals, type ContingencyTable } from "./table.js";

export const WEIGHT_SCHEMES = ["linear", "quadratic"] as const;
export type WeightScheme = (typeof WEIGHT_SCHEMES)[number];

/** Weighted kappa with its asymptotic SE and interval. */
export interface WeightedKappa {
  kappa: number | null;
  se: number | null;
  ci95: [number, number] | null;
  why: { kappa?: string; se?: string; ci95?: string };
}

/** Disagreement weight of categories i and j of q ordered ones: |i − j|/(q − 1), or its square. */
function disagreement(i: number, j: number, q: number, scheme: WeightScheme): number {
  const d = Math.abs(i - j) / (q - 1);
  return scheme === "linear" ? d : d * d;
}

/**
 * Cohen's (1968) weighted kappa for ordered categories (the table's categories, in order):
 * 1 − Σ vij·pij / Σ vij·pi+·p+j with linear (|i − j|) or quadratic ((i − j)²) disagreement weights,
 * as scikit-learn `cohen_kappa_score(weights=…)` and statsmodels `cohens_kappa(wt=…)` compute it;
 * its asymptotic SE is that of Fleiss, Cohen & Everitt (1969), statsmodels' `std_kappa`.
 * Undefined when the raters' marginals leave no expected disagreement (both used one category only).
 */
export function weightedKappa(t: ContingencyTable, scheme: WeightScheme): WeightedKappa | null {
  if (t.n === 0) return null;
  const q = t.categories.length;
  const none = (why: string): WeightedKappa => ({ kappa: null, se: null, ci95: null, why: { kappa: why, se: why, ci95: why } });
  if (q < 2) return none("only one category, so there are no weights between categories");
  const { rows, cols } = marginals(t);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const v = disagreement(i, j, q, scheme);
      observed += v * (t.counts[i][j] / t.n);
      expected += v * rows[i] * cols[j];
    }
  }
  if (expected === 0) return none("both raters put every item in the same single category, so no disagreement is expected by chance and weighted kappa is 0/0");
  const kappa = 1 - observed / expected;
  // The variance in agreement weights w = 1 − v (Fleiss, Cohen & Everitt 1969).
  const w = (i: number, j: number) => 1 - disagreement(i, j, q, scheme);
  const wRow = rows.map((_, i) => cols.reduce((s, c, j) => s + c * w(i, j), 0));
  const wCol = cols.map((_, j) => rows.reduce((s, r, i) => s + r * w(i, j), 0));
  let pe = 0;
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) pe += w(i, j) * rows[i] * cols[j];
  let a = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const p = t.counts[i][j] / t.n;
      if (p > 0) a += p * (w(i, j) - (wCol[j] + wRow[i]) * (1 - kappa)) ** 2;
    }
  }
  const se = seFromVariance((a - (kappa - pe * (1 - kappa)) ** 2) / ((1 - pe) ** 2 * t.n));
  const interval = boundedWald(kappa, se);
  return { kappa, se, ci95: interval.ci, why: interval.ci ? {} : { ci95: interval.why } };
}
