import { createRequire } from "node:module";
import type ExcelJS from "exceljs";
import { withAtomicFile } from "./atomic-write.js";
import { neutralise, type Cell } from "./neutralise.js";

/** Workbook document dates are fixed, so the same inputs give the same workbook. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

let excel: typeof ExcelJS | undefined;

/**
 * The workbook library, loaded on first use: it takes a third of a second to load, and most commands
 * never need it. The zip library it writes with stamps each part with the time of writing unless told
 * a date; it is told FIXED_DATE, so the same inputs give the same bytes.
 */
export function exceljs(): typeof ExcelJS {
  if (!excel) {
    const require = createRequire(import.meta.url);
    excel = require("exceljs") as typeof ExcelJS;
    (createRequire(require.resolve("exceljs"))("jszip") as { defaults: { date: Date | null } }).defaults.date = FIXED_DATE;
  }
  return excel;
}

export function createWorkbook(): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = "notes-analyse";
  wb.lastModifiedBy = "notes-analyse";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  /** Wrap long text in this column. */
  wrap?: boolean;
}

/** Rich text: plain runs and bold runs, e.g. a hit inside its context. */
export type RichRun = { text: string; bold?: boolean };
export type SheetValue = Cell | RichRun[];

/** A value as the workbook library stores it: text neutralised against formulas, rich text as runs. */
export function cellValue(v: SheetValue): ExcelJS.CellValue {
  // A rich-text cell is never read as a formula; only its start is neutralised, like a plain cell's.
  if (Array.isArray(v)) return { richText: v.map((r, i) => ({ text: i === 0 ? neutralise(r.text) : r.text, ...(r.bold ? { font: { bold: true } } : {}) })) };
  if (typeof v === "string") return neutralise(v);
  if (v === undefined) return null;
  return v;
}

/** Lines a wrapped cell needs at a column width (in characters), counting its line breaks. */
export function estimateLines(v: SheetValue, width: number): number {
  const text = Array.isArray(v) ? v.map((r) => r.text).join("") : v === null || v === undefined ? "" : String(v);
  const perLine = Math.max(1, Math.floor(width * 1.15));
  return text.split("\n").reduce((sum, para) => sum + Math.max(1, Math.ceil(para.length / perLine)), 0);
}

/**
 * A sheet people can read: bold frozen header, autofilter, sized columns, wrapped long text, every
 * text cell neutralised so nothing in a note can run as a formula.
 */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: Iterable<Record<string, SheetValue>>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    // Printed, a sheet fits the page width and repeats its header row.
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length + 2) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: "middle" };
  let n = 0;
  const wrapped = columns.filter((c) => c.wrap);
  for (const row of rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const c of columns) values[c.key] = cellValue(row[c.key]);
    const added = ws.addRow(values);
    // Spreadsheet programs do not grow rows for wrapped text written by a library: size them here.
    const lines = Math.max(1, ...wrapped.map((c) => estimateLines(row[c.key], c.width ?? 10)));
    if (lines > 1) added.height = Math.min(409, 15 * lines);
    n++;
  }
  // Top-aligned, so a short cell sits level with the start of a long wrapped one beside it.
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).alignment = c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
  });
  ws.getRow(1).alignment = { vertical: "middle" };
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: columns.length } };
  return ws;
}

/** Write a workbook atomically (temp file + rename), compressed fast rather than small. */
export async function writeWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await withAtomicFile(path, (tmp) => wb.xlsx.writeFile(tmp, { zip: { compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions));
}

/** Read a workbook (for importing filled-in decisions and in tests). */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new (exceljs().Workbook)();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The text of a cell whatever its type (rich text, formula result, hyperlink, number). */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("result" in v) return v.result === undefined || v.result === null ? "" : String(v.result);
  }
  return String(v);
}
