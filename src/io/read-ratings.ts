import { extname } from "node:path";
import type ExcelJS from "exceljs";
import { UserError, at } from "../core/errors.js";
import { assertReadable } from "./open-text.js";
import { readTable } from "./read-table.js";
import { cellText, readWorkbook } from "./workbook.js";

/** Which columns of a rater file hold the item id and the rating. */
export interface RatingColumns {
  id: string;
  rating: string;
  warn: (message: string) => void;
}

/** One rater's ratings: item id → rating, `null` for an empty rating cell. Ids in file order. */
export type RaterRatings = Map<string, string | null>;

/** How far down a sheet to look for the header row (workbooks may have a title above it). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Read one rater's file: CSV/TSV (UTF-8 with or without BOM; Windows-1252 with a warning) or XLSX (the
 * first sheet whose header row, within the first 10 rows, has the id column). Ids and ratings are
 * trimmed of surrounding whitespace and otherwise kept as written: `Include` and `include` are
 * different categories. An empty rating cell is a missing rating; a row without an id is skipped
 * (with a warning when it has a rating). An id given twice must have the same rating both times.
 */
export async function readRatings(file: string, cols: RatingColumns): Promise<RaterRatings> {
  await assertReadable(file);
  const ext = extname(file).toLowerCase();
  if (ext === ".xls" || ext === ".ods") {
    throw new UserError(`${file}: ${ext} workbooks are not read; save the file as .xlsx or .csv`);
  }
  const rows = ext === ".xlsx" || ext === ".xlsm" ? await xlsxRows(file, cols) : csvRows(file, cols, ext === ".tsv" || ext === ".tab");
  const out: RaterRatings = new Map();
  const firstLine = new Map<string, number>();
  for await (const { line, id, rating } of rows) {
    if (id === "") {
      if (rating !== null) cols.warn(`${at(file, line)}: a rating without an id in column "${cols.id}", skipped`);
      continue;
    }
    const before = out.get(id);
    if (!out.has(id) || before === null) {
      out.set(id, rating);
      if (!firstLine.has(id)) firstLine.set(id, line);
    } else if (rating !== null && rating !== before) {
      throw new UserError(
        `${at(file, line)}: id "${id}" is rated again with a different rating (first at line ${firstLine.get(id)}); keep one row per id`,
      );
    }
  }
  return out;
}

interface RatingRow {
  line: number;
  id: string;
  rating: string | null;
}

function missingColumn(file: string, column: string, flag: string, found: string[], where = ""): UserError {
  const list = found.filter((c) => c !== "").map((c) => `"${c}"`).join(", ") || "none";
  return new UserError(`${file}${where}: no column "${column}" (columns found: ${list}; name the right one with ${flag})`);
}

async function* csvRows(file: string, cols: RatingColumns, tab: boolean): AsyncGenerator<RatingRow> {
  const table = readTable(file, {
    // Rater files come from spreadsheets, which save CSV with ';' in some locales.
    delimiter: tab ? "\t" : "auto",
    encoding: "auto",
    warn: cols.warn,
    onHeader: (header) => {
      if (!header.includes(cols.id)) throw missingColumn(file, cols.id, "--id", header);
      if (!header.includes(cols.rating)) throw missingColumn(file, cols.rating, "--column", header);
    },
  });
  for await (const row of table) {
    const rating = (row.values[cols.rating] ?? "").trim();
    yield { line: row.line, id: (row.values[cols.id] ?? "").trim(), rating: rating === "" ? null : rating };
  }
}

function isErrorValue(v: unknown): boolean {
  return typeof v === "object" && v !== null && "error" in v;
}

/** Cell text, trimmed, with Excel error values (#N/A …) and formulas that gave one read as empty. */
function text(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (isErrorValue(v) || (typeof v === "object" && v !== null && "result" in v && isErrorValue(v.result))) return "";
  return cellText(cell).trim();
}

function headerOf(ws: ExcelJS.Worksheet, id: string): { row: number; names: string[] } | undefined {
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const names: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) names.push(text(row.getCell(c)));
    if (names.includes(id)) return { row: r, names };
  }
  return undefined;
}

async function xlsxRows(file: string, cols: RatingColumns): Promise<RatingRow[]> {
  let wb: ExcelJS.Workbook;
  try {
    wb = await readWorkbook(file);
  } catch {
    throw new UserError(`${file}: cannot read as an Excel workbook (.xlsx); is it a CSV with the wrong extension, or damaged?`);
  }
  const sheets = wb.worksheets;
  if (sheets.length === 0) throw new UserError(`${file}: the workbook has no sheets`);
  let found: { ws: ExcelJS.Worksheet; row: number; names: string[] } | undefined;
  for (const ws of sheets) {
    const h = headerOf(ws, cols.id);
    if (h) {
      found = { ws, ...h };
      break;
    }
  }
  if (!found) {
    const first = sheets[0];
    const names: string[] = [];
    const row = first.getRow(1);
    for (let c = 1; c <= row.cellCount; c++) names.push(text(row.getCell(c)));
    throw missingColumn(file, cols.id, "--id", names, ` › sheet "${first.name}"`);
  }
  const { ws, row: headerRow, names } = found;
  const idCol = names.indexOf(cols.id) + 1;
  const ratingCol = names.indexOf(cols.rating) + 1;
  if (ratingCol === 0) throw missingColumn(file, cols.rating, "--column", names, ` › sheet "${ws.name}"`);
  const out: RatingRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rating = text(row.getCell(ratingCol));
    out.push({ line: r, id: text(row.getCell(idCol)), rating: rating === "" ? null : rating });
  }
  return out;
}
