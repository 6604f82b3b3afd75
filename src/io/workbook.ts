import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type ExcelJS from "exceljs";
import { UserError } from "../core/errors.js";
import { withAtomicFile } from "./atomic-write.js";
import { neutralise, type Cell } from "./neutralise.js";
import { readablePath } from "./write-set.js";
import { zipEntries } from "./zip-sizes.js";

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
  /** Holds dates (yyyy-mm-dd), written as dates; by default, a column whose key is or ends in `date`. */
  date?: boolean;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A yyyy-mm-dd text as a date cell (a spreadsheet sorts and filters it as a date); other text as it is. */
export function dateValue(v: SheetValue): SheetValue | Date {
  if (typeof v !== "string") return v;
  const m = ISO_DAY.exec(v);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
}

/**
 * Add one row of a table sheet: each value as its cell (dates in `dates` columns as dates, so a
 * spreadsheet sorts and filters them as dates), the row as tall as its wrapped text needs (spreadsheet
 * programs do not grow rows for wrapped text a library writes). Returns the row, for a streaming writer
 * to commit.
 */
export function addTableRow(ws: ExcelJS.Worksheet, columns: readonly SheetColumn[], dates: ReadonlySet<string>, row: Record<string, SheetValue>): ExcelJS.Row {
  const values: Record<string, ExcelJS.CellValue> = {};
  for (const c of columns) {
    const v = dates.has(c.key) ? dateValue(row[c.key]) : row[c.key];
    values[c.key] = v instanceof Date ? v : cellValue(v);
  }
  const added = ws.addRow(values);
  const height = rowHeight(columns, row);
  if (height !== undefined) added.height = height;
  return added;
}

/**
 * The height a row needs for its wrapped text, in points, or undefined when one line will do: spreadsheet
 * programs do not grow rows for wrapped text a library writes.
 */
export function rowHeight(columns: readonly SheetColumn[], row: Record<string, SheetValue>): number | undefined {
  const lines = Math.max(1, ...columns.filter((c) => c.wrap).map((c) => estimateLines(row[c.key], c.width ?? 10)));
  return lines > 1 ? Math.min(409, 15 * lines) : undefined;
}

/** A column's width in characters: as given, else room for its header. */
export const columnWidth = (c: SheetColumn): number => c.width ?? Math.max(10, c.header.length + 2);

/** A column of dates: marked so, or keyed `date` or `…_date`. */
export const isDateColumn = (c: SheetColumn) => c.date ?? /(^|_)date$/.test(c.key);

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
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: columnWidth(c) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: "middle" };
  let n = 0;
  const dates = new Set(columns.filter(isDateColumn).map((c) => c.key));
  for (const row of rows) {
    addTableRow(ws, columns, dates, row);
    n++;
  }
  // Top-aligned, so a short cell sits level with the start of a long wrapped one beside it.
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).alignment = c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
    if (dates.has(c.key)) ws.getColumn(i + 1).numFmt = "yyyy-mm-dd";
  });
  ws.getRow(1).alignment = { vertical: "middle" };
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: columns.length } };
  return ws;
}

type Validations = { model: Record<string, ExcelJS.DataValidation | undefined> };

const COLUMN_ROW = /^([A-Z]+)(\d+)$/;

/**
 * Rewrite a sheet's data validations as one range per run of cells in a column: the workbook library
 * keeps them cell by cell once a workbook is read, and writes overlapping ranges from those
 * (`I2:I149` and `I10:I149`), which Excel may "repair" by dropping every drop-down.
 */
export function normaliseValidations(ws: ExcelJS.Worksheet): void {
  const dv = (ws as unknown as { dataValidations: Validations }).dataValidations;
  const byColumn = new Map<string, { col: string; rule: ExcelJS.DataValidation; rows: Set<number> }>();
  for (const [address, rule] of Object.entries(dv.model)) {
    if (!rule) continue;
    const [a, b = a] = address.split(":");
    const p = COLUMN_ROW.exec(a);
    const q = COLUMN_ROW.exec(b);
    if (!p || !q || p[1] !== q[1]) return; // a range over several columns: leave every validation as it is
    const key = `${p[1]}\u0000${JSON.stringify(rule)}`;
    const entry = byColumn.get(key) ?? { col: p[1], rule, rows: new Set<number>() };
    for (let r = Number(p[2]); r <= Number(q[2]); r++) entry.rows.add(r);
    byColumn.set(key, entry);
  }
  const model: Validations["model"] = {};
  for (const { col, rule, rows } of byColumn.values()) {
    const sorted = [...rows].sort((x, y) => x - y);
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      model[sorted[i] === sorted[j] ? `${col}${sorted[i]}` : `${col}${sorted[i]}:${col}${sorted[j]}`] = rule;
      i = j + 1;
    }
  }
  dv.model = model;
}

/** The bytes of a workbook, its validations made valid for Excel first (see normaliseValidations). */
export async function workbookBytes(wb: ExcelJS.Workbook, options?: Partial<ExcelJS.XlsxWriteOptions>): Promise<Buffer> {
  for (const ws of wb.worksheets) normaliseValidations(ws);
  return Buffer.from(await wb.xlsx.writeBuffer(options));
}

/** Write a workbook atomically (temp file + rename), compressed fast rather than small. */
export async function writeWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await withAtomicFile(path, async () => workbookBytes(wb, { zip: { compressionOptions: { level: 1 } } } as Partial<ExcelJS.XlsxWriteOptions>));
}

/**
 * The most a workbook may hold, unpacked, to be read: its sheets are read whole, and a workbook ten
 * times this size would need more memory than a laptop has. About 400,000 rows of a decision sheet.
 */
export const MAX_WORKBOOK_BYTES = 256 * 1024 * 1024;

/** A workbook's bytes, refused with one line when it is no workbook or too large to read. */
export function readWorkbookBytes(path: string): Buffer {
  const bytes = readFileSync(readablePath(path));
  const entries = zipEntries(bytes);
  if (!entries || !entries.some((e) => e.name === "xl/workbook.xml")) {
    throw new UserError(`${path}: not an .xlsx workbook (was it saved in another format, such as .xls, .ods or .csv? save it as "Excel Workbook (.xlsx)")`);
  }
  const unpacked = entries.reduce((s, e) => s + e.uncompressed, 0);
  if (unpacked > MAX_WORKBOOK_BYTES || entries.some((e) => e.uncompressed === 0xffffffff)) {
    throw new UserError(`${path}: the workbook unpacks to ${Math.round(unpacked / 1048576)} MB, over the ${MAX_WORKBOOK_BYTES / 1048576} MB notes-analyse reads (split the study, or remove pasted sheets and images)`);
  }
  return bytes;
}

/** Open a workbook's bytes (see readWorkbookBytes); a damaged one is one line naming the file. */
export async function loadWorkbook(path: string, bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new (exceljs().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new UserError(`${path}: the workbook is damaged and cannot be read (open it in a spreadsheet program and save it again as .xlsx, or restore a backup)`);
  }
  return wb;
}

/** Read a workbook (for importing filled-in decisions and in tests). */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  return loadWorkbook(path, readWorkbookBytes(path));
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
    // A formula without a value saved with it (written by a program that does not calculate) is empty.
    if ("formula" in v || "sharedFormula" in v || "result" in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) return "";
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      if (typeof r === "object") return "error" in r ? String((r as { error: unknown }).error) : "";
      return String(r);
    }
    if ("error" in v) return String(v.error);
  }
  return String(v);
}
