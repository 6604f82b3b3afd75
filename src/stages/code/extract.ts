import type { Group, Note } from "../../core/types.js";
import type { Matcher } from "../../text/terms/match.js";
import type { CompiledDocuments } from "../../text/documents/compile.js";
import { readDocument } from "../../text/documents/read-document.js";
import type { DocumentView } from "../../text/documents/types.js";
import { splitSentences, type Span } from "../../text/context/sentences.js";
import type { Codebook } from "./codebook/types.js";
import type { PatternMatcher } from "./patterns.js";
import { effectiveHits, suggestCodes } from "./tag.js";
import type { Extract } from "./types.js";
import { seedWindows, subtractPinned, type Seed, type WindowOptions } from "./windows.js";

/** Everything extraction needs, compiled once. */
export interface ExtractionRules {
  book: Codebook;
  /** Theme retrieval terms (every term group but `case`). */
  retrieval: Matcher;
  /** The codebook's patterns and its `unless` patterns. */
  codes: PatternMatcher;
  unless: PatternMatcher;
  /** Codebook patterns also pull passages out (they are a finer a priori vocabulary than the retrieval groups). */
  codebookSeeds: boolean;
  window: WindowOptions;
  /** Document rules: passages come from the body of letters, e-mails, forms and notes, never from their blocks. */
  documents?: CompiledDocuments;
}

/** Blocks that name who wrote or received a document, or when: no passage is drawn from them. */
const BLOCKS = new Set(["letterhead", "addressee", "date", "salutation", "subject", "signoff", "cc", "email_header", "form_title"]);

/** The sentences passages are drawn from, and whether an offset lies in a block (letterhead, sign-off …). */
function readable(text: string, doc: DocumentView | undefined): { sentences: Span[]; inBlock: (offset: number) => boolean } {
  if (!doc) return { sentences: splitSentences(text), inBlock: () => false };
  const blocks = doc.segments.filter((s) => BLOCKS.has(s.kind));
  const inBlock = (o: number): boolean => blocks.some((b) => o >= b.start && o < b.end);
  return { sentences: doc.sentences.filter((s) => !inBlock(s.start)), inBlock };
}

/** The id of an extract: note id and offsets, so a decision can always be found again. */
export function extractId(noteId: string, start: number, end: number, patientId?: string): string {
  return `${patientId ? `${patientId}/` : ""}${noteId}:${start}-${end}`;
}

/** Parse an extract id back into note (and patient) id and offsets; undefined when it is not one. */
export function parseExtractId(id: string): { patientId?: string; noteId: string; start: number; end: number } | undefined {
  const m = /^(?:([^/]+)\/)?(.+):(\d+)-(\d+)$/.exec(id);
  if (!m) return undefined;
  const start = Number(m[3]);
  const end = Number(m[4]);
  return end > start ? { patientId: m[1], noteId: m[2], start, end } : undefined;
}

/**
 * The passages of one patient's notes that match the theme retrieval terms (and codebook patterns that
 * may suggest a code for this patient),
 * as merged sentence windows, each with its suggested codes. Passages a coder already decided on
 * (`pinned`, by note id) are kept exactly as they were and new windows never overlap them. Pure.
 */
export function extractPatient(
  patient: { id: string; group: Group },
  notes: readonly Note[],
  rules: ExtractionRules,
  pinned: ReadonlyMap<string, readonly Span[]> = new Map(),
  qualifyIds = false,
): Extract[] {
  const out: Extract[] = [];
  for (const note of notes) {
    const text = note.text;
    const { sentences, inBlock } = readable(text, rules.documents ? readDocument(text, note.noteType ?? "", rules.documents) : undefined);
    const raw = rules.codes.match(text).filter((h) => !inBlock(h.start));
    const codeHits = raw.length > 0 ? effectiveHits(rules.book, patient.group, sentences, raw, rules.unless.match(text)) : [];
    const seeds: Seed[] = rules.retrieval
      .match(text)
      .filter((h) => !inBlock(h.start))
      .map((h) => ({ start: h.start, end: h.end, by: h.term.group }));
    if (rules.codebookSeeds) seeds.push(...codeHits.map((h) => ({ start: h.start, end: h.end, by: "codebook" })));
    const pins = (pinned.get(note.noteId) ?? []).filter((p) => p.end <= text.length);
    const windows = subtractPinned(text, seedWindows(text, sentences, seeds, rules.window), pins);
    const spans = [...windows.map((w) => ({ ...w, pinned: false })), ...pins.map((p) => ({ ...p, seeds: seeds.filter((s) => s.start >= p.start && s.end <= p.end), pinned: true }))];
    for (const w of spans) {
      const s = suggestCodes(rules.book, w, codeHits, text);
      const by = new Set(w.seeds.map((x) => x.by));
      if (w.pinned) by.add("coded");
      out.push({
        extractId: extractId(note.noteId, w.start, w.end, qualifyIds ? patient.id : undefined),
        patientId: patient.id,
        group: patient.group,
        noteId: note.noteId,
        date: note.date,
        noteType: note.noteType ?? "",
        start: w.start,
        end: w.end,
        text: text.slice(w.start, w.end),
        retrievedBy: [...by].sort(),
        suggested: s.codes,
        rules: s.rules,
        highlights: s.hits.map((h) => ({ start: h.start, end: h.end, code: h.pattern.code })),
      });
    }
  }
  return out.sort(compareExtracts);
}

/** Stable order: patient, date, note, offset. */
export function compareExtracts(a: Extract, b: Extract): number {
  const k = (x: Extract) => [x.patientId, x.date, x.noteId] as const;
  const [pa, da, na] = k(a);
  const [pb, db, nb] = k(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (da !== db) return da < db ? -1 : 1;
  if (na !== nb) return na < nb ? -1 : 1;
  return a.start - b.start || a.end - b.end;
}
