import type { PerformanceCard } from "./compute.js";

const k = (c: PerformanceCard["comparisons"][number]) => (c.kappa ? `kappa ${c.kappa.kappa.toFixed(2)} (95% CI ${c.kappa.ci95[0].toFixed(2)} to ${c.kappa.ci95[1].toFixed(2)})` : "kappa —");

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
