import { readFile } from "node:fs/promises";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { UserError } from "../core/errors.js";
import type { Note } from "../core/types.js";
import type { Encoding, NoteColumn } from "../io/formats.js";
import { normaliseDate } from "./dates.js";
import { noteFromRow } from "./note-row.js";
import { findInputs, type InputFile } from "./find-inputs.js";
import { assertReadable, decodeText, resolveEncoding } from "./open-text.js";
import { readJsonLines } from "./read-jsonl.js";
import { readTable, type TableRow } from "./read-table.js";
import { delimiterChar, type DelimiterSetting } from "./csv/delimiter.js";
import { missingColumnMessage } from "./header-hint.js";

export interface NotesOptions {
  encoding: Encoding;
  /** The column delimiter of CSV/TSV exports; `auto` (or absent) takes it from the header row. */
  delimiter?: DelimiterSetting;
  /** Column role → the export's column name. */
  columns: Partial<Record<NoteColumn, string>>;
  warn: (message: string) => void;
}

const REQUIRED: NoteColumn[] = ["patient_id", "note_id", "date", "text"];

/** The export's name for a column role. */
export function columnName(role: NoteColumn, opts: NotesOptions): string {
  return opts.columns[role] ?? role;
}

/** Throw a one-line error naming the required columns a header lacks, and what it has (when it is a header). */
export function checkColumns(file: string, found: string[], opts: NotesOptions): void {
  const missing = REQUIRED.filter((r) => !found.includes(columnName(r, opts)));
  if (missing.length === 0) return;
  const names = missing.map((r) => (opts.columns[r] && opts.columns[r] !== r ? `${opts.columns[r]} (for ${r})` : r));
  const mapped = missing.every((r) => opts.columns[r] !== undefined && opts.columns[r] !== r);
  throw new UserError(missingColumnMessage(file, names, found, mapped, missing[0]));
}

export function badDateMessage(file: string, line: number, column: string): string {
  return `${file}:${line}: column ${column}: not a date (expected yyyy-mm-dd or dd/mm/yyyy)`;
}

export function noPatientMessage(file: string, line: number, column: string): string {
  return `${file}:${line}: column ${column} is empty (every note needs a patient id)`;
}

/** The id of a note whose export gives none: where it is. */
export function noteIdAt(file: string, line: number): string {
  return `${basename(file)}:${line}`;
}

function toNote(file: string, row: TableRow, opts: NotesOptions): Note {
  const v = row.values;
  const fields = noteFromRow({
    patient: v[columnName("patient_id", opts)] ?? "",
    note: v[columnName("note_id", opts)] ?? "",
    date: v[columnName("date", opts)] ?? "",
    text: v[columnName("text", opts)] ?? "",
    noteType: v[columnName("note_type", opts)],
  });
  if ("fault" in fields) {
    throw new UserError(fields.fault === "date" ? badDateMessage(file, row.line, columnName("date", opts)) : noPatientMessage(file, row.line, columnName("patient_id", opts)));
  }
  return { ...fields, noteId: fields.noteId || noteIdAt(file, row.line), source: { file, line: row.line } };
}

/**
 * A `.txt` note: patient id from the sub-folder (`DIR/<patient_id>/<note>.txt`) or, for files directly
 * in the folder, from the part of the name before the first `_` (`<patient_id>_<note_id>.txt`); a
 * leading ISO date in the file name (`2009-03-02_…`) becomes the note's date.
 */
async function readTxtNote(input: InputFile, opts: NotesOptions): Promise<Note> {
  await assertReadable(input.path);
  const encoding = await resolveEncoding(input.path, opts.encoding, opts.warn);
  const text = decodeText(await readFile(input.path), encoding, input.path);
  const rel = relative(input.root ?? dirname(input.path), input.path).split(sep);
  const stem = basename(input.path).replace(/\.txt$/i, "");
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(stem)?.[1] ?? "";
  if (date !== "" && normaliseDate(date) === null) {
    throw new UserError(`${input.path}: the name starts with ${date}, which is not a date (rename it yyyy-mm-dd_<note>.txt with a real date, or drop the date)`);
  }
  let patientId: string;
  if (rel.length > 1) patientId = rel[rel.length - 2];
  else {
    const parts = stem.replace(/^\d{4}-\d{2}-\d{2}_?/, "").split("_");
    if (parts.length < 2 || !parts[0]) {
      throw new UserError(`${input.path}: cannot tell the patient (put notes in a folder per patient, DIR/<patient_id>/<note>.txt, or name them <patient_id>_<note_id>.txt)`);
    }
    patientId = parts[0];
  }
  return { patientId, noteId: stem, date: normaliseDate(date) ?? "", text, source: { file: input.path, line: 1 } };
}

/** Stream the notes of one input file. */
export async function* readNotesFile(input: InputFile, opts: NotesOptions): AsyncGenerator<Note> {
  if (input.kind === "txt") {
    yield await readTxtNote(input, opts);
    return;
  }
  if (input.kind === "jsonl") {
    let checked = false;
    for await (const row of readJsonLines(input.path, opts.encoding, opts.warn)) {
      // Every record must have the keys: one missing them would otherwise be read as a note with no text.
      if (!checked || !REQUIRED.every((r) => columnName(r, opts) in row.values)) {
        checkColumns(`${input.path}:${row.line}`, Object.keys(row.values), opts);
        checked = true;
      }
      yield toNote(input.path, row, opts);
    }
    return;
  }
  const rows = readTable(input.path, {
    delimiter: delimiterChar(opts.delimiter) ?? "auto",
    encoding: opts.encoding,
    warn: opts.warn,
    onHeader: (cols) => checkColumns(input.path, cols, opts),
  });
  for await (const row of rows) yield toNote(input.path, row, opts);
}

/**
 * The note files the patterns select, in a stable order. The patients file is left out even when a
 * pattern such as `export/*.csv` also matches it.
 */
export async function findNoteFiles(patterns: readonly string[], cwd: string, patientsFile?: string): Promise<InputFile[]> {
  const inputs = (await findInputs(patterns, cwd)).filter((f) => !patientsFile || resolve(cwd, patientsFile) !== f.path);
  if (inputs.length === 0) throw new UserError(`${patterns.join(" ")}: the patterns select only the patients file (point --notes at the notes export)`);
  return inputs;
}

/** Stream every note selected by the patterns, file by file in a stable order. */
export async function* readNotes(patterns: readonly string[], cwd: string, opts: NotesOptions, patientsFile?: string): AsyncGenerator<Note> {
  for (const input of await findNoteFiles(patterns, cwd, patientsFile)) yield* readNotesFile(input, opts);
}
