import { copyFileSync, existsSync } from "node:fs";
import type ExcelJS from "exceljs";
import { UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import { addTableSheet, cellText, createWorkbook, readWorkbook, writeWorkbook, type SheetColumn, type SheetValue } from "./workbook.js";

/** A cell a person fills in: free text, or a drop-down of allowed values. */
export interface DecisionColumn extends SheetColumn {
  /** Allowed values (a drop-down in Excel; anything else is reported on import). */
  allowed?: readonly string[];
  /** Allow several allowed values separated by `;` (e.g. codes). */
  multiple?: boolean;
}

export interface DecisionRow {
  id: string;
  /** Read-only evidence shown to the person: locked cells, covered by the integrity hash. */
  evidence: Record<string, SheetValue>;
  /** Decisions already made (kept on re-runs). */
  decisions?: Record<string, string>;
  /** Values of the sheet's `display` columns. */
  display?: Record<string, SheetValue>;
}

/** The layout of a decision sheet: id, evidence columns, decision columns, hidden integrity column. */
export interface DecisionSheet {
  sheet: string;
  idColumn: string;
  evidence: SheetColumn[];
  /**
   * Read-only columns recomputed on every write (a model's score and rank), after the decision cells (so
   * those keep their place): locked like the evidence, but outside the integrity hash and never read back,
   * so a new score never flags a row as altered.
   */
  display?: SheetColumn[];
  decisions: DecisionColumn[];
  /** Lines for an "About" sheet: what the workbook is, how to fill it, seeds. */
  about?: string[];
  /** Extra read-only sheets (e.g. the list of codes). */
  extraSheets?: { name: string; columns: SheetColumn[]; rows: Record<string, SheetValue>[] }[];
}

export const INTEGRITY = "_integrity";

function plain(v: SheetValue): string {
  if (Array.isArray(v)) return v.map((r) => r.text).join("");
  if (v === null || v === undefined) return "";
  return String(v);
}

/** The integrity hash of a row: its id and evidence, so a row moved or edited outside the decision cells is caught. */
export function rowIntegrity(id: string, evidence: Record<string, SheetValue>, columns: SheetColumn[]): string {
  return sha256([id, ...columns.map((c) => plain(evidence[c.key]).replace(/^'(?=[=+\-@\t\r])/, ""))].join("\u001f")).slice(0, 16);
}

/** Build the workbook: evidence locked, decision cells unlocked with drop-downs, integrity column hidden. */
export function buildDecisionWorkbook(spec: DecisionSheet, rows: readonly DecisionRow[]): ExcelJS.Workbook {
  const wb = createWorkbook();
  const display = spec.display ?? [];
  const columns: SheetColumn[] = [{ header: spec.idColumn, key: spec.idColumn, width: 14 }, ...spec.evidence, ...spec.decisions, ...display, { header: INTEGRITY, key: INTEGRITY, width: 18 }];
  const ws = addTableSheet(
    wb,
    spec.sheet,
    columns,
    rows.map((r) => ({
      [spec.idColumn]: r.id,
      ...r.evidence,
      ...Object.fromEntries(spec.decisions.map((d) => [d.key, r.decisions?.[d.key] ?? ""])),
      ...Object.fromEntries(display.map((c) => [c.key, r.display?.[c.key] ?? ""])),
      [INTEGRITY]: rowIntegrity(r.id, r.evidence, spec.evidence),
    })),
  );
  const first = spec.evidence.length + 2;
  spec.decisions.forEach((d, i) => {
    const col = ws.getColumn(first + i);
    for (let row = 2; row <= rows.length + 1; row++) {
      const cell = ws.getCell(row, first + i);
      cell.protection = { locked: false };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF8DC" } };
      if (d.allowed && !d.multiple) {
        cell.dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [`"${d.allowed.join(",")}"`],
          showErrorMessage: true,
          errorTitle: d.header,
          error: `Choose one of: ${d.allowed.join(", ")}`,
        };
      }
    }
    col.width = d.width ?? 16;
  });
  ws.getColumn(columns.length).hidden = true;
  void ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, autoFilter: true, sort: false, formatColumns: true, formatRows: true });
  if (spec.about) {
    const about = wb.addWorksheet("About");
    about.getColumn(1).width = 110;
    spec.about.forEach((line, i) => (about.getCell(i + 1, 1).value = line));
    about.getRow(1).font = { bold: true };
  }
  for (const extra of spec.extraSheets ?? []) addTableSheet(wb, extra.name, extra.columns, extra.rows);
  return wb;
}

export interface ReadDecisions {
  /** Decisions by row id (only rows with at least one decision cell filled). */
  decisions: Map<string, Record<string, string>>;
  /** Every id in the sheet, in sheet order. */
  ids: string[];
  /** The sheet row of each id, and the column letter of each decision, to name cells in messages. */
  rowOf: Map<string, number>;
  columnOf: Record<string, string>;
  /** The evidence cells of each row as text (checked by the integrity hash). */
  evidence: Map<string, Record<string, string>>;
  /** Problems, each naming the cell: an altered row, a value not allowed. */
  problems: string[];
}

/** Read a filled decision workbook back, checking every row's integrity and every value. */
export async function readDecisionWorkbook(path: string, spec: DecisionSheet): Promise<ReadDecisions> {
  let wb: ExcelJS.Workbook;
  try {
    wb = await readWorkbook(path);
  } catch {
    throw new UserError(`${path}: cannot open as an .xlsx workbook (was it saved in another format?)`);
  }
  const ws = wb.getWorksheet(spec.sheet);
  if (!ws) throw new UserError(`${path}: no sheet named "${spec.sheet}" (was it renamed?)`);
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell).trim(), col));
  for (const c of [spec.idColumn, ...spec.decisions.map((d) => d.header), INTEGRITY]) {
    if (!header.has(c)) throw new UserError(`${path}: sheet "${spec.sheet}" has no column "${c}" (columns must not be renamed or deleted)`);
  }
  const columnOf = Object.fromEntries(spec.decisions.map((d) => [d.key, ws.getColumn(header.get(d.header)!).letter]));
  const out: ReadDecisions = { decisions: new Map(), ids: [], problems: [], rowOf: new Map(), columnOf, evidence: new Map() };
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const id = cellText(row.getCell(header.get(spec.idColumn)!)).trim();
    if (id === "") continue;
    out.ids.push(id);
    out.rowOf.set(id, r);
    const evidence: Record<string, string> = {};
    for (const c of spec.evidence) evidence[c.key] = header.has(c.header) ? cellText(row.getCell(header.get(c.header)!)) : "";
    out.evidence.set(id, evidence);
    const stored = cellText(row.getCell(header.get(INTEGRITY)!)).trim();
    if (stored !== rowIntegrity(id, evidence, spec.evidence)) {
      out.problems.push(`${path} › ${spec.sheet}!row ${r} (${spec.idColumn} ${id}): evidence or id cells were changed or moved since the workbook was written; only the ${spec.decisions.map((d) => d.header).join("/")} cells may be edited`);
      continue;
    }
    const values: Record<string, string> = {};
    for (const d of spec.decisions) {
      const col = header.get(d.header)!;
      const v = cellText(row.getCell(col)).trim();
      if (v === "") continue;
      const parts = d.multiple ? v.split(/\s*[;,]\s*/).filter(Boolean) : [v];
      const bad = d.allowed ? parts.filter((p) => !d.allowed!.includes(p)) : [];
      if (bad.length > 0) {
        out.problems.push(`${path} › ${spec.sheet}!${ws.getColumn(col).letter}${r} (${spec.idColumn} ${id}): "${bad.join(";")}" is not one of ${d.allowed!.join(", ")}`);
        continue;
      }
      values[d.key] = d.multiple ? parts.join(";") : v;
    }
    if (Object.keys(values).length > 0) out.decisions.set(id, values);
  }
  return out;
}

