import { normaliseDate } from "./dates.js";

/** One row of a notes table, its fields by role as exported (`noteType` absent when the export has no such column). */
export interface NoteRow {
  patient: string;
  note: string;
  date: string;
  text: string;
  noteType?: string;
}

/** A note's fields from a row. An empty `noteId` is for the reader to name by the row's place (see noteIdAt). */
export interface NoteRowFields {
  patientId: string;
  noteId: string;
  date: string;
  text: string;
  noteType?: string;
}

/**
 * The rules that turn a row of a notes export into a note, for every reader of notes tables (the
 * streamed reader and the search's byte-level scanner): the date normalised to yyyy-mm-dd (a fault when
 * it is not a date, checked first), the patient id trimmed (a fault when empty), the note id trimmed,
 * the text as exported, the note type kept only when the export has the column. Pure.
 */
export function noteFromRow(row: NoteRow): NoteRowFields | { fault: "date" | "patient" } {
  const date = normaliseDate(row.date);
  if (date === null) return { fault: "date" };
  const patientId = row.patient.trim();
  if (patientId === "") return { fault: "patient" };
  return { patientId, noteId: row.note.trim(), date, text: row.text, ...(row.noteType !== undefined ? { noteType: row.noteType } : {}) };
}
