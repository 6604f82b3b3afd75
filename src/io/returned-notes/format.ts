import type { Note } from "../../core/types.js";

/**
 * `01-search/notes.jsonl`: every note of the patients search returned, one JSON object a line, in the
 * order the later stages read them (patient id, then date, then note id, then the export's order).
 * Search writes it in the same pass that finds the patients, so screen, sample, identify and code
 * never read the export again. Keys: patient_id, note_id, date, note_type (when the export has one),
 * text.
 */
export const RETURNED_NOTES_FILE = "notes.jsonl";

/** A note as the returned-notes file holds it: no `source`, which points into the export. */
export type StoredNote = Omit<Note, "source">;

/** One line of the file, with its line end. */
export function noteLine(n: StoredNote): string {
  const record: Record<string, string> = { patient_id: n.patientId, note_id: n.noteId, date: n.date };
  if (n.noteType !== undefined) record.note_type = n.noteType;
  record.text = n.text;
  return `${JSON.stringify(record)}\n`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The file's order of notes (ties stay in the order they were read, the sort being stable). */
export function compareStored(a: { patientId: string; date: string; noteId: string }, b: { patientId: string; date: string; noteId: string }): number {
  return cmp(a.patientId, b.patientId) || cmp(a.date, b.date) || cmp(a.noteId, b.noteId);
}

/** A line of the file back as a note, or null when it is not one. */
export function parseNoteLine(line: string, file: string, lineNo: number): Note | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (v === null || typeof v !== "object") return null;
  const r = v as Record<string, unknown>;
  const { patient_id, note_id, date, note_type, text } = r;
  if (typeof patient_id !== "string" || typeof note_id !== "string" || typeof date !== "string" || typeof text !== "string") return null;
  if (note_type !== undefined && typeof note_type !== "string") return null;
  return { patientId: patient_id, noteId: note_id, date, text, ...(note_type !== undefined ? { noteType: note_type } : {}), source: { file, line: lineNo } };
}
