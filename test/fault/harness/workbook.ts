import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import type { Random } from "../../../src/core/random.js";

/** A decision sheet as a test sees it: which sheet, which column holds the id, which the decisions. */
export interface SheetShape {
  sheet: string;
  id: string;
  decision: string;
  values: readonly string[];
}

export const SCREENING: SheetShape = { sheet: "Screening", id: "patient_id", decision: "decision", values: ["include", "exclude", "unsure"] };

export async function openBook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Column numbers by header. */
export function columns(ws: ExcelJS.Worksheet): Map<string, number> {
  const m = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => m.set(String(c.value ?? "").trim(), i));
  return m;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? "" : typeof v === "object" && "richText" in v ? v.richText.map((r) => r.text).join("") : String(v));

/** The decisions of a workbook by id (as written in the id cell, guard apostrophe dropped). */
export async function decisionsOf(path: string, shape: SheetShape): Promise<Map<string, string>> {
  const ws = (await openBook(path)).getWorksheet(shape.sheet)!;
  const col = columns(ws);
  const out = new Map<string, string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const id = text(ws.getCell(r, col.get(shape.id)!).value).replace(/^'(?=[=+\-@\t\r])/, "");
    const d = text(ws.getCell(r, col.get(shape.decision)!).value);
    if (id && d) out.set(id, d);
  }
  return out;
}

/**
 * Save a workbook the way a spreadsheet program does: to a temp file, then renamed over the original
 * (or, with `inPlace`, overwritten where it is).
 */
export async function saveBook(wb: ExcelJS.Workbook, path: string, inPlace = false): Promise<void> {
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (inPlace) writeFileSync(path, bytes);
  else {
    const tmp = join(dirname(path), `~$save-${process.pid}-${Date.now()}.tmp`);
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  }
}

/** Fill a share of the empty decision cells at random, as a rater would; returns what was typed, by id. */
export async function fillDecisions(path: string, shape: SheetShape, rng: Random, share = 0.7, inPlace = false): Promise<Map<string, string>> {
  const wb = await openBook(path);
  const ws = wb.getWorksheet(shape.sheet)!;
  const col = columns(ws);
  const typed = new Map<string, string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const id = text(ws.getCell(r, col.get(shape.id)!).value).replace(/^'(?=[=+\-@\t\r])/, "");
    const cell = ws.getCell(r, col.get(shape.decision)!);
    if (!id || text(cell.value) !== "" || !rng.chance(share)) continue;
    cell.value = rng.pick(shape.values);
    typed.set(id, String(cell.value));
  }
  await saveBook(wb, path, inPlace);
  return typed;
}

/** Ways a workbook can be damaged between two runs, each one a real thing people or programs do. */
export const TAMPERS = ["sort-rows", "shift-decisions-down", "blank-id", "duplicate-row-conflicting", "duplicate-row-same", "value-below-table", "formula-without-value", "edit-evidence"] as const;
export type Tamper = (typeof TAMPERS)[number];

/**
 * Damage a filled workbook one way, ignoring its protection (as a program other than Excel would).
 * Returns a description for the test's message.
 */
export async function tamper(path: string, shape: SheetShape, how: Tamper, rng: Random): Promise<string> {
  const wb = await openBook(path);
  const ws = wb.getWorksheet(shape.sheet)!;
  const col = columns(ws);
  const last = ws.rowCount;
  const dcol = col.get(shape.decision)!;
  const decided = Array.from({ length: last - 1 }, (_, i) => i + 2).filter((r) => text(ws.getCell(r, dcol).value) !== "");
  const row = decided.length ? rng.pick(decided) : 2;
  const copyRow = (from: number, to: number) => ws.getRow(from).eachCell({ includeEmpty: true }, (c, i) => (ws.getCell(to, i).value = c.value));
  switch (how) {
    case "sort-rows": {
      // Whole rows sorted by the decision (the hidden check column moves with them).
      const rows = Array.from({ length: last - 1 }, (_, i) => ws.getRow(i + 2).values as ExcelJS.CellValue[]);
      rows.sort((a, b) => text(a[dcol]).localeCompare(text(b[dcol])));
      if (rows.every((v, i) => v === (ws.getRow(i + 2).values as ExcelJS.CellValue[]))) rows.reverse();
      rows.forEach((values, i) => (ws.getRow(i + 2).values = values));
      break;
    }
    case "shift-decisions-down": {
      const vals = Array.from({ length: last - 1 }, (_, i) => ws.getCell(i + 2, dcol).value);
      ws.getCell(2, dcol).value = null;
      vals.forEach((v, i) => (ws.getCell(i + 3, dcol).value = v));
      break;
    }
    case "blank-id":
      ws.getCell(row, col.get(shape.id)!).value = null;
      break;
    case "duplicate-row-conflicting":
    case "duplicate-row-same":
      copyRow(row, last + 1);
      if (how === "duplicate-row-conflicting") ws.getCell(last + 1, dcol).value = shape.values.find((v) => v !== text(ws.getCell(row, dcol).value))!;
      break;
    case "value-below-table":
      ws.getCell(last + 1 + rng.int(3), dcol).value = rng.pick(shape.values);
      break;
    case "formula-without-value":
      ws.getCell(row, dcol).value = { formula: `"${shape.values[0]}"` } as ExcelJS.CellFormulaValue;
      break;
    case "edit-evidence": {
      const evidence = [...col.entries()].find(([h]) => h === "evidence" || h === "group")!;
      ws.getCell(row, evidence[1]).value = `${text(ws.getCell(row, evidence[1]).value)} (edited)`;
      break;
    }
  }
  await saveBook(wb, path);
  return `${how} at row ${row}`;
}

/** The XML of every sheet of a workbook, unzipped as Excel reads it. */
export async function sheetXml(path: string): Promise<{ sheet: string; xml: string }[]> {
  const JSZip = createRequire(createRequire(import.meta.url).resolve("exceljs"))("jszip") as { loadAsync(b: Buffer): Promise<{ files: Record<string, { async(t: "string"): Promise<string> }> }> };
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out: { sheet: string; xml: string }[] = [];
  for (const [name, file] of Object.entries(zip.files)) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) out.push({ sheet: name, xml: await file.async("string") });
  return out;
}

/** The data-validation ranges of every sheet of a workbook, read from its XML. */
export async function validationRanges(path: string): Promise<{ sheet: string; sqref: string[] }[]> {
  return (await sheetXml(path)).map(({ sheet, xml }) => ({ sheet, sqref: [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/)) }));
}

/** Cells of an A1 range (`I2:I149` or `I2`) as column and row bounds. */
export function bounds(ref: string): { c1: number; r1: number; c2: number; r2: number } {
  const cell = (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { c, r: Number(m[2]) };
  };
  const [a, b = a] = ref.split(":");
  const p = cell(a);
  const q = cell(b);
  return { c1: Math.min(p.c, q.c), r1: Math.min(p.r, q.r), c2: Math.max(p.c, q.c), r2: Math.max(p.r, q.r) };
}

/** Pairs of ranges that overlap (a range listed twice overlaps itself). */
export function overlaps(refs: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < refs.length; i++) {
    for (let j = i + 1; j < refs.length; j++) {
      const a = bounds(refs[i]);
      const b = bounds(refs[j]);
      if (a.c1 <= b.c2 && b.c1 <= a.c2 && a.r1 <= b.r2 && b.r1 <= a.r2) out.push([refs[i], refs[j]]);
    }
  }
  return out;
}
