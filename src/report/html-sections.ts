import { agreementView, displayValue } from "./agreement-view.js";
import { agreedOf, undefinedText } from "../stats/agreement/wording.js";
import { escapeHtml as esc } from "./escape.js";
import type { Flow, ReasonLabel } from "./flow.js";
import { csvTableHtml, htmlTable, para, type HtmlCell } from "./html-parts.js";
import type { AgreementSource, CsvTable } from "./report-inputs.js";
import { routesView, type RouteScheme } from "./routes.js";
import type { Table1 } from "./table1.js";

const num = (text: string | number): HtmlCell => ({ text: String(text), cls: "num" });

/** Flow chart (our own SVG, inline) and the counts behind it by group, each reason under the study's label. */
export function flowHtml(flow: Flow, svg: string, reasonLabel: ReasonLabel): string {
  const row = (label: string, c: Flow["returned"], sub = false) => ({ cells: [{ text: label, cls: sub ? "sub" : undefined }, num(c.adult), num(c.child), num(c.unknown), num(c.total)] });
  const table = htmlTable(["Step", num("Adults"), num("Children"), num("Age unknown"), num("Total")], [
    row("Returned by the search", flow.returned),
    row("Excluded on screening", flow.excluded),
    ...flow.reasons.map((r) => row(reasonLabel(r.reason), r.count, true)),
    row("Included", flow.included),
  ]);
  return `<figure>\n${svg}<figcaption>Figure 1. Patients returned by the search terms, excluded on screening (with reasons) and included, by age group.</figcaption>\n</figure>\n${table}`;
}

/** Table 1 of the study: a heading row per characteristic, categories under it. */
export function table1Html(t: Table1, notes: readonly string[]): string {
  const rows: { cells: HtmlCell[]; cls?: string }[] = [];
  let current = "";
  for (const r of t.rows.slice(1)) {
    if (r.characteristic !== current) {
      current = r.characteristic;
      rows.push({ cls: "group", cells: [{ text: current, colspan: 4, header: true }] });
    }
    rows.push({ cells: [{ text: r.category, cls: "sub" }, num(r.cells.total), num(r.cells.adult), num(r.cells.child)] });
  }
  const head = ["Characteristic", num(`Total (n = ${t.n.total})`), num(`Adults (n = ${t.n.adult})`), num(`Children (n = ${t.n.child})`)];
  const all = [
    "Cells are n (%) of the column total; percentages are whole numbers rounded half up, so a column may not sum to exactly 100. Mean age is given with its sample standard deviation and range.",
    ...(t.unknownGroup > 0 ? [`The total includes ${t.unknownGroup} patient${t.unknownGroup === 1 ? "" : "s"} whose age at first contact is unknown, so they are neither adults nor children.`] : []),
    ...notes,
  ];
  return `${htmlTable(head, rows, "Table 1. Characteristics of the included patients")}\n${all.map((n) => para(n)).join("\n")}`;
}

/**
 * Identification routes by group, in the study's `43% (41/95)` style, under the study's heading, with the
 * categories file's labels and members indented under their reporting group or category.
 */
export function routesHtml(table: CsvTable, heading: string, scheme?: RouteScheme): string {
  const view = routesView(table, scheme);
  if (!view) return `${para(`${table.file} has no group and category columns; shown as written.`)}\n${csvTableHtml(table)}`;
  const rows = view.rows.map((r) => ({
    cells: [
      { text: r.label, cls: r.level === 0 ? undefined : r.level === 1 ? "sub" : "sub sub2" },
      ...view.columns.map((c): HtmlCell => {
        const cell = r.cells[c.group];
        if (!cell) return num("–");
        const confirmed = cell.confirmed !== undefined ? `<small class="confirmed">${esc(cell.confirmed)} confirmed by a rater</small>` : "";
        return { html: `${esc(cell.text)}${confirmed}`, cls: "num" };
      }),
    ],
  }));
  const shortfall = view.rows.some((r) => Object.values(r.cells).some((c) => c.confirmed !== undefined));
  const html = htmlTable([heading, ...view.columns.map((c) => num(c.label))], rows, "Identification routes");
  return `${html}\n${para(shortfall ? "Counts use a rater's final route where one was given and the suggested route otherwise; where not every patient in a cell was confirmed by a rater, the number confirmed is shown under it." : "Counts use a rater's final route where one was given and the suggested route otherwise.")}`;
}

/** The agreement figures side by side, and each confusion matrix with its categories as `labelOf` names them. */
export function agreementHtml(sources: readonly AgreementSource[], labelOf?: (id: string) => string): string {
  const view = agreementView(sources, labelOf);
  const parts = [htmlTable(["Measure", ...view.sources.map((s) => num(s))], view.rows.map((r) => ({
        cells: [{ text: r.measure, cls: "measure" }, ...r.values.map((v): HtmlCell => (v.startsWith("undefined") ? { text: v, cls: "num undefined" } : v.length > 24 ? { text: v, cls: "num wrap" } : num(v)))],
      })), "Agreement between raters")];
  for (const m of view.matrices) {
    parts.push(
      htmlTable(
        ["Rater 1 ↓ / rater 2 →", ...m.categories.map((c) => num(c))],
        m.counts.map((row, i) => ({ cells: [{ text: m.categories[i], header: true }, ...row.map((n) => num(n))] })),
        `Confusion matrix: ${m.source}`,
      ),
    );
  }
  const notes = [
    ...view.methods.map((m) => `95% CI of ${m}`),
    "PABAK is (q·po − 1)/(q − 1) for q categories. A figure the data leave undefined (0/0) is shown as undefined, with the reason.",
  ];
  parts.push(...notes.map((n) => para(n)));
  return parts.join("\n");
}

const CODER_HEADS: [string, string, boolean][] = [
  ["level", "Level", false],
  ["id", "Code or theme", false],
  ["extracts", "Extracts", true],
  ["both", "Both coders", true],
  ["first_only", "First coder only", true],
  ["second_only", "Second coder only", true],
  ["neither", "Neither", true],
  ["observed_agreement", "Agreed", true],
  ["kappa", "Kappa", true],
  ["alpha", "Alpha", true],
];

/** Per-code agreement of two coders: counts, "n of m agreed (p)", kappa and alpha, or why they are undefined. */
export function coderAgreementHtml(table: CsvTable): string {
  const known = CODER_HEADS.filter(([c]) => table.columns.includes(c));
  if (known.length < 6) return csvTableHtml(table, "Agreement between two coders, per code (present or absent in each extract)");
  const rows = table.rows.map((r) => {
    const n = Number(r.extracts);
    const agreedN = Number(r.both) + Number(r.neither);
    const note = r.note ?? "";
    const why = (figure: string) => (note.includes(figure) ? note.replace(/^[a-z ]+ undefined: /, "") : undefined);
    return {
      cells: known.map(([c, , numeric]): HtmlCell => {
        const v = r[c] ?? "";
        if (c === "observed_agreement" && Number.isFinite(n) && Number.isFinite(agreedN)) return num(agreedOf(agreedN, n));
        if ((c === "kappa" || c === "alpha") && v === "") return { text: undefinedText(why(c)), cls: "num undefined" };
        return numeric ? num(displayValue(v)) : v;
      }),
    };
  });
  return htmlTable(
    known.map(([, head, numeric]) => (numeric ? num(head) : head)),
    rows,
    "Agreement between two coders, per code (present or absent in each extract)",
  );
}
