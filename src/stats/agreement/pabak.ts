import { defined, undefinedBecause, type Figure } from "./interval.js";
import { marginals, type ContingencyTable } from "./table.js";

/**
 * Prevalence-adjusted bias-adjusted kappa for q categories, (q·po − 1)/(q − 1) (Byrt, Bishop & Carlin
 * 1993; for q categories it is Bennett's S). An empty table gives `null`; a one-category table
 * (q = 1) has it undefined (0/0).
 */
export function pabak(t: ContingencyTable): Figure | null {
  if (t.n === 0) return null;
  const q = t.categories.length;
  if (q < 2) return undefinedBecause("only one category was used, so (q·po − 1)/(q − 1) is 0/0");
  return defined((q * marginals(t).po - 1) / (q - 1));
}

/**
 * Prevalence and bias indices of Byrt, Bishop & Carlin (1993) for a 2×2 table [[a, b], [c, d]]:
 * PI = |a − d|/n and BI = |b − c|/n. Absolute values, because which category comes first is only the
 * sort order of the labels. Only 2×2 tables have them: any other table, or an empty one, gives `null`.
 * With these, kappa = (PABAK − PI² + BI²)/(1 − PI² + BI²).
 */
export function prevalenceBias(t: ContingencyTable): { prevalence: number; bias: number } | null {
  if (t.n === 0 || t.categories.length !== 2) return null;
  const [[a, b], [c, d]] = t.counts;
  return { prevalence: Math.abs(a - d) / t.n, bias: Math.abs(b - c) / t.n };
}