export interface WriteDecisionsResult {
  kept: number;
  added: string[];
  dropped: string[];
  backup?: string;
}

/**
 * Write a decision workbook without ever losing a person's work: decisions already in an existing
 * workbook are carried over to the same ids; rows that are no longer wanted but hold decisions are kept,
 * flagged in the `status` evidence column. With `force`, the old workbook is backed up and replaced
 * without its decisions. A workbook whose rows fail the integrity check is never overwritten without `force`.
 */
export async function writeDecisionWorkbook(
  path: string,
  spec: DecisionSheet,
  rows: DecisionRow[],
  opts: { force: boolean; now: () => Date; statusColumn?: string; droppedStatus?: string },
): Promise<WriteDecisionsResult> {
  const result: WriteDecisionsResult = { kept: 0, added: [], dropped: [] };
  let finalRows = rows;
  if (existsSync(path)) {
    const stamp = opts.now().toISOString().replace(/[:.]/g, "-");
    result.backup = path.replace(/\.xlsx$/i, `.backup-${stamp}.xlsx`);
    if (!opts.force) {
      const old = await readDecisionWorkbook(path, spec);
      if (old.problems.length > 0) {
        throw new UserError(`${old.problems[0]}${old.problems.length > 1 ? ` (and ${old.problems.length - 1} more)` : ""} — fix the workbook or rerun with --force to replace it (a backup is kept)`);
      }
      const wanted = new Set(rows.map((r) => r.id));
      finalRows = rows.map((r) => {
        const d = old.decisions.get(r.id);
        if (d) result.kept++;
        return d ? { ...r, decisions: { ...r.decisions, ...d } } : r;
      });
      const oldIds = new Set(old.ids);
      result.added = rows.filter((r) => !oldIds.has(r.id)).map((r) => r.id);
      for (const id of old.ids) {
        if (wanted.has(id)) continue;
        result.dropped.push(id);
        const d = old.decisions.get(id);
        if (d && opts.statusColumn) {
          finalRows.push({ id, evidence: { [opts.statusColumn]: opts.droppedStatus ?? "no longer listed" }, decisions: d });
        }
      }
    }
    copyFileSync(path, result.backup);
  }
  await writeWorkbook(buildDecisionWorkbook(spec, finalRows), path);
  return result;
}
