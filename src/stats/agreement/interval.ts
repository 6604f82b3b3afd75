/**
 * Confidence intervals of the agreement figures, and the way a figure that cannot be computed is
 * carried: `null` with the reason, never NaN, 0 or 1 standing in for it.
 */

/** z for a two-sided 95% interval, as SPEC §7 fixes it (estimate ± 1.96·SE). */
export const Z95 = 1.96;

/** A standard error below this is taken as exactly 0 (floating-point residue of a zero variance). */
const ZERO_SE = 1e-12;

/** A figure, or `null` with why it is undefined. */
export type Figure = { value: number; why?: undefined } | { value: null; why: string };

export const defined = (value: number): Figure => ({ value });
export const undefinedBecause = (why: string): Figure => ({ value: null, why });

/** The SE from a variance: a variance that rounds below zero, or to a residue, is 0. */
export function seFromVariance(variance: number): number {
  const se = Math.sqrt(Math.max(0, variance));
  return se < ZERO_SE ? 0 : se;
}

/**
 * The Wald interval estimate ± 1.96·SE, bounded to [−1, 1] because agreement coefficients cannot leave
 * it. With an SE of 0 the interval would be a single point that says nothing about sampling error, so
 * it is undefined instead.
 */
export function boundedWald(estimate: number, se: number): { ci: [number, number] } | { ci: null; why: string } {
  if (se === 0) return { ci: null, why: "its standard error is 0 (perfect agreement, or a rater used one category), so no interval can be estimated" };
  return { ci: [Math.max(-1, estimate - Z95 * se), Math.min(1, estimate + Z95 * se)] };
}

/**
 * The p-quantile of sorted values with linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of numpy.percentile and R's quantile).
 */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Plain text of the interval methods, for the JSON output, the text report and the HTML report. */
export const METHODS = {
  cohen: "kappa ± 1.96·SE with the asymptotic SE of Fleiss, Cohen & Everitt (1969), bounded to [−1, 1]",
  weighted: "weighted kappa ± 1.96·SE with the asymptotic SE of Fleiss, Cohen & Everitt (1969), bounded to [−1, 1]",
  gwet: "AC1 ± 1.96·SE with Gwet's (2008) variance (no finite-population correction), bounded to [−1, 1]",
  bootstrap: (resamples: number, seed: number) =>
    `percentile bootstrap over items (2.5th and 97.5th percentiles of ${resamples} resamples, seed ${seed})`,
} as const;
