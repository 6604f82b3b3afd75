import { marginals, type ContingencyTable } from "./table.js";

/** z for a two-sided 95% interval, as SPEC §7 fixes it (kappa ± 1.96·SE). */
export const Z95 = 1.96;

/** Cohen's kappa of a two-rater table, with the Fleiss, Cohen & Everitt (1969) asymptotic SE. */
export interface CohenKappa {
  kappa: number;
  /** Asymptotic standard error (not the one under the null hypothesis kappa = 0). */
  se: number;
  ci95: [number, number];
  /** Observed agreement po. */
  observed: number;
  /** Agreement expected by chance from each rater's own marginals, pe. */
  expected: number;
}

/**
 * Cohen's (1960) kappa = (po − pe)/(1 − pe) and its large-sample SE of Fleiss, Cohen & Everitt (1969),
 * the figure statsmodels reports as `std_kappa` and R psych `cohen.kappa` as `sqrt(var.kappa)`.
 *
 * Degenerate tables: an empty table gives `null`; when pe = 1 (both raters put every item in the same
 * single category) kappa is defined as 1 with SE 0, since agreement is total (the references give NaN).
 * A variance that rounds below zero is taken as 0.
 */
export function cohenKappa(t: ContingencyTable): CohenKappa | null {
  if (t.n === 0) return null;
  const q = t.categories.length;
  const { rows, cols, po } = marginals(t);
  if (t.counts.some((r, i) => r[i] === t.n)) return { kappa: 1, se: 0, ci95: [1, 1], observed: 1, expected: 1 };
  let pe = 0;
  for (let i = 0; i < q; i++) pe += rows[i] * cols[i];
  const kappa = (po - pe) / (1 - pe);
  let a = 0;
  let b = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const p = t.counts[i][j] / t.n;
      if (i === j) a += p * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2;
      else b += p * (cols[i] + rows[j]) ** 2;
    }
  }
  b *= (1 - kappa) ** 2;
  const c = (kappa - pe * (1 - kappa)) ** 2;
  const variance = (a + b - c) / (1 - pe) ** 2 / t.n;
  const se = Math.sqrt(Math.max(0, variance));
  return { kappa, se, ci95: [kappa - Z95 * se, kappa + Z95 * se], observed: po, expected: pe };
}
