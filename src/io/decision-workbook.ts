import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import { UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import { writeFileAtomic } from "./atomic-write.js";
import { restoreNeutralised } from "./neutralise.js";
import { addTableSheet, cellText, createWorkbook, loadWorkbook, readWorkbookBytes, writeWorkbook, type SheetColumn, type SheetValue } from "./workbook.js";
import { currentWriteSet, readablePath, stampOf, type FileStamp } from "./write-set.js";

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

/** Text as it comes back from a workbook: without the formula guard, line breaks as `\n` (XML keeps no CR). */
function asRead(text: string): string {
  return restoreNeutralised(text).replace(/\r\n?/g, "\n");
}

/**
 * The integrity hash of a row: its id, its evidence and its place in the listed order, so a row moved,
 * sorted, inserted or edited outside the decision cells is caught. Without `position`, the hash of
 * workbooks written before positions were bound (still read, never written).
 */
export function rowIntegrity(id: string, evidence: Record<string, SheetValue>, columns: SheetColumn[], position?: number): string {
  const parts = [asRead(id), ...columns.map((c) => asRead(plain(evidence[c.key])))];
  if (position !== undefined) parts.unshift(`row ${position}`);
  return sha256(parts.join("\u001f")).slice(0, 16);
}

/**
 * Protect a sheet so rows cannot be sorted, inserted or deleted (decision cells stay editable). The
 * password is derived from the rows, so the same rows give the same bytes; no rater needs it, and it
 * is a guard against accidents, not a secret. Spin count 10,000 (Excel's own is 100,000) keeps writing fast.
 */
function protectSheet(ws: ExcelJS.Worksheet, seed: string): void {
  const password = sha256(`notes-analyse sheet guard\u0000${seed}`).slice(0, 24);
  const salt = Buffer.from(sha256(`salt\u0000${password}`).slice(0, 32), "hex");
  const spinCount = 10_000;
  let key = createHash("sha512").update(salt).update(Buffer.from(password, "utf16le")).digest();
  const iterator = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    iterator.writeUInt32LE(i, 0);
    key = createHash("sha512").update(key).update(iterator).digest();
  }
  (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection = {
    sheet: true,
    algorithmName: "SHA-512",
    saltValue: salt.toString("base64"),
    spinCount,
    hashValue: key.toString("base64"),
    selectLockedCells: true,
    selectUnlockedCells: true,
    autoFilter: true,
    sort: false,
    formatColumns: true,
    formatRows: true,
  };
}

/** Build the workbook: evidence locked, decision cells unlocked with drop-downs, integrity column hidden. */
export function buildDecisionWorkbook(spec: DecisionSheet, rows: readonly DecisionRow[]): ExcelJS.Workbook {
  const wb = createWorkbook();
  const display = spec.display ?? [];
  const columns: SheetColumn[] = [{ header: spec.idColumn, key: spec.idColumn, width: 14 }, ...spec.evidence, ...spec.decisions, ...display, { header: INTEGRITY, key: INTEGRITY, width: 18 }];
  const integrity = rows.map((r, i) => rowIntegrity(r.id, r.evidence, spec.evidence, i));
  const ws = addTableSheet(
    wb,
    spec.sheet,
    columns,
    rows.map((r, i) => ({
      [spec.idColumn]: r.id,
      ...r.evidence,
      ...Object.fromEntries(spec.decisions.map((d) => [d.key, r.decisions?.[d.key] ?? ""])),
      ...Object.fromEntries(display.map((c) => [c.key, r.display?.[c.key] ?? ""])),
      [INTEGRITY]: integrity[i],
    })),
  );
  const first = spec.evidence.length + 2;
  spec.decisions.forEach((d, i) => {
    const col = ws.getColumn(first + i);
    for (let row = 2; row <= rows.length + 1; row++) {
      const cell = ws.getCell(row, first + i);
      cell.protection = { locked: false };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF8DC" } };
    }
    // One validation range per column: validations set cell by cell come out of the workbook library as
    // overlapping ranges, which Excel may "repair" by dropping the drop-downs.
    if (d.allowed && !d.multiple && rows.length > 0) {
      (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${col.letter}2:${col.letter}${rows.length + 1}`, {
        type: "list",
        allowBlank: true,
        formulae: [`"${d.allowed.join(",")}"`],
        showErrorMessage: true,
        errorTitle: d.header,
        error: `Choose one of: ${d.allowed.join(", ")}`,
      });
    }
    col.width = d.width ?? 16;
  });
  ws.getColumn(columns.length).hidden = true;
  protectSheet(ws, `${spec.sheet}\u0000${integrity.join(",")}`);
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
  /**
   * Problems, each naming the cell and the fix: an altered, moved or duplicated row, a blanked id, a
   * value outside the table or not allowed. When there is any, no decision may be applied.
   */
  problems: string[];
  /** The file as it was read (absent when it was read from this command's own unfinished write). */
  stamp?: FileStamp;
}

/** The problems of a workbook as one error: the first few, one a line, and how many more. */
export function decisionProblemsError(problems: readonly string[], fix = ""): UserError {
  if (problems.length === 1) return new UserError(`${problems[0]}${fix ? `; ${fix}` : ""}`);
  const shown = problems.slice(0, 5);
  const more = problems.length > shown.length ? `${problems.length - shown.length} more problems like these; ` : "";
  return new UserError([...shown, `${more}${fix}`].join("\n"));
}

/** A value a person typed, shortened for a message (decision cells never hold note text). */
const shown = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);

interface SheetRow {
  r: number;
  id: string;
  stored: string;
  evidence: Record<string, string>;
  raw: Record<string, string>;
  formulas: string[];
}

/** Read a filled decision workbook back, checking every row's integrity and place, and every value. */
export async function readDecisionWorkbook(path: string, spec: DecisionSheet): Promise<ReadDecisions> {
  const source = readablePath(path);
  const bytes = readWorkbookBytes(path);
  const wb = await loadWorkbook(path, bytes);
  const ws = wb.getWorksheet(spec.sheet);
  if (!ws) throw new UserError(`${path}: no sheet named "${spec.sheet}" (was it renamed?)`);
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell).trim(), col));
  for (const c of [spec.idColumn, ...spec.decisions.map((d) => d.header), INTEGRITY]) {
    if (!header.has(c)) throw new UserError(`${path}: sheet "${spec.sheet}" has no column "${c}" (columns must not be renamed or deleted)`);
  }
  const letter = (col: number) => ws.getColumn(col).letter;
  const columnOf = Object.fromEntries(spec.decisions.map((d) => [d.key, letter(header.get(d.header)!)]));
  const out: ReadDecisions = { decisions: new Map(), ids: [], problems: [], rowOf: new Map(), columnOf, evidence: new Map() };
  if (source === path) {
    out.stamp = stampOf(path, bytes);
    // What the command computes from these decisions lands only if the workbook is still this file then.
    currentWriteSet()?.guard(out.stamp);
  }
  const idCol = header.get(spec.idColumn)!;
  const at = (r: number, col: number) => `${path} › ${spec.sheet}!${letter(col)}${r}`;

  const rows: SheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw: Record<string, string> = {};
    const formulas: string[] = [];
    for (const d of spec.decisions) {
      const cell = row.getCell(header.get(d.header)!);
      raw[d.key] = cellText(cell).trim();
      if (raw[d.key] === "" && cell.formula) formulas.push(d.key);
    }
    const evidence: Record<string, string> = {};
    for (const c of spec.evidence) evidence[c.key] = header.has(c.header) ? asRead(cellText(row.getCell(header.get(c.header)!))) : "";
    rows.push({ r, id: asRead(cellText(row.getCell(idCol)).trim()), stored: cellText(row.getCell(header.get(INTEGRITY)!)).trim(), evidence, raw, formulas });
  }
  const listed = rows.filter((x) => x.id !== "" || x.stored !== "");
  // Workbooks written before the row's place was bound carry hashes without it: read when every row does.
  const legacy = listed.length > 0 && listed.every((x) => x.stored === rowIntegrity(x.id, x.evidence, spec.evidence));
  const lastListed = listed.length ? listed[listed.length - 1].r : 1;
  const firstRowOf = new Map<string, SheetRow>();
  const editable = spec.decisions.map((d) => d.header).join("/");

  for (const x of rows) {
    const filled = spec.decisions.filter((d) => x.raw[d.key] !== "");
    if (x.id === "" && x.stored === "") {
      // A value with no row: pasted below the table or one row down, or typed beside a deleted row.
      for (const d of filled) {
        out.problems.push(`${at(x.r, header.get(d.header)!)}: a ${d.header} value in a row with no ${spec.idColumn}, outside the table (rows 2–${lastListed}); move it back beside its ${spec.idColumn} (were cells pasted one row down?) and save`);
      }
      continue;
    }
    if (x.id === "") {
      out.problems.push(`${at(x.r, idCol)}: the ${spec.idColumn} cell is empty but the row was written with one; undo the change (or restore the backup) so the row's decisions can be read`);
      continue;
    }
    const expected = legacy ? rowIntegrity(x.id, x.evidence, spec.evidence) : rowIntegrity(x.id, x.evidence, spec.evidence, x.r - 2);
    if (x.stored !== expected) {
      out.problems.push(`${at(x.r, idCol)} (${spec.idColumn} ${x.id}): row sorted, moved or edited outside the ${editable} cells; undo that or restore the backup (rows keep their order)`);
      continue;
    }
    const first = firstRowOf.get(x.id);
    if (first) {
      const differs = spec.decisions.some((d) => first.raw[d.key] !== x.raw[d.key]);
      out.problems.push(`${at(x.r, idCol)}: row ${x.r} repeats ${spec.idColumn} ${x.id} of row ${first.r}${differs ? " with different decisions" : ""}; delete the copied row, keeping the decision you mean`);
      continue;
    }
    firstRowOf.set(x.id, x);
    out.ids.push(x.id);
    out.rowOf.set(x.id, x.r);
    out.evidence.set(x.id, x.evidence);
    for (const key of x.formulas) {
      const d = spec.decisions.find((dd) => dd.key === key)!;
      out.problems.push(`${at(x.r, header.get(d.header)!)} (${spec.idColumn} ${x.id}): a formula with no saved value; type the ${d.header} itself`);
    }
    const values: Record<string, string> = {};
    for (const d of filled) {
      const v = x.raw[d.key];
      const parts = d.multiple ? v.split(/\s*[;,]\s*/).filter(Boolean) : [v];
      const bad = d.allowed ? parts.filter((p) => !d.allowed!.includes(p)) : [];
      if (bad.length > 0) {
        out.problems.push(`${at(x.r, header.get(d.header)!)} (${spec.idColumn} ${x.id}): ${shown(bad.join(";"))} is not one of ${d.allowed!.join(", ")}`);
        continue;
      }
      values[d.key] = d.multiple ? parts.join(";") : v;
    }
    if (Object.keys(values).length > 0) out.decisions.set(x.id, values);
  }
  return out;
}

export interface WriteDecisionsResult {
  kept: number;
  added: string[];
  dropped: string[];
  backup?: string;
}

/** Remove the oldest backups of a workbook beyond the number to keep. */
function pruneBackups(path: string, keep: number): void {
  const dir = dirname(path);
  const stem = basename(path).replace(/\.xlsx$/i, "");
  const backups = readdirSync(dir)
    .filter((n) => n.startsWith(`${stem}.backup-`) && n.toLowerCase().endsWith(".xlsx"))
    .sort();
  for (const n of backups.slice(0, Math.max(0, backups.length - keep))) rmSync(join(dir, n), { force: true });
}

/**
 * Write a decision workbook without ever losing a person's work: decisions already in an existing
 * workbook are carried over to the same ids; rows that are no longer wanted but hold decisions are kept,
 * flagged in the `status` evidence column. With `force`, the old workbook is backed up and replaced
 * without its decisions. A workbook with any problem (an altered, moved or duplicated row, a value
 * outside the table) is never overwritten without `force`. The workbook must still be the file that was
 * read when the command's writes land; if someone saved it meanwhile, nothing lands.
 */
export async function writeDecisionWorkbook(
  path: string,
  spec: DecisionSheet,
  rows: DecisionRow[],
  opts: { force: boolean; now: () => Date; statusColumn?: string; droppedStatus?: string },
): Promise<WriteDecisionsResult> {
  const result: WriteDecisionsResult = { kept: 0, added: [], dropped: [] };
  let finalRows = rows;
  const source = readablePath(path);
  if (existsSync(source)) {
    const stamp = opts.now().toISOString().replace(/[:.]/g, "-");
    const backup = path.replace(/\.xlsx$/i, `.backup-${stamp}.xlsx`);
    const set = currentWriteSet();
    if (source === path) {
      const bytes = readFileSync(path);
      set?.guard(stampOf(path, bytes));
      // The backup is the file as it was read, so it holds exactly the decisions this run saw.
      writeFileAtomic(backup, bytes);
      result.backup = backup;
    }
    if (!opts.force) {
      const old = await readDecisionWorkbook(path, spec);
      if (old.problems.length > 0) {
        throw decisionProblemsError(old.problems, "or rerun with --force (a backup is kept)");
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
    if (result.backup) {
      if (set) set.afterCommit(() => pruneBackups(path, set.backupsToKeep));
      else pruneBackups(path, 5);
    }
  }
  await writeWorkbook(buildDecisionWorkbook(spec, finalRows), path);
  return result;
}
