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

/** Case attributes of one patient (SPEC §3). Missing values are `Unknown`. */
export interface Patient {
  patientId: string;
  group: Group;
  age: number | null;
  gender: string;
  regionOfOrigin: string;
  exploitationType: string;
  referralRoute: string;
  /** Every other column, kept as given. */
  attributes: Record<string, string>;
}
