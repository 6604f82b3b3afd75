/**
 * Ratings as the agreement statistics see them, and the two-rater contingency table built from them.
 * A rating is a category label; `null` is a missing rating.
 */

/** One row per item, one column per rater; `null` where a rater gave no rating. */
export interface Ratings {
  raters: readonly string[];
  items: readonly string[];
  /** `values[item][rater]`. */
  values: ReadonlyArray<ReadonlyArray<string | null>>;
}

/** Counts of rater 1's category (row) against rater 2's category (column). */
export interface ContingencyTable {
  categories: readonly string[];
  counts: number[][];
  n: number;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Sort order of category labels: labels that are plain decimal numbers first, numerically (`2` before
 * `10`), then the rest by code unit, so the order never depends on the machine's locale.
 */
export function compareCategories(a: string, b: string): number {
  const x = NUMBER.test(a) ? Number(a) : NaN;
  const y = NUMBER.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(x) && Number.isNaN(y)) return -1;
  if (Number.isNaN(x) && !Number.isNaN(y)) return 1;
  if (x !== y && !Number.isNaN(x)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every category any rater used on any item, sorted with {@link compareCategories}. */
export function categoriesOf(ratings: Ratings): string[] {
  const seen = new Set<string>();
  for (const row of ratings.values) for (const v of row) if (v !== null) seen.add(v);
  return [...seen].sort(compareCategories);
}

/**
 * The contingency table of two raters over the items both rated. `categories` fixes the rows and
 * columns (categories nobody used on these items give empty rows and columns); by default the
 * categories seen in the pairs.
 */
export function contingencyTable(
  pairs: ReadonlyArray<readonly [string, string]>,
  categories?: readonly string[],
): ContingencyTable {
  const cats = categories ?? [...new Set(pairs.flat())].sort(compareCategories);
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const counts = cats.map(() => cats.map(() => 0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) throw new RangeError(`category "${i === undefined ? a : b}" is not in the category list`);
    counts[i][j] += 1;
  }
  return { categories: cats, counts, n: pairs.length };
}

/** The pairs of ratings of raters `r1` and `r2` on the items both rated. */
export function completePairs(ratings: Ratings, r1 = 0, r2 = 1): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const row of ratings.values) {
    const a = row[r1];
    const b = row[r2];
    if (a !== null && b !== null) out.push([a, b]);
  }
  return out;
}

/** Row and column proportions and the observed agreement of a table with n > 0. */
export function marginals(t: ContingencyTable): { rows: number[]; cols: number[]; po: number } {
  const q = t.categories.length;
  const rows = t.counts.map((r) => r.reduce((s, x) => s + x, 0) / t.n);
  const cols = Array.from({ length: q }, (_, j) => t.counts.reduce((s, r) => s + r[j], 0) / t.n);
  let diag = 0;
  for (let i = 0; i < q; i++) diag += t.counts[i][i];
  return { rows, cols, po: diag / t.n };
}
