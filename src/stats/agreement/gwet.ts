import { boundedWald, seFromVariance } from "./interval.js";
import { marginals, type ContingencyTable } from "./table.js";

/** Gwet's AC1 with the SE of Gwet (2008). */
export interface GwetAc1 {
  ac1: number | null;
  se: number | null;
  ci95: [number, number] | null;
  why: { ac1?: string; se?: string; ci95?: string };
}

const ONE_CATEGORY = "only one category was used, so AC1's chance agreement Σπk(1 − πk)/(q − 1) is 0/0";

/**
 * Gwet's (2008) AC1 for two raters: (po − pe)/(1 − pe) with pe = Σ πk(1 − πk)/(q − 1), πk the mean of
 * the two raters' proportions in category k and q the number of categories of the table; and its
 * variance (Gwet 2008; irrCAC `gwet.ac1.table`, with no finite-population correction):
 * v = [Σkl pkl (δkl − 2(1 − AC1)(1 − (πk + πl)/2)/(q − 1))² − (po − 2(1 − AC1)pe)²] / (n(1 − pe)²).
 *
 * Degenerate tables: an empty table gives `null`; a table of one category (q = 1) has AC1 undefined.
 * For q ≥ 2, pe ≤ 1/q, so AC1 itself is always defined.
 */
export function gwetAc1(t: ContingencyTable): GwetAc1 | null {
  if (t.n === 0) return null;
  const q = t.categories.length;
  if (q < 2) return { ac1: null, se: null, ci95: null, why: { ac1: ONE_CATEGORY, se: ONE_CATEGORY, ci95: ONE_CATEGORY } };
  const { rows, cols, po } = marginals(t);
  const pi = rows.map((r, k) => (r + cols[k]) / 2);
  let s = 0;
  for (const p of pi) s += p * (1 - p);
  const pe = s / (q - 1);
  const ac1 = (po - pe) / (1 - pe);
  let sum = 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const p = t.counts[k][l] / t.n;
      if (p === 0) continue;
      sum += p * ((k === l ? 1 : 0) - (2 * (1 - ac1) * (1 - (pi[k] + pi[l]) / 2)) / (q - 1)) ** 2;
    }
  }
  const se = seFromVariance((sum - (po - 2 * (1 - ac1) * pe) ** 2) / (t.n * (1 - pe) ** 2));
  const interval = boundedWald(ac1, se);
  return { ac1, se, ci95: interval.ci, why: interval.ci ? {} : { ci95: interval.why } };
}
