/** One clinical note as read from an export. `date` is ISO `yyyy-mm-dd` (time kept if given) or ''. */
export interface Note {
  patientId: string;
  noteId: string;
  date: string;
  text: string;
  noteType?: string;
  /** Where the note came from, for messages that must point at input without quoting it. */
  source: { file: string; line: number };
}

export type Group = "adult" | "child" | "unknown";

/** Case attributes of one patient (SPEC §3). A missing gender is `Unknown`. */
export interface Patient {
  patientId: string;
  group: Group;
  age: number | null;
  gender: string;
  /**
   * Every other column of the patients file, as given (trimmed), under its own name or the name the
   * config's `columns` maps it to; the study's Table 1 file says which to show.
   */
  attributes: Record<string, string>;
}
