/** Fleiss' kappa with its parts. */
export interface FleissKappa {
  /** `null` when every rating is the same category (Pe = 1, kappa is 0/0). */
  kappa: number | null;
  why?: string;
  /** Mean proportion of agreeing rater pairs per item, P̄. */
  observed: number;
  /** Σ pj², the agreement expected from the pooled category proportions. */
  expected: number;
  /** Items rated by every rater (the only ones used). */
  items: number;
}

/**
 * Fleiss' (1971) kappa over the items every rater rated (rows with no `null`), as statsmodels
 * `fleiss_kappa(method="fleiss")` and R irr `kappam.fleiss` compute it. With two raters it equals
 * Scott's pi.
 *
 * Degenerate data: fewer than two raters or no complete item gives `null`; when every rating is the same
 * category (Pe = 1, hence P̄ = 1) kappa is undefined.
 */
export function fleissKappa(rows: ReadonlyArray<ReadonlyArray<string | null>>): FleissKappa | null {
  const complete = rows.filter((r) => r.length >= 2 && r.every((v) => v !== null)) as string[][];
  if (complete.length === 0) return null;
  const raters = complete[0].length;
  const pooled = new Map<string, number>();
  let sumAgreement = 0;
  for (const row of complete) {
    const counts = new Map<string, number>();
    for (const v of row) counts.set(v, (counts.get(v) ?? 0) + 1);
    let squares = 0;
    for (const [c, k] of counts) {
      squares += k * k;
      pooled.set(c, (pooled.get(c) ?? 0) + k);
    }
    sumAgreement += (squares - raters) / (raters * (raters - 1));
  }
  const observed = sumAgreement / complete.length;
  if (pooled.size === 1) {
    return { kappa: null, why: "every rating is the same category, so chance agreement is 1 and kappa is 0/0", observed: 1, expected: 1, items: complete.length };
  }
  const total = complete.length * raters;
  let expected = 0;
  for (const k of pooled.values()) expected += (k / total) ** 2;
  return { kappa: (observed - expected) / (1 - expected), observed, expected, items: complete.length };
}
