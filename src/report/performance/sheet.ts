import type { SheetValue } from "../../io/workbook.js";
import type { SheetModel } from "../report-sheets.js";
import type { PerformanceCard } from "./compute.js";

const r4 = (x: number) => Number(x.toFixed(4));

/** The card as report.xlsx's "Performance" sheet: one row per figure, per confusion-matrix cell and per rule. Pure. */
export function performanceSheet(card: PerformanceCard): SheetModel {
  const rows: Record<string, SheetValue>[] = [];
  for (const c of card.comparisons) {
    const source = c.source === "model" ? `model (out-of-fold, ${card.folds}-fold, seed ${card.seed})` : "rules";
    const base = { task: c.task, source };
    rows.push({ ...base, item: c.what, measure: "n", value: c.n });
    if (c.kappa) {
      const undefinedAs = (x: number | null, why?: string) => (x === null ? `undefined (${why ?? "no variation"})` : r4(x));
      rows.push({ ...base, item: "", measure: "cohen_kappa", value: undefinedAs(c.kappa.kappa, c.kappa.why.kappa) });
      rows.push({ ...base, item: "", measure: "cohen_kappa_ci95_low", value: undefinedAs(c.kappa.ci95?.[0] ?? null, c.kappa.why.ci95) });
      rows.push({ ...base, item: "", measure: "cohen_kappa_ci95_high", value: undefinedAs(c.kappa.ci95?.[1] ?? null, c.kappa.why.ci95) });
      rows.push({ ...base, item: "", measure: "observed_agreement", value: r4(c.kappa.observed) });
    }
    c.categories.forEach((a, i) => c.categories.forEach((b, j) => rows.push({ ...base, item: `suggested ${a} / final ${b}`, measure: "count", value: c.counts[i][j] })));
  }
  for (const r of card.rules) rows.push({ task: r.task, source: "rules", item: r.rule, measure: `precision (${r.agreed}/${r.fired})`, value: r4(r.agreed / r.fired) });
  for (const n of card.notes) rows.push({ task: n.split(":")[0], source: "model", item: n, measure: "note", value: "" });
  return {
    name: "Performance",
    columns: [
      { header: "task", key: "task", width: 12 },
      { header: "source", key: "source", width: 34 },
      { header: "item", key: "item", width: 60 },
      { header: "measure", key: "measure", width: 24 },
      { header: "value", key: "value", width: 12 },
    ],
    rows,
  };
}
