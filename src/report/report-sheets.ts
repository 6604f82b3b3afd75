import type { SheetColumn, SheetValue } from "../io/workbook.js";
import { fixed } from "../stats/agreement/wording.js";
import { agreementView } from "./agreement-view.js";
import { matrixLabel, routesView } from "./routes.js";
import { FLAGS_COLUMN, isThere, type CsvTable, type Part, type ReportInputs } from "./report-inputs.js";
import { performanceSheet } from "./performance/sheet.js";

/** One sheet of report.xlsx, before it is written. */
export interface SheetModel {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, SheetValue>[];
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A CSV value as a cell: numbers as numbers (ids keep their text, leading zeros and all). */
function cellOf(column: string, value: string): SheetValue {
  return NUMBER.test(value) && !/(^|_)id$/.test(column) ? Number(value) : value;
}

function missingSheet(name: string, part: { missing: string }): SheetModel {
  return { name, columns: [{ header: "note", key: "note", width: 90 }], rows: [{ note: part.missing }] };
}

function csvSheet(name: string, part: Part<CsvTable>, first: string[] = []): SheetModel {
  if (!isThere(part)) return missingSheet(name, part);
  const t = part.data;
  const order = [...first.filter((c) => t.columns.includes(c)), ...t.columns.filter((c) => !first.includes(c))];
  const long = new Set(order.filter((c) => t.rows.some((r) => (r[c] ?? "").length > 60)));
  return {
    name,
    columns: order.map((c) => ({ header: c, key: c, width: long.has(c) ? 80 : Math.max(12, c.length + 2), wrap: long.has(c) })),
    rows: t.rows.map((r) => Object.fromEntries(order.map((c) => [c, cellOf(c, r[c] ?? "")]))),
  };
}

/**
 * The Agreement sheet: one row per measure, one column per agreement.json, figures rounded to 3 places
 * (estimate, SE and interval ends in rows of their own, so they stay numbers), the interval methods
 * under them.
 */
function agreementSheet(inputs: ReportInputs): SheetModel {
  if (!isThere(inputs.agreement)) return missingSheet("Agreement", inputs.agreement);
  const view = agreementView(inputs.agreement.data);
  const keys = view.sources.map((_, i) => `s${i}`);
  const rows: Record<string, SheetValue>[] = view.cells.map((c) => ({ measure: c.measure, ...Object.fromEntries(c.values.map((v, i) => [keys[i], v])) }));
  for (const m of view.methods) rows.push({ measure: `95% CI of ${m}` });
  const wide = view.cells.some((c) => c.values.some((v) => typeof v === "string" && v.length > 24));
  return {
    name: "Agreement",
    columns: [
      { header: "measure", key: "measure", width: 44 },
      ...view.sources.map((s, i) => ({ header: s, key: keys[i], width: wide ? 40 : Math.max(16, s.length + 2), wrap: wide })),
    ],
    rows,
  };
}

/** Each confusion matrix: rater 1's category down, rater 2's across. */
function confusionSheet(inputs: ReportInputs): SheetModel | undefined {
  if (!isThere(inputs.agreement)) return undefined;
  const { matrices } = agreementView(inputs.agreement.data, matrixLabel(inputs.vocabulary.routes));
  if (matrices.length === 0) return undefined;
  const categories = [...new Set(matrices.flatMap((m) => m.categories))];
  const keys = categories.map((_, i) => `c${i}`);
  const rows = matrices.flatMap((m) =>
    m.categories.map((a, i) => ({ source: m.source, rater1: a, ...Object.fromEntries(m.categories.map((b, j) => [keys[categories.indexOf(b)], m.counts[i][j]])) })),
  );
  return {
    name: "Confusion matrices",
    columns: [
      { header: "source", key: "source", width: 34 },
      { header: "rater 1 ↓ / rater 2 →", key: "rater1", width: 30 },
      ...categories.map((c, i) => ({ header: c, key: keys[i], width: Math.max(10, c.length + 2) })),
    ],
    rows,
  };
}

/**
 * The Routes sheet laid out as the report's table: one row per category (a reporting group's total
 * before its members, each service under its category), the categories file's label indented by level
 * beside the ids and the level itself, then per group the study's `43% (41/95)` and the counts. Only
 * level-0 rows add up to a group's total. A summary without group and category is shown as written.
 */
function routesSheet(inputs: ReportInputs): SheetModel {
  if (!isThere(inputs.routes)) return missingSheet("Routes", inputs.routes);
  const view = routesView(inputs.routes.data, inputs.vocabulary.routes);
  if (!view) return csvSheet("Routes", inputs.routes);
  const columns = [
    { header: "route", key: "route", width: 56 },
    { header: "category", key: "category", width: 26 },
    { header: "service", key: "service", width: 20 },
    { header: "level", key: "level", width: 7 },
    ...view.columns.flatMap((c) => [
      { header: c.label, key: `${c.group}`, width: Math.max(16, c.label.length + 2) },
      { header: `${c.group}_n`, key: `${c.group}_n`, width: Math.max(10, c.group.length + 4) },
      { header: `${c.group}_confirmed`, key: `${c.group}_confirmed`, width: Math.max(12, c.group.length + 12) },
    ]),
  ];
  const rows = view.rows.map((r) => {
    const row: Record<string, SheetValue> = { route: `${"    ".repeat(r.level)}${r.label}`, category: r.category, service: r.service, level: r.level };
    for (const c of view.columns) {
      row[c.group] = r.cells[c.group]?.text ?? "";
      row[`${c.group}_n`] = r.counts[c.group]?.n ?? "";
      row[`${c.group}_confirmed`] = r.counts[c.group]?.confirmed ?? "";
    }
    return row;
  });
  return { name: "Routes", columns, rows };
}

/** Per-code agreement of two coders with figures rounded to 3 places and the reason beside an undefined one. */
function coderSheet(inputs: ReportInputs): SheetModel | undefined {
  if (!isThere(inputs.coderAgreement)) return undefined;
  const t = inputs.coderAgreement.data;
  const round = (v: string) => (NUMBER.test(v) ? Number(fixed(Number(v))) : v);
  return {
    name: "Coder agreement",
    columns: t.columns.map((c) => ({ header: c, key: c, width: c === "note" ? 60 : c === "id" ? 34 : Math.max(10, c.length + 2), wrap: c === "note" })),
    rows: t.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c, ["observed_agreement", "kappa", "alpha"].includes(c) ? round(r[c] ?? "") : cellOf(c, r[c] ?? "")]))),
  };
}

