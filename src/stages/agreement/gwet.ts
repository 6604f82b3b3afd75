import { marginals, type ContingencyTable } from "./table.js";

/**
 * Gwet's (2008) AC1 for two raters: (po − pe)/(1 − pe) with pe = Σ πk(1 − πk)/(q − 1), πk the mean of
 * the two raters' proportions in category k and q the number of categories of the table.
 *
 * Degenerate tables: an empty table gives `null`; a table of one category (q = 1, so every rating is
 * the same and po = 1) gives 1. For q ≥ 2, pe ≤ 1/q, so the ratio is always defined.
 */
export function gwetAc1(t: ContingencyTable): number | null {
  if (t.n === 0) return null;
  const q = t.categories.length;
  if (q < 2) return 1;
  const { rows, cols, po } = marginals(t);
  let s = 0;
  for (let k = 0; k < q; k++) {
    const pi = (rows[k] + cols[k]) / 2;
    s += pi * (1 - pi);
  }
  const pe = s / (q - 1);
  return (po - pe) / (1 - pe);
}
