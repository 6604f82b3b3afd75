import type { Note } from "../../core/types.js";
import type { RichRun } from "../../io/workbook.js";
import type { Matcher } from "../search/match.js";
import { analyseMention, sentenceAround, type CompiledRules } from "./context/index.js";
import { suggestForPatient, type Mention, type Suggestion } from "./suggest.js";

/** A piece of evidence for a person: the sentence around a mention with the mention marked. */
export interface Snippet {
  noteId: string;
  date: string;
  before: string;
  match: string;
  after: string;
}

export interface ScreenedPatient {
  patientId: string;
  mentions: Mention[];
  suggestion: Suggestion;
  /** The evidence mention first, then others from other notes, at most `maxSnippets`. */
  snippets: Snippet[];
}

const MAX_SIDE = 220;
const squash = (s: string) => s.replace(/\s+/g, " ");

/** The sentence around a mention, cut to a readable length. */
export function snippetOf(note: Note, start: number, end: number): Snippet {
  const s = sentenceAround(note.text, start, end);
  const from = Math.max(s.start, start - MAX_SIDE);
  const to = Math.min(s.end, end + MAX_SIDE);
  return {
    noteId: note.noteId,
    date: note.date,
    before: (from > s.start ? "…" : "") + squash(note.text.slice(from, start)).trimStart(),
    match: squash(note.text.slice(start, end)),
    after: squash(note.text.slice(end, to)).trimEnd() + (to < s.end ? "…" : ""),
  };
}

/** Snippet as plain text with the match in «guillemets», for CSV cells. */
export function snippetText(s: Snippet): string {
  return `${s.before}«${s.match}»${s.after}`;
}

/** Snippets as rich text, the match in bold, each preceded by its date and note id. */
export function snippetRuns(snippets: readonly Snippet[]): RichRun[] {
  const runs: RichRun[] = [];
  snippets.forEach((s, i) => {
    runs.push({ text: `${i > 0 ? "\n\n" : ""}[${s.date || "no date"} · ${s.noteId}] ${s.before}` });
    runs.push({ text: s.match, bold: true });
    runs.push({ text: s.after });
  });
  return runs;
}

/**
 * Screen one patient: every case-finding mention in their notes is analysed in context, and a
 * suggestion is made from all of them. Pure.
 */
export function screenPatient(
  patientId: string,
  notes: readonly Note[],
  caseMatcher: Matcher,
  rules: CompiledRules,
  opts: { maxSnippets?: number; blinded?: boolean } = {},
): ScreenedPatient {
  const maxSnippets = opts.maxSnippets ?? 3;
  const mentions: Mention[] = [];
  const where = new Map<Mention, Note>();
  for (const note of notes) {
    for (const hit of caseMatcher.match(note.text)) {
      const m: Mention = { noteId: note.noteId, date: note.date, term: hit.term.text, start: hit.start, end: hit.end, analysis: analyseMention(note.text, hit.start, hit.end, rules) };
      mentions.push(m);
      where.set(m, note);
    }
  }
  const suggestion = suggestForPatient(mentions);
  const evidence = mentions.find((m) => m.noteId === suggestion.evidence.noteId && m.start === suggestion.evidence.start);
  // Blinded (rater 2): mentions in date order, so nothing in the workbook reflects the suggestion.
  const ordered = evidence && !opts.blinded ? [evidence, ...mentions.filter((m) => m !== evidence)] : mentions;
  const snippets: Snippet[] = [];
  const notesUsed = new Set<string>();
  for (const m of ordered) {
    if (snippets.length >= maxSnippets) break;
    if (notesUsed.has(m.noteId) && (opts.blinded || m !== evidence)) continue;
    notesUsed.add(m.noteId);
    snippets.push(snippetOf(where.get(m)!, m.start, m.end));
  }
  return { patientId, mentions, suggestion, snippets };
}
