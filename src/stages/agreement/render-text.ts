import type { AgreementOutput, ThresholdCheck } from "../../stats/agreement/thresholds.js";
import { agreedOf, figureText, fixed, intervalText } from "../../stats/agreement/wording.js";

export { fixed } from "../../stats/agreement/wording.js";

/** The figures in reading order, with the names a reader knows them by. */
export const FIGURES = [
  ["observed_agreement", "observed agreement"],
  ["cohen_kappa", "Cohen's kappa"],
  ["weighted_kappa", "weighted kappa"],
  ["pabak", "PABAK"],
  ["gwet_ac1", "Gwet's AC1"],
  ["prevalence_index", "prevalence index"],
  ["bias_index", "bias index"],
  ["krippendorff_alpha", "Krippendorff's alpha"],
  ["fleiss_kappa", "Fleiss' kappa"],
] as const;

/** Each figure's standard error and interval keys, where it has them. */
const SPREAD: Partial<Record<(typeof FIGURES)[number][0], { se?: string; ci: string }>> = {
  cohen_kappa: { se: "cohen_kappa_se", ci: "cohen_kappa_ci95" },
  weighted_kappa: { se: "weighted_kappa_se", ci: "weighted_kappa_ci95" },
  gwet_ac1: { se: "gwet_ac1_se", ci: "gwet_ac1_ci95" },
  krippendorff_alpha: { ci: "krippendorff_alpha_ci95" },
};

const FLAG = { min_kappa: "--min-kappa", min_alpha: "--min-alpha" } as const;

export function label(figure: string): string {
  return FIGURES.find(([k]) => k === figure)?.[1] ?? figure;
}

/** One line per threshold: `PASS  Cohen's kappa 0.812 ≥ 0.7 (--min-kappa)`. */
export function thresholdLine(c: ThresholdCheck): string {
  if (c.value === null) return `FAIL  ${label(c.figure)} could not be computed${c.why ? ` (${c.why})` : ""}, so ${FLAG[c.threshold]} ${c.min} is not met`;
  return `${c.passed ? "PASS" : "FAIL"}  ${label(c.figure)} ${fixed(c.value, c.min)} ${c.passed ? "≥" : "<"} ${c.min} (${FLAG[c.threshold]})`;
}

/** A figure with its SE and interval, as one line of text. */
export function figureLine(out: AgreementOutput, key: (typeof FIGURES)[number][0]): string | undefined {
  const v = out[key];
  if (v === undefined) return undefined;
  const why = out.why_undefined ?? {};
  let text = figureText(v, why[key]);
  const spread = SPREAD[key];
  if (v !== null && spread) {
    const record = out as unknown as Record<string, unknown>;
    const se = spread.se ? record[spread.se] : undefined;
    if (typeof se === "number") text += `  SE ${fixed(se)}`;
    if (record[spread.ci] !== undefined) text += `  95% CI ${intervalText(record[spread.ci] as [number, number] | null, why[spread.ci])}`;
  }
  return text;
}

/** A readable report for a terminal: counts, figures, the confusion matrix, the methods and the thresholds. */
export function renderText(out: AgreementOutput, checks: readonly ThresholdCheck[], raterNames: readonly string[]): string {
  const lines = [`Agreement between ${out.raters} raters: ${raterNames.join(", ")}`];
  const row = (name: string, value: string) => lines.push(`  ${name.padEnd(22)}${value}`);
  const compared = out.raters === 2 ? "rated by both" : "rated by all";
  row("items", `${out.items} (${out.items_compared} ${compared}, ${out.items_pairable} with two or more ratings)`);
  row("categories", out.categories.join(", ") || "none");
  if (out.categories_not_compared) row("not compared", `${out.categories_not_compared.join(", ")} (used only on items one rater rated)`);
  if (out.items_agreed !== undefined) row("agreed", agreedOf(out.items_agreed, out.items_compared));
  for (const [key, name] of FIGURES) {
    const text = figureLine(out, key);
    if (text !== undefined) row(key === "weighted_kappa" && out.weights ? `${name} (${out.weights})` : name, text);
  }
  if (out.confusion_matrix) {
    const cats = out.categories;
    const width = Math.max(7, ...cats.map((c) => c.length)) + 2;
    lines.push("", `Confusion matrix (rows ${raterNames[0]}, columns ${raterNames[1]})`);
    lines.push(`  ${"".padEnd(width)}${cats.map((c) => c.padStart(width)).join("")}`);
    for (const r of cats) {
      lines.push(`  ${r.padEnd(width)}${cats.map((c) => String(out.confusion_matrix![r][c]).padStart(width)).join("")}`);
    }
  }
  if (out.methods) {
    lines.push("", "Intervals");
    for (const [key, how] of Object.entries(out.methods)) lines.push(`  ${label(key.replace(/_ci95$/, ""))}: ${how}`);
  }
  if (checks.length > 0) {
    lines.push("", "Thresholds");
    for (const c of checks) lines.push(`  ${thresholdLine(c)}`);
  }
  return `${lines.join("\n")}\n`;
}
