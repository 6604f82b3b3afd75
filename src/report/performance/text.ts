import type { PerformanceCard } from "./compute.js";

const k = (c: PerformanceCard["comparisons"][number]) => (c.kappa ? kappaWords(c.kappa) : "kappa —");

/** The card as plain lines (for `npm run evaluate` and the terminal). Pure. */
export function performanceLines(card: PerformanceCard): string[] {
  const lines: string[] = [];
  for (const c of card.comparisons) {
    lines.push(`${c.task}, ${c.source === "model" ? `model (out-of-fold, ${card.folds}-fold, seed ${card.seed})` : "rules"}: ${k(c)}, agreement ${c.kappa ? (100 * c.kappa.observed).toFixed(1) : "—"}% of ${c.n}`);
    lines.push(`    suggested \\ final: ${c.categories.join(" / ")}`);
    c.categories.forEach((cat, i) => lines.push(`    ${cat.padEnd(28)} ${c.counts[i].map((n) => String(n).padStart(6)).join("")}`));
  }
  for (const n of card.notes) lines.push(`note: ${n}`);
  const rules = card.rules.filter((r) => r.task !== "codes");
  if (rules.length) {
    lines.push("precision of each rule id that fired (final decision = the rule's suggestion):");
    for (const r of rules) lines.push(`    ${r.task.padEnd(10)} ${r.rule.padEnd(34)} ${String(r.agreed).padStart(5)}/${String(r.fired).padEnd(5)} ${((100 * r.agreed) / r.fired).toFixed(1)}%`);
  }
  return lines;
}

/** Kappa and its interval in words, or why either is undefined: "kappa 0.92 (95% CI 0.85 to 0.99)". */
export function kappaWords(k: { kappa: number | null; ci95: [number, number] | null; why: { kappa?: string; ci95?: string } }, digits = 2): string {
  if (k.kappa === null) return `kappa undefined (${k.why.kappa ?? "no variation"})`;
  const ci = k.ci95 ? `95% CI ${k.ci95[0].toFixed(digits)} to ${k.ci95[1].toFixed(digits)}` : `95% CI undefined (${k.why.ci95 ?? "SE is 0"})`;
  return `kappa ${k.kappa.toFixed(digits)} (${ci})`;
}
