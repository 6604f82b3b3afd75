/** Krippendorff's alpha for nominal data, with how much of the data it used. */
export interface KrippendorffAlpha {
  alpha: number;
  /** Items with at least two ratings (the only ones alpha can use). */
  items: number;
  /** Ratings in those items. */
  values: number;
}

/**
 * Krippendorff's alpha (nominal metric) from the coincidence matrix: alpha = 1 − (n − 1)·Do/De with
 * Do = Σu Σc≠k nuc·nuk/(mu − 1) and De = Σc≠k nc·nk, over items with mu ≥ 2 ratings (Krippendorff 2011,
 * "Computing Krippendorff's alpha-reliability"). `rows` are items, one entry per rater, `null` missing.
 *
 * Degenerate data: no item with two ratings gives `null`; when every pairable rating is the same
 * category (De = 0, hence Do = 0) alpha is defined as 1, as NLTK does.
 */
export function krippendorffAlpha(rows: ReadonlyArray<ReadonlyArray<string | null>>): KrippendorffAlpha | null {
  const totals = new Map<string, number>();
  let observed = 0;
  let items = 0;
  for (const row of rows) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const v of row) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m += 1;
    }
    if (m < 2) continue;
    items += 1;
    let same = 0;
    for (const [c, k] of counts) {
      same += k * k;
      totals.set(c, (totals.get(c) ?? 0) + k);
    }
    observed += (m * m - same) / (m - 1);
  }
  if (items === 0) return null;
  let n = 0;
  let sumSquares = 0;
  for (const k of totals.values()) {
    n += k;
    sumSquares += k * k;
  }
  const expected = n * n - sumSquares;
  if (expected === 0) return { alpha: 1, items, values: n };
  return { alpha: 1 - ((n - 1) * observed) / expected, items, values: n };
}
