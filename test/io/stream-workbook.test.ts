import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { addTableSheet, createWorkbook, readWorkbook, writeWorkbook, type SheetColumn, type SheetValue } from "../../src/io/workbook.js";
import { writeStreamedWorkbook, type StreamedSheet } from "../../src/io/stream-workbook.js";
import { tempDir } from "../helpers/cli.js";

const COLUMNS: SheetColumn[] = [
  { header: "patient_id", key: "patient_id", width: 14 },
  { header: "n", key: "n", width: 8 },
  { header: "context", key: "context", width: 30, wrap: true },
  { header: "note", key: "note" },
];

const ROWS: Record<string, SheetValue>[] = [
  { patient_id: "P1", n: 3, context: [{ text: "=left " }, { text: "trafficked", bold: true }, { text: " right" }], note: "+cmd|' /C calc'!A0" },
  { patient_id: "P2", n: 0, context: [{ text: "" }, { text: "forced labour", bold: true }, { text: " ".repeat(3) + "x".repeat(200) }], note: "line one\nline two\nline three" },
  { patient_id: "-P3", n: 12.5, context: "plain text", note: undefined },
  { patient_id: "P4", n: null, context: "", note: "@SUM(A1)" },
  { patient_id: "P5 <&>\"'", n: true, context: [{ text: "a ]]> b " }, { text: "😀 ünïcödé", bold: true }, { text: "\nnext" }], note: "tab\tin the middle" },
];

const DATED: SheetColumn[] = [
  { header: "note_id", key: "note_id", width: 12 },
  { header: "date", key: "date", width: 11 },
  { header: "context", key: "context", width: 60, wrap: true },
];

/** Enough rows that a sheet's text is compressed in several pieces. */
const MANY: Record<string, SheetValue>[] = Array.from({ length: 6000 }, (_, i) => ({
  note_id: `N${i}`,
  date: i % 50 === 0 ? "not a date" : `20${String(10 + (i % 15)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`,
  context: [{ text: `…${"context ".repeat(i % 30)}` }, { text: "trafficked", bold: true }, { text: ` after ${i}…` }],
}));

const SHEETS: StreamedSheet[] = [
  { name: "Patients", columns: COLUMNS, rows: ROWS },
  { name: "Empty", columns: COLUMNS.slice(0, 2), rows: [] },
  { name: "O'Brien's notes", columns: DATED, rows: MANY },
];

/**
 * What a reader of the workbook sees: every cell's value and style, rows, columns, views, filters. An
 * empty text cell is empty either way (the streaming writer leaves it without a value, where the other
 * stores an empty string).
 */
function seen(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => cells.push({ c, value: cell.value === "" ? null : cell.value, font: cell.font ?? null, alignment: cell.alignment ?? null }));
      rows.push({ r, height: row.height ?? null, cells });
    });
    const p = ws.pageSetup;
    return {
      name: ws.name,
      views: ws.views,
      autoFilter: ws.autoFilter,
      pageSetup: { orientation: p.orientation, paperSize: p.paperSize, fitToPage: p.fitToPage, fitToWidth: p.fitToWidth, fitToHeight: p.fitToHeight, printTitlesRow: p.printTitlesRow },
      columns: (ws.columns ?? []).map((c) => ({ width: c.width, alignment: c.alignment ?? null })),
      rows,
    };
  });
}

describe("writeStreamedWorkbook", () => {
  it("reads back exactly as the in-memory table sheets do, and gives the same bytes twice", async () => {
    // Shared strings would key rich text wrongly in the streaming writer: inline strings are used.
    const dir = tempDir("na-xlsx-");
    const whole = createWorkbook();
    for (const s of SHEETS) addTableSheet(whole, s.name, s.columns, s.rows);
    await writeWorkbook(whole, join(dir, "whole.xlsx"));
    await writeStreamedWorkbook(join(dir, "streamed.xlsx"), SHEETS);
    const [a, b] = await Promise.all([readWorkbook(join(dir, "whole.xlsx")), readWorkbook(join(dir, "streamed.xlsx"))]);
    expect(seen(b)).toEqual(seen(a));
    expect(b.getWorksheet("Patients")!.getCell("D2").value).toBe("'+cmd|' /C calc'!A0"); // neutralised
    expect(b.getWorksheet("O'Brien's notes")!.getCell("B3").value).toEqual(new Date(Date.UTC(2011, 1, 11)));

    // A carriage return in a note stays one (the in-memory writer's workbook reads back without it).
    await writeStreamedWorkbook(join(dir, "cr.xlsx"), [{ name: "CR", columns: COLUMNS, rows: [{ patient_id: "P1", n: 1, context: "line one\r\nline two", note: "a\rb" }] }]);
    const cr = (await readWorkbook(join(dir, "cr.xlsx"))).getWorksheet("CR")!;
    expect([cr.getCell("C2").value, cr.getCell("D2").value]).toEqual(["line one\r\nline two", "a\rb"]);
    expect(b.creator).toBe("notes-analyse");
    expect(b.created).toEqual(a.created);

    await new Promise((r) => setTimeout(r, 2100)); // a zip entry stamped with the time (2 s steps) would now differ
    await writeStreamedWorkbook(join(dir, "again.xlsx"), SHEETS);
    expect(readFileSync(join(dir, "again.xlsx")).equals(readFileSync(join(dir, "streamed.xlsx")))).toBe(true);
  });
});
