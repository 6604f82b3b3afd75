import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Note } from "../../src/core/types.js";

/** One row of a scenario's CSV file, by column name. */
export type Row = Record<string, string>;

/** The rows of one CSV file of a hand-written scenario folder (a leading byte-order mark is ignored). */
export function scenarioRows(dir: string, name: string): Row[] {
  return (parse(readFileSync(join(dir, name), "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Row[]);
}

/**
 * A scenario's notes.csv as the tool's notes, by patient, in file order; each note points at the line
 * its record starts on (records may span lines), as the notes reader would.
 */
export function scenarioNotes(dir: string): Map<string, Note[]> {
  const records = parse(readFileSync(join(dir, "notes.csv"), "utf8"), { columns: true, info: true, skip_empty_lines: true, bom: true }) as Array<{ record: Row; info: { lines: number } }>;
  const byPatient = new Map<string, Note[]>();
  let previousEnd = 1;
  for (const { record, info } of records) {
    const note: Note = {
      patientId: record.patient_id,
      noteId: record.note_id,
      date: record.date,
      text: record.text,
      noteType: record.note_type,
      source: { file: "notes.csv", line: previousEnd + 1 },
    };
    previousEnd = info.lines;
    byPatient.set(note.patientId, [...(byPatient.get(note.patientId) ?? []), note]);
  }
  return byPatient;
}
