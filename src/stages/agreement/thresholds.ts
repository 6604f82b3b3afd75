import type { AgreementReport } from "./summarise.js";

/** Minimum figures a CI job asks for (`--min-kappa`, `--min-alpha`). */
export interface Thresholds {
  min_kappa?: number;
  min_alpha?: number;
}

/** One threshold checked against the figure it applies to. */
export interface ThresholdCheck {
  threshold: keyof Thresholds;
  figure: "cohen_kappa" | "fleiss_kappa" | "krippendorff_alpha";
  min: number;
  /** `null` when the figure could not be computed (no data for it): the threshold is then not met. */
  value: number | null;
  passed: boolean;
}

/** Rounding slack: a figure within this of its threshold meets it (0.3999999999999999 meets 0.4). */
export const THRESHOLD_TOLERANCE = 1e-12;

/**
 * Check each given threshold. `min_kappa` applies to Cohen's kappa with two raters and to Fleiss' kappa
 * with three or more; `min_alpha` to Krippendorff's alpha. A figure that is absent fails its threshold.
 */
export function checkThresholds(report: AgreementReport, thresholds: Thresholds): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  const add = (threshold: keyof Thresholds, figure: ThresholdCheck["figure"]) => {
    const min = thresholds[threshold];
    if (min === undefined) return;
    const value = report[figure] ?? null;
    out.push({ threshold, figure, min, value, passed: value !== null && value >= min - THRESHOLD_TOLERANCE });
  };
  add("min_kappa", report.raters === 2 ? "cohen_kappa" : "fleiss_kappa");
  add("min_alpha", "krippendorff_alpha");
  return out;
}

/** What `--format json` prints: the figures, the thresholds asked for, and whether all were met. */
export type AgreementOutput = AgreementReport & { thresholds: Thresholds; passed: boolean };

/** The report with its thresholds and verdict (`passed` is true when no threshold was given). */
export function withVerdict(report: AgreementReport, thresholds: Thresholds, checks: readonly ThresholdCheck[]): AgreementOutput {
  return { ...report, thresholds: { ...thresholds }, passed: checks.every((c) => c.passed) };
}
