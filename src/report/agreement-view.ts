import { decimals } from "./format.js";
import type { AgreementSource } from "./report-inputs.js";

export interface AgreementView {
  sources: string[];
  /** One row per figure any source has; `–` where a source lacks it. */
  rows: { measure: string; values: string[] }[];
  matrices: { source: string; categories: string[]; counts: number[][] }[];
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const d3 = (v: unknown) => decimals(num(v), 3);

type Measure = [string, (r: Record<string, unknown>) => string | undefined];

const MEASURES: Measure[] = [
  ["Raters", (r) => (num(r.raters) !== undefined ? String(r.raters) : undefined)],
  ["Second-rater sample", (r) => (num(r.sampled) !== undefined ? `first ${r.first ?? "?"} + ${Math.round(100 * (num(r.fraction) ?? 0))}% at random, seed ${r.seed ?? "?"}: ${r.sampled} patients` : undefined)],
  ["Items rated by both (compared)", (r) => (num(r.items_compared) !== undefined ? `${r.items_compared} of ${r.items ?? "?"}` : undefined)],
  ["Observed agreement", (r) => (r.observed_agreement !== undefined ? d3(r.observed_agreement) : undefined)],
  ["Cohen's kappa (SE)", (r) => (r.cohen_kappa !== undefined ? `${d3(r.cohen_kappa)} (${d3(r.cohen_kappa_se)})` : undefined)],
  ["Cohen's kappa 95% CI", (r) => (Array.isArray(r.cohen_kappa_ci95) ? `${d3(r.cohen_kappa_ci95[0])} to ${d3(r.cohen_kappa_ci95[1])}` : undefined)],
  ["PABAK", (r) => (r.pabak !== undefined ? d3(r.pabak) : undefined)],
  ["Gwet's AC1", (r) => (r.gwet_ac1 !== undefined ? d3(r.gwet_ac1) : undefined)],
  ["Krippendorff's alpha (nominal)", (r) => (r.krippendorff_alpha !== undefined ? d3(r.krippendorff_alpha) : undefined)],
  ["Fleiss' kappa", (r) => (r.fleiss_kappa !== undefined ? d3(r.fleiss_kappa) : undefined)],
  ["Prevalence index", (r) => (r.prevalence_index !== undefined ? d3(r.prevalence_index) : undefined)],
  ["Bias index", (r) => (r.bias_index !== undefined ? d3(r.bias_index) : undefined)],
];

/** The agreement figures of every agreement.json side by side, with each confusion matrix. Pure. */
export function agreementView(sources: readonly AgreementSource[]): AgreementView {
  const rows = MEASURES.map(([measure, get]) => ({ measure, values: sources.map((s) => get(s.report) ?? "–") })).filter((row, i) =>
    sources.some((s) => MEASURES[i][1](s.report) !== undefined),
  );
  const matrices = sources.flatMap((s) => {
    const m = s.report.confusion_matrix;
    if (!m || typeof m !== "object") return [];
    const matrix = m as Record<string, Record<string, unknown>>;
    const categories = Array.isArray(s.report.categories) ? (s.report.categories as unknown[]).map(String) : Object.keys(matrix);
    return [{ source: s.label, categories, counts: categories.map((a) => categories.map((b) => num(matrix[a]?.[b]) ?? 0)) }];
  });
  return { sources: sources.map((s) => s.label), rows, matrices };
}

/** A value of a CSV written by another stage, for display: long decimals shortened to 3 places. */
export function displayValue(value: string): string {
  return /^-?\d+\.\d{4,}$/.test(value) ? Number(value).toFixed(3) : value;
}