/** The sheets of report.xlsx: Table 1, Flow, Routes, Agreement, Themes, Quotes. Pure. */
export function reportSheets(inputs: ReportInputs): SheetModel[] {
  const t = inputs.table1.table;
  const table1: SheetModel = {
    name: "Table 1",
    columns: [
      { header: "characteristic", key: "characteristic", width: 40 },
      { header: "category", key: "category", width: 22 },
      { header: `total (n = ${t.n.total})`, key: "total", width: 18 },
      { header: `adult (n = ${t.n.adult})`, key: "adult", width: 18 },
      { header: `child (n = ${t.n.child})`, key: "child", width: 18 },
      { header: "total_n", key: "total_n" },
      { header: "adult_n", key: "adult_n" },
      { header: "child_n", key: "child_n" },
    ],
    // What the table leaves out or cannot fill is said under it, as in the page.
    rows: [
      ...t.rows.map((r) => ({ characteristic: r.characteristic, category: r.category, ...r.cells, total_n: r.counts.total, adult_n: r.counts.adult, child_n: r.counts.child })),
      ...inputs.table1.notes.flatMap((note, i) => [...(i === 0 ? [{}] : []), { characteristic: `Note: ${note}` }]),
    ],
  };
  const f = inputs.flow;
  const flow: SheetModel = isThere(f)
    ? {
        name: "Flow",
        columns: ["step", "reason", "label", "adult", "child", "unknown", "total"].map((c) => ({ header: c, key: c, width: c === "label" ? 44 : c === "reason" ? 20 : 10 })),
        rows: [
          { step: "returned", reason: "", label: "Returned by the search", ...f.data.returned },
          { step: "excluded", reason: "all", label: "Excluded on screening", ...f.data.excluded },
          ...f.data.reasons.map((r) => ({ step: "excluded", reason: r.reason, label: inputs.vocabulary.reasonLabel(r.reason), ...r.count })),
          { step: "included", reason: "", label: "Included", ...f.data.included },
        ],
      }
    : missingSheet("Flow", f);
  const agreement = [agreementSheet(inputs), confusionSheet(inputs), coderSheet(inputs)].filter((x): x is SheetModel => x !== undefined);
  const performance = inputs.performance ? [isThere(inputs.performance) ? performanceSheet(inputs.performance.data) : missingSheet("Performance", inputs.performance)] : [];
  const sheets = [table1, flow, routesSheet(inputs), ...agreement, csvSheet("Themes", inputs.frequencies), csvSheet("Quotes", inputs.quotes, [FLAGS_COLUMN]), ...performance];
  const drafts = inputs.drafts ?? [];
  if (drafts.length === 0) return sheets;
  // A DRAFT sheet first, and every sheet built on unconfirmed suggestions named so.
  const affected = new Set(drafts.flatMap((d) => d.sheets));
  const note: SheetModel = {
    name: "DRAFT",
    columns: [{ header: "DRAFT: built on suggestions a rater has not confirmed", key: "note", width: 110, wrap: true }],
    rows: [
      ...drafts.map((d) => ({ note: `${d.what[0].toUpperCase()}${d.what.slice(1)} (sheets ${d.sheets.map((x) => `${x} DRAFT`).join(", ")}).` })),
      { note: "Confirm them in the workbooks and run notes-analyse report again (or notes-analyse run)." },
    ],
  };
  return [note, ...sheets.map((s) => (affected.has(s.name) ? { ...s, name: `${s.name} DRAFT` } : s))];
}
