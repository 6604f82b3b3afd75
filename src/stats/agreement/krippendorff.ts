import { createRandom } from "../../core/random.js";
import { quantile } from "./interval.js";

/** Krippendorff's alpha for nominal data, with how much of the data it used. */
export interface KrippendorffAlpha {
  /** `null` when there is no variation to measure agreement on (De = 0). */
  alpha: number | null;
  why?: string;
  /** Items with at least two ratings (the only ones alpha can use). */
  items: number;
  /** Ratings in those items. */
  values: number;
}

export const NO_VARIATION = "every rating is the same category, so there is no variation to measure agreement on (De = 0, alpha is 0/0)";

/** One item's ratings, reduced to what alpha needs: its category counts. */
type Unit = Map<string, number>;

function units(rows: ReadonlyArray<ReadonlyArray<string | null>>): Unit[] {
  const out: Unit[] = [];
  for (const row of rows) {
    const counts: Unit = new Map();
    let m = 0;
    for (const v of row) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m += 1;
    }
    if (m >= 2) out.push(counts);
  }
  return out;
}

/** alpha of the given units (each with two or more ratings); `null` when De = 0. */
function alphaOf(list: readonly Unit[]): { alpha: number | null; values: number } {
  const totals = new Map<string, number>();
  let observed = 0;
  for (const counts of list) {
    let m = 0;
    let same = 0;
    for (const [c, k] of counts) {
      m += k;
      same += k * k;
      totals.set(c, (totals.get(c) ?? 0) + k);
    }
    observed += (m * m - same) / (m - 1);
  }
  let n = 0;
  let sumSquares = 0;
  for (const k of totals.values()) {
    n += k;
    sumSquares += k * k;
  }
  const expected = n * n - sumSquares;
  return { alpha: expected === 0 ? null : 1 - ((n - 1) * observed) / expected, values: n };
}

/**
 * Krippendorff's alpha (nominal metric) from the coincidence matrix: alpha = 1 − (n − 1)·Do/De with
 * Do = Σu Σc≠k nuc·nuk/(mu − 1) and De = Σc≠k nc·nk, over items with mu ≥ 2 ratings (Krippendorff 2011,
 * "Computing Krippendorff's alpha-reliability"). `rows` are items, one entry per rater, `null` missing.
 *
 * Degenerate data: no item with two ratings gives `null`; when every pairable rating is the same
 * category (De = 0, hence Do = 0) alpha is undefined (NLTK returns 1 there; 0/0 is not agreement).
 */
export function krippendorffAlpha(rows: ReadonlyArray<ReadonlyArray<string | null>>): KrippendorffAlpha | null {
  const list = units(rows);
  if (list.length === 0) return null;
  const { alpha, values } = alphaOf(list);
  return alpha === null ? { alpha, why: NO_VARIATION, items: list.length, values } : { alpha, items: list.length, values };
}

/** A bootstrap interval for alpha, with what it was drawn from. */
export interface AlphaBootstrap {
  ci95: [number, number] | null;
  why?: string;
  resamples: number;
  /** Resamples with alpha defined (a resample with no variation has none, and is left out). */
  used: number;
  seed: number;
}

/**
 * A percentile bootstrap interval for alpha: `resamples` times, draw as many items as there are
 * (those with two or more ratings) with replacement, each by `floor(next()·n)` from the seeded
 * generator of core/random, and compute alpha; the interval is the 2.5th and 97.5th percentiles
 * (linear interpolation) of the alphas that are defined. Undefined when fewer than half are.
 */
export function bootstrapAlpha(rows: ReadonlyArray<ReadonlyArray<string | null>>, resamples: number, seed: number): AlphaBootstrap {
  const list = units(rows);
  if (list.length === 0 || resamples <= 0) return { ci95: null, why: "no resamples were drawn", resamples, used: 0, seed };
  const rnd = createRandom(seed);
  const n = list.length;
  const alphas: number[] = [];
  const draw: Unit[] = new Array<Unit>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = list[rnd.int(n)];
    const { alpha } = alphaOf(draw);
    if (alpha !== null) alphas.push(alpha);
  }
  if (alphas.length * 2 < resamples) {
    return { ci95: null, why: `alpha is undefined in ${resamples - alphas.length} of ${resamples} resamples (too little variation in the ratings)`, resamples, used: alphas.length, seed };
  }
  alphas.sort((a, b) => a - b);
  return { ci95: [quantile(alphas, 0.025), quantile(alphas, 0.975)], resamples, used: alphas.length, seed };
}
