import type { SheetColumn, SheetValue } from "../io/workbook.js";
import { reasonLabel } from "./flow.js";
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

function agreementSheet(inputs: ReportInputs): SheetModel {
  const rows: Record<string, SheetValue>[] = [];
  if (isThere(inputs.agreement)) {
    for (const s of inputs.agreement.data) {
      for (const [key, value] of Object.entries(s.report)) {
        if (typeof value === "number" || typeof value === "boolean") rows.push({ source: s.file, item: "", measure: key, value });
        else if (key === "cohen_kappa_ci95" && Array.isArray(value)) {
          rows.push({ source: s.file, item: "", measure: "cohen_kappa_ci95_low", value: value[0] as number });
          rows.push({ source: s.file, item: "", measure: "cohen_kappa_ci95_high", value: value[1] as number });
        } else if (key === "confusion_matrix" && value && typeof value === "object") {
          for (const [a, row] of Object.entries(value as Record<string, Record<string, number>>)) {
            for (const [b, n] of Object.entries(row)) rows.push({ source: s.file, item: `rater 1 ${a} / rater 2 ${b}`, measure: "count", value: n });
          }
        }
      }
    }
  }
  if (isThere(inputs.coderAgreement)) {
    const t = inputs.coderAgreement.data;
    const [idCol, ...rest] = t.columns;
    for (const r of t.rows) for (const c of rest) rows.push({ source: t.file, item: r[idCol], measure: c, value: cellOf(c, r[c] ?? "") });
  }
  if (rows.length === 0) return missingSheet("Agreement", isThere(inputs.agreement) ? { missing: "no agreement figures" } : inputs.agreement);
  const columns = [
    { header: "source", key: "source", width: 34 },
    { header: "item", key: "item", width: 34 },
    { header: "measure", key: "measure", width: 26 },
    { header: "value", key: "value", width: 14 },
  ];
  return { name: "Agreement", columns, rows };
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
    rows: t.rows.map((r) => ({ characteristic: r.characteristic, category: r.category, ...r.cells, total_n: r.counts.total, adult_n: r.counts.adult, child_n: r.counts.child })),
  };
  const f = inputs.flow;
  const flow: SheetModel = isThere(f)
    ? {
        name: "Flow",
        columns: ["step", "reason", "label", "adult", "child", "unknown", "total"].map((c) => ({ header: c, key: c, width: c === "label" ? 44 : c === "reason" ? 20 : 10 })),
        rows: [
          { step: "returned", reason: "", label: "Returned by the search", ...f.data.returned },
          { step: "excluded", reason: "all", label: "Excluded on screening", ...f.data.excluded },
          ...f.data.reasons.map((r) => ({ step: "excluded", reason: r.reason, label: reasonLabel(r.reason), ...r.count })),
          { step: "included", reason: "", label: "Included", ...f.data.included },
        ],
      }
    : missingSheet("Flow", f);
  return [table1, flow, csvSheet("Routes", inputs.routes), agreementSheet(inputs), csvSheet("Themes", inputs.frequencies), csvSheet("Quotes", inputs.quotes, [FLAGS_COLUMN]), ...(inputs.performance ? [isThere(inputs.performance) ? performanceSheet(inputs.performance.data) : missingSheet("Performance", inputs.performance)] : [])];
}
