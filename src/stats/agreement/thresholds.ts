import type { AgreementReport } from "./summarise.js";

/** Minimum figures a CI job asks for (`--min-kappa`, `--min-alpha`). */
export interface Thresholds {
  min_kappa?: number;
  min_alpha?: number;
}

/** One threshold checked against the figure it applies to. */
export interface ThresholdCheck {
  threshold: keyof Thresholds;
  figure: "cohen_kappa" | "weighted_kappa" | "fleiss_kappa" | "krippendorff_alpha";
  min: number;
  /** `null` when the figure could not be computed (no data for it, or undefined): the threshold is then not met. */
  value: number | null;
  /** Why the figure is undefined, when it is. */
  why?: string;
  passed: boolean;
}

/** Rounding slack: a figure within this of its threshold meets it (0.3999999999999999 meets 0.4). */
export const THRESHOLD_TOLERANCE = 1e-12;

/**
 * Check each given threshold. `min_kappa` applies to Cohen's kappa with two raters (the weighted kappa
 * when weights were asked for) and to Fleiss' kappa with three or more; `min_alpha` to Krippendorff's
 * alpha. A figure that is absent or undefined fails its threshold: an undefined figure shows nothing.
 */
export function checkThresholds(report: AgreementReport, thresholds: Thresholds): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  const add = (threshold: keyof Thresholds, figure: ThresholdCheck["figure"]) => {
    const min = thresholds[threshold];
    if (min === undefined) return;
    const value = report[figure] ?? null;
    const why = report.why_undefined?.[figure];
    out.push({ threshold, figure, min, value, ...(why ? { why } : {}), passed: value !== null && value >= min - THRESHOLD_TOLERANCE });
  };
  add("min_kappa", report.raters === 2 ? (report.weights ? "weighted_kappa" : "cohen_kappa") : "fleiss_kappa");
  add("min_alpha", "krippendorff_alpha");
  return out;
}

/** What `--format json` prints: the figures, the thresholds asked for, and whether all were met. */
export type AgreementOutput = AgreementReport & { thresholds: Thresholds; passed: boolean };

/** The report with its thresholds and verdict (`passed` is true when no threshold was given). */
export function withVerdict(report: AgreementReport, thresholds: Thresholds, checks: readonly ThresholdCheck[]): AgreementOutput {
  return { ...report, thresholds: { ...thresholds }, passed: checks.every((c) => c.passed) };
}
