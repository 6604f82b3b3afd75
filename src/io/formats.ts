/** The columns and encodings of the files a study reads: owned here, so readers and the settings schema share them. */

/** Column names a notes export must provide, and the optional ones. */
export const NOTE_COLUMNS = ["patient_id", "note_id", "date", "text", "note_type"] as const;
export type NoteColumn = (typeof NOTE_COLUMNS)[number];

/**
 * Columns of the patients file that the tool reads by role; every other column is kept as an attribute
 * under its own name (or the name `columns` maps it to), for Table 1 to show.
 */
export const PATIENT_COLUMNS = ["gender", "age_at_first_contact", "date_of_birth", "first_contact_date"] as const;
export type PatientColumn = "patient_id" | (typeof PATIENT_COLUMNS)[number];

/** Every role `columns` may map: the notes' columns, then the patients file's (patient_id serves both). */
export const COLUMN_ROLES = [...NOTE_COLUMNS, ...PATIENT_COLUMNS] as const;

/** Text encodings the readers accept; `auto` detects UTF-8 or falls back to Windows-1252. */
export const ENCODINGS = ["auto", "utf-8", "windows-1252"] as const;
export type Encoding = (typeof ENCODINGS)[number];
