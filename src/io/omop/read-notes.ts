import type { Note } from "../../core/types.js";
import type { OmopSettings } from "../../io/omop/settings.js";
import { connectOmop, databaseError, databaseName, quoteName } from "./connect.js";

/** Rows fetched from the server-side cursor at a time: memory holds at most this many notes. */
const BATCH = 500;

interface NoteRow {
  patient_id: string;
  note_id: string;
  date: string;
  type_id: string | null;
  type_name?: string | null;
  text: string;
}

/** The query for the notes, with the patients it is limited to as $1 when `limited`. */
export function notesQuery(settings: OmopSettings, limited: boolean): string {
  const schema = quoteName(settings.schema);
  const concept = settings.noteTypes === "concept";
  return [
    "SELECT n.person_id::text AS patient_id, n.note_id::text AS note_id,",
    "  COALESCE(to_char(n.note_date, 'YYYY-MM-DD'), '') AS date,",
    `  n.note_type_concept_id::text AS type_id,${concept ? " c.concept_name AS type_name," : ""}`,
    "  COALESCE(n.note_text, '') AS text",
    `FROM ${schema}.note n`,
    concept ? `LEFT JOIN ${quoteName(settings.vocabularySchema ?? settings.schema)}.concept c ON c.concept_id = n.note_type_concept_id` : "",
    limited ? "WHERE n.person_id = ANY($1::bigint[])" : "",
    // A patient's notes together: search then reads the table once.
    "ORDER BY n.person_id",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The ids that can be OMOP person ids (whole numbers): others name no person. */
export function personIds(ids: ReadonlySet<string>): string[] {
  return [...ids].filter((id) => /^-?\d{1,19}$/.test(id));
}

/** A note type's label: the concept's name, or the label the settings give its id, else the id. */
function typeLabel(row: NoteRow, settings: OmopSettings): string {
  if (row.type_id === null) return "";
  if (settings.noteTypes === "concept") return row.type_name ?? row.type_id;
  return settings.noteTypes[row.type_id] ?? row.type_id;
}

/**
 * Stream the notes of the OMOP CDM `note` table (all, or those of the given patients) through a
 * server-side cursor, a batch of rows at a time, so memory does not follow the table. Columns:
 * person_id → patient id, note_id → note id, note_date → date, note_type_concept_id → note type
 * (see OmopSettings.noteTypes), note_text → text.
 */
export async function* readOmopNotes(settings: OmopSettings, patientIds?: ReadonlySet<string>): AsyncGenerator<Note> {
  const where = `${databaseName(settings)} ${settings.schema}.note`;
  const client = await connectOmop(settings);
  const { default: Cursor } = await import("pg-cursor");
  const cursor = client.query(new Cursor<NoteRow>(notesQuery(settings, patientIds !== undefined), patientIds ? [personIds(patientIds)] : []));
  let row = 0;
  try {
    for (;;) {
      let rows: NoteRow[];
      try {
        rows = await cursor.read(BATCH);
      } catch (err) {
        throw databaseError(where, err);
      }
      if (rows.length === 0) break;
      for (const r of rows) {
        row++;
        yield { patientId: r.patient_id, noteId: r.note_id, date: r.date, noteType: typeLabel(r, settings), text: r.text, source: { file: where, line: row } };
      }
    }
  } finally {
    await cursor.close().catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
