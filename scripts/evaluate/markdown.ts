import { confusion, type Pair } from "./metrics.js";
import { routeShares, share, type Column } from "./figures.js";

const cell = (s: string): string => s.replace(/\|/g, "\\|");

function row(label: string, values: readonly string[]): string {
  return `| ${[label, ...values].map(cell).join(" | ")} |`;
}

/** The figure table of the README: one row per measure, one column per set (or half of one). */
export function figureTable(columns: readonly Column[]): string {
  const lines = [row("measure", columns.map((c) => c.name)), `|${" --- |".repeat(columns.length + 1)}`];
  lines.push(row("eligible / excluded patients", columns.map((c) => `${c.eligible} / ${c.excluded}`)));
  lines.push(
    row("returned by the search (recall)", columns.map((c) => (c.search ? share(c.search.tp, c.search.tp + c.search.fn) : "n/a"))),
    row("eligible suggested `exclude` (must be 0)", columns.map((c) => (c.screening ? `${c.screening.eligibleOut.length} of ${c.screening.eligible}` : "n/a"))),
    row("excluded suggested `exclude` with the right reason", columns.map((c) => (c.screening ? share(c.screening.rightReason, c.screening.excluded) : "n/a"))),
    row("identification route right", columns.map((c) => routeShares(c).route)),
    row("informing service right (told by another service)", columns.map((c) => routeShares(c).service)),
    row("themes: patient × theme F1 (suggested codes)", columns.map((c) => (c.themes?.f1 != null ? c.themes.f1.toFixed(2) : "n/a"))),
  );
  return lines.join("\n");
}

/** A confusion matrix of routes (rows: truth, columns: suggested) as a Markdown table. */
export function confusionMarkdown(pairs: readonly Pair[]): string {
  const c = confusion(pairs);
  const lines = [row("truth \\ suggested", c.cols), `|${" --- |".repeat(c.cols.length + 1)}`];
  for (const t of c.rows) lines.push(row(t, c.cols.map((p) => String(c.count(t, p)))));
  return lines.join("\n");
}

/** The whole Markdown block: the figure table and a route confusion matrix per column that has routes. */
export function evaluationMarkdown(columns: readonly Column[], matrices: readonly string[]): string {
  const parts = [figureTable(columns)];
  for (const c of columns) {
    if (!c.routes || !matrices.includes(c.name)) continue;
    parts.push(`Identification routes, ${c.name} (rows: truth; columns: suggested):\n\n${confusionMarkdown(c.routes.pairs)}`);
  }
  return parts.join("\n\n") + "\n";
}
