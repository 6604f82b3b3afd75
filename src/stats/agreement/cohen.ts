import { boundedWald, seFromVariance } from "./interval.js";
import { marginals, type ContingencyTable } from "./table.js";


/** Cohen's kappa of a two-rater table, with the Fleiss, Cohen & Everitt (1969) asymptotic SE. */
export interface CohenKappa {
  /** `null` when chance agreement is 1 (kappa is 0/0). */
  kappa: number | null;
  /** Asymptotic standard error (not the one under the null hypothesis kappa = 0). */
  se: number | null;
  /** kappa ± 1.96·SE bounded to [−1, 1]; `null` when kappa is undefined or its SE is 0. */
  ci95: [number, number] | null;
  /** Observed agreement po. */
  observed: number;
  /** Agreement expected by chance from each rater's own marginals, pe. */
  expected: number;
  /** Why kappa, its SE or its interval is `null`. */
  why: { kappa?: string; se?: string; ci95?: string };
}

export const ONE_CATEGORY_BOTH =
  "both raters put every item in the same single category, so chance agreement is 1 and kappa is 0/0";

/**
 * Cohen's (1960) kappa = (po − pe)/(1 − pe) and its large-sample SE of Fleiss, Cohen & Everitt (1969),
 * the figure statsmodels reports as `std_kappa` and R psych `cohen.kappa` as `sqrt(var.kappa)`.
 *
 * Degenerate tables: an empty table gives `null`; when pe = 1 (both raters put every item in the same
 * single category) kappa, SE and interval are undefined (the references give NaN). When the SE is 0
 * the interval is undefined (see boundedWald).
 */
export function cohenKappa(t: ContingencyTable): CohenKappa | null {
  if (t.n === 0) return null;
  const q = t.categories.length;
  const { rows, cols, po } = marginals(t);
  if (t.counts.some((r, i) => r[i] === t.n)) {
    return { kappa: null, se: null, ci95: null, observed: 1, expected: 1, why: { kappa: ONE_CATEGORY_BOTH, se: ONE_CATEGORY_BOTH, ci95: ONE_CATEGORY_BOTH } };
  }
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
  const se = seFromVariance((a + b - c) / (1 - pe) ** 2 / t.n);
  const interval = boundedWald(kappa, se);
  return { kappa, se, ci95: interval.ci, observed: po, expected: pe, why: interval.ci ? {} : { ci95: interval.why } };
}
