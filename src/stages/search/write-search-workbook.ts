import { writeStreamedWorkbook, type StreamedSheet } from "../../io/stream-workbook.js";
import type { SheetValue } from "../../io/workbook.js";
import type { HitRow } from "./collect.js";
import type { TermHits } from "./term-hits.js";

interface PatientRow {
  patient_id: string;
  group: string;
  n_notes_hit: number;
  n_hits: number;
  terms: string;
}

function* hitCells(hits: readonly HitRow[]): Generator<Record<string, SheetValue>> {
  for (const h of hits) {
    yield {
      patient_id: h.patientId,
      note_id: h.noteId,
      date: h.date,
      group: h.group,
      term: h.term,
      context: [{ text: h.left }, { text: h.match.replace(/\s+/g, " "), bold: true }, { text: h.right }],
      start: h.start,
      end: h.end,
    };
  }
}

/**
 * search.xlsx: a Patients sheet, a Hits sheet with each match in bold inside its context, and a Terms
 * sheet with every term of the term file and its hits (zero-hit terms too, so a misspelt one shows).
 * Streamed, so a large search's hits never make a whole workbook in memory.
 */
export async function writeSearchWorkbook(path: string, patients: PatientRow[], hits: HitRow[], terms: readonly TermHits[] = []): Promise<void> {
  const patientSheet: StreamedSheet = {
    name: "Patients",
    columns: [
      { header: "patient_id", key: "patient_id", width: 14 },
      { header: "group", key: "group", width: 9 },
      { header: "n_notes_hit", key: "n_notes_hit", width: 12 },
      { header: "n_hits", key: "n_hits", width: 8 },
      { header: "terms", key: "terms", width: 60, wrap: true },
    ],
    rows: patients.map((p) => ({ ...p })),
  };
  const hitSheet: StreamedSheet = {
    name: "Hits",
    columns: [
      { header: "patient_id", key: "patient_id", width: 14 },
      { header: "note_id", key: "note_id", width: 14 },
      { header: "date", key: "date", width: 11 },
      { header: "group", key: "group", width: 14 },
      { header: "term", key: "term", width: 20 },
      { header: "context", key: "context", width: 100, wrap: true },
      { header: "start", key: "start", width: 8 },
      { header: "end", key: "end", width: 8 },
    ],
    rows: hitCells(hits),
  };
  const termSheet: StreamedSheet = {
    name: "Terms",
    columns: [
      { header: "group", key: "group", width: 16 },
      { header: "term", key: "term", width: 36 },
      { header: "hits", key: "hits", width: 8 },
      { header: "patients", key: "patients", width: 10 },
      { header: "written at", key: "at", width: 40 },
    ],
    rows: terms.map((t) => ({ group: t.group, term: t.term, hits: t.hits, patients: t.patients, at: t.at ?? "" })),
  };
  await writeStreamedWorkbook(path, [patientSheet, hitSheet, termSheet]);
}
