import { createRequire } from "node:module";
import type ExcelJS from "exceljs";
import { streamFileAtomic } from "./atomic-write.js";
import { addTableRow, exceljs, FIXED_DATE, isDateColumn, type SheetColumn, type SheetValue } from "./workbook.js";

/** One sheet of a streamed workbook: the same table addTableSheet makes. */
export interface StreamedSheet {
  name: string;
  columns: SheetColumn[];
  rows: Iterable<Record<string, SheetValue>>;
}

/**
 * Write a workbook of table sheets with the workbook library's streaming writer: each row goes to the
 * file as it is added, so the workbook is never held whole in memory, and it is written in about a
 * third of the time. The sheets read back as addTableSheet's do (bold frozen header, autofilter,
 * column widths, wrapped and top-aligned text, row heights, page setup); every entry of the zip gets
 * FIXED_DATE, so the same rows give the same bytes. Written atomically.
 */
export async function writeStreamedWorkbook(path: string, sheets: readonly StreamedSheet[]): Promise<void> {
  fixZipDates();
  await streamFileAtomic(path, async (tmp) => {
    // Shared strings would key rich text wrongly in the streaming writer: inline strings are used.
    const wb = new (workbookWriter())({ filename: tmp, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
    Object.assign(wb, { creator: "notes-analyse", lastModifiedBy: "notes-analyse", created: FIXED_DATE, modified: FIXED_DATE });
    for (const sheet of sheets) writeSheet(wb, sheet);
    await wb.commit();
  });
}

type WriterClass = typeof ExcelJS.stream.xlsx.WorkbookWriter;
let writer: WriterClass | undefined;

/**
 * The streaming writer alone: the library's entry point also loads its readers, CSV support and two
 * zip libraries, which take more than half of its loading time (a fixed cost of every search).
 */
function workbookWriter(): WriterClass {
  if (!writer) {
    try {
      writer = createRequire(import.meta.url)("exceljs/lib/stream/xlsx/workbook-writer.js") as WriterClass;
    } catch {
      writer = exceljs().stream.xlsx.WorkbookWriter;
    }
  }
  return writer;
}

let datesFixed = false;

/**
 * The zip writer behind the streaming writer stamps each entry with the time it is added unless given a
 * date, and the workbook writer gives none (some entries are added as it is made): entries without a
 * date get FIXED_DATE. Only the streaming workbook writer uses this zip writer here.
 */
function fixZipDates(): void {
  if (datesFixed) return;
  const fromExcel = createRequire(createRequire(import.meta.url).resolve("exceljs"));
  const Archiver = fromExcel("archiver/lib/core") as { prototype: { append(source: unknown, data?: Record<string, unknown>): unknown } };
  const append = Archiver.prototype.append;
  Archiver.prototype.append = function (this: unknown, source: unknown, data?: Record<string, unknown>) {
    return append.call(this, source, data && data.date === undefined ? { ...data, date: FIXED_DATE } : data);
  };
  datesFixed = true;
}

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: StreamedSheet): void {
  const { columns } = sheet;
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  // Column styles are set before any row, since a streamed cell takes its column's style when made.
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(10, c.header.length + 2),
    style: { alignment: c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" }, ...(isDateColumn(c) ? { numFmt: "yyyy-mm-dd" } : {}) },
  }));
  // Dates as dates, as addTableSheet writes them: a spreadsheet sorts and filters them as dates.
  const dates = new Set(columns.filter(isDateColumn).map((c) => c.key));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle" };
  header.commit();
  let n = 0;
  for (const row of sheet.rows) {
    addTableRow(ws, columns, dates, row).commit();
    n++;
  }
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: columns.length } };
  ws.commit();
}
