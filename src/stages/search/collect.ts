import type { Note } from "../../core/types.js";
import { codePointOffsets, kwic } from "./kwic.js";
import type { Matcher } from "../../text/terms/match.js";
import { CASE_GROUP } from "../../text/terms/terms.js";

/** One row of hits.csv. Offsets are code points into the note text. */
export interface HitRow {
  patientId: string;
  noteId: string;
  date: string;
  noteType: string;
  term: string;
  termId: number;
  group: string;
  start: number;
  end: number;
  left: string;
  match: string;
  right: string;
}

/** Everything the search found for one patient. */
export interface PatientHits {
  patientId: string;
  notesHit: Set<string>;
  hits: HitRow[];
}

/** What a hit row needs of a note. */
export type NoteFields = Pick<Note, "patientId" | "noteId" | "date" | "text" | "noteType">;

/** Hits of one note as rows, with keyword in context. */
export function hitRows(note: NoteFields, matcher: Matcher, width: number): HitRow[] {
  return matcher.match(note.text).map((h) => {
    const k = kwic(note.text, h.start, h.end, width);
    const [start, end] = codePointOffsets(note.text, h.start, h.end);
    return {
      patientId: note.patientId,
      noteId: note.noteId,
      date: note.date,
      noteType: note.noteType ?? "",
      term: h.term.text,
      termId: h.term.id,
      group: h.term.group,
      start,
      end,
      ...k,
    };
  });
}

/** Gathers hits per patient as notes stream past; only patients with a hit are kept. */
export class HitCollector {
  readonly patients = new Map<string, PatientHits>();
  notes = 0;

  /** A run of `notes` consecutive notes of one patient, with their case-finding hits. */
  add(patientId: string, notes: number, caseHits: readonly HitRow[]): void {
    this.notes += notes;
    if (caseHits.length === 0) return;
    let p = this.patients.get(patientId);
    if (!p) {
      p = { patientId, notesHit: new Set(), hits: [] };
      this.patients.set(patientId, p);
    }
    for (const r of caseHits) {
      p.notesHit.add(r.noteId);
      p.hits.push(r);
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The stable order of hits.csv: patient, date, note, offset, group, term. */
export function compareHits(a: HitRow, b: HitRow): number {
  return cmp(a.patientId, b.patientId) || cmp(a.date, b.date) || cmp(a.noteId, b.noteId) || a.start - b.start || a.end - b.end || a.termId - b.termId;
}

/** `term (n); term (n)` — case-finding terms of a patient with counts, in term-file order. */
export function termCounts(hits: readonly HitRow[]): string {
  const counts = new Map<number, { term: string; n: number }>();
  for (const h of hits) {
    if (h.group !== CASE_GROUP) continue;
    const c = counts.get(h.termId) ?? { term: h.term, n: 0 };
    c.n++;
    counts.set(h.termId, c);
  }
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, c]) => `${c.term} (${c.n})`)
    .join("; ");
}
