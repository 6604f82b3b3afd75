import type { AgreementOutput, ThresholdCheck } from "./thresholds.js";

/** The figures in reading order, with the names a reader knows them by. */
export const FIGURES = [
  ["observed_agreement", "observed agreement"],
  ["cohen_kappa", "Cohen's kappa"],
  ["pabak", "PABAK"],
  ["gwet_ac1", "Gwet's AC1"],
  ["prevalence_index", "prevalence index"],
  ["bias_index", "bias index"],
  ["krippendorff_alpha", "Krippendorff's alpha"],
  ["fleiss_kappa", "Fleiss' kappa"],
] as const;

const FLAG = { min_kappa: "--min-kappa", min_alpha: "--min-alpha" } as const;

export function label(figure: string): string {
  return FIGURES.find(([k]) => k === figure)?.[1] ?? figure;
}

/** Three decimals, and more when three would make a figure look equal to its threshold. */
export function fixed(x: number, against?: number): string {
  let digits = 3;
  while (against !== undefined && x !== against && digits < 12 && x.toFixed(digits) === against.toFixed(digits)) digits++;
  return x.toFixed(digits);
}

/** One line per threshold: `PASS  Cohen's kappa 0.812 ≥ 0.7 (--min-kappa)`. */
export function thresholdLine(c: ThresholdCheck): string {
  if (c.value === null) return `FAIL  ${label(c.figure)} could not be computed, so ${FLAG[c.threshold]} ${c.min} is not met`;
  return `${c.passed ? "PASS" : "FAIL"}  ${label(c.figure)} ${fixed(c.value, c.min)} ${c.passed ? "≥" : "<"} ${c.min} (${FLAG[c.threshold]})`;
}

/** A readable report for a terminal: counts, figures, the confusion matrix and the thresholds. */
export function renderText(out: AgreementOutput, checks: readonly ThresholdCheck[], raterNames: readonly string[]): string {
  const lines = [`Agreement between ${out.raters} raters: ${raterNames.join(", ")}`];
  const row = (name: string, value: string) => lines.push(`  ${name.padEnd(22)}${value}`);
  const compared = out.raters === 2 ? "rated by both" : "rated by all";
  row("items", `${out.items} (${out.items_compared} ${compared}, ${out.items_pairable} with two or more ratings)`);
  row("categories", out.categories.join(", ") || "none");
  for (const [key, name] of FIGURES) {
    const v = out[key];
    if (v === undefined) continue;
    let text = fixed(v);
    if (key === "cohen_kappa" && out.cohen_kappa_se !== undefined && out.cohen_kappa_ci95) {
      text += `  SE ${fixed(out.cohen_kappa_se)}  95% CI ${fixed(out.cohen_kappa_ci95[0])} to ${fixed(out.cohen_kappa_ci95[1])}`;
    }
    row(name, text);
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
  if (checks.length > 0) {
    lines.push("", "Thresholds");
    for (const c of checks) lines.push(`  ${thresholdLine(c)}`);
  }
  return `${lines.join("\n")}\n`;
}
