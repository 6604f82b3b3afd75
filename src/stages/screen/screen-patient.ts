import type { Note } from "../../core/types.js";
import type { RichRun } from "../../io/workbook.js";
import type { CompiledDocuments } from "../../text/documents/compile.js";
import { readDocument } from "../../text/documents/read-document.js";
import type { DocumentView } from "../../text/documents/types.js";
import type { Matcher } from "../../text/terms/match.js";
import { otherPersonByGender, type Gender } from "./about-whom.js";
import { analyseMention, sentenceAround, type CompiledRules } from "../../text/context/index.js";
import { splitSentences, type Span } from "../../text/context/sentences.js";
import { suggestForPatient, type Mention, type Statement, type Suggestion } from "./suggest.js";

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

/** Where a clause starts before `offset` in its sentence: after a semicolon, colon or dash, or the sentence start. */
function clauseStart(text: string, sentence: Span, offset: number): number {
  const before = text.slice(sentence.start, offset);
  const cut = Math.max(before.lastIndexOf(";"), before.lastIndexOf(":"), before.lastIndexOf(" - "));
  return cut >= 0 ? sentence.start + cut + 1 : sentence.start;
}

/**
 * Statements in a note's sentences: outcomes that settle an open query without repeating the term
 * ("Explored: no indicators."), disputes of an outcome ("we remain concerned"), and affirmations that
 * apply an earlier mention to the patient ("disclosed that the same had happened to her"). Pure.
 */
export function findStatements(note: Note, sentences: readonly Span[], rules: CompiledRules): Statement[] {
  const out: Statement[] = [];
  for (const sentence of sentences) {
    const text = note.text.slice(sentence.start, sentence.end);
    for (const [kind, list] of [["outcome", rules.outcomes], ["dispute", rules.disputes], ["affirms", rules.affirmations]] as const) {
      for (const rule of list) {
        rule.regex.lastIndex = 0;
        const m = rule.regex.exec(text);
        if (!m) continue;
        out.push({ kind, noteId: note.noteId, date: note.date, start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, rule: rule.id, reach: rule.reach });
        break;
      }
    }
  }
  return out;
}

/** Text joining two items of a list: "forced labour or trafficking", "trafficking/forced labour", "slavery, trafficking". */
const COORDINATION = /^[\s"'“”‘’()]*(?:or|and|nor|&|\/|,|or\s+even|and\/or)[\s"'“”‘’()]*$/i;
const INHERITED = ["negated", "uncertain", "hypothetical", "otherPerson"] as const;

/**
 * A mention joined to the one before it in a list takes that one's negation, doubt, hypothesis or other
 * person when it has none of its own: "consider whether he could be a victim of forced labour or
 * [trafficking]", "no evidence of exploitation/[trafficking]". Mutates the analyses of `mentions` (one note,
 * in text order).
 */
function inheritAcrossLists(text: string, mentions: readonly Mention[]): void {
  for (let i = 1; i < mentions.length; i++) {
    const [prev, cur] = [mentions[i - 1], mentions[i]];
    const a = cur.analysis;
    if (prev.end > cur.start || prev.analysis.sentence.start !== a.sentence.start || !COORDINATION.test(text.slice(prev.end, cur.start))) continue;
    if (INHERITED.some((k) => a[k]) || a.senses.length > 0) continue;
    for (const k of INHERITED) {
      if (!prev.analysis[k]) continue;
      a[k] = true;
      for (const f of prev.analysis.fired.filter((x) => x.kind === (k === "otherPerson" ? "OTHER_PERSON" : k.toUpperCase()))) {
        a.fired.push({ ...f, id: f.id });
        if (!a.rules.includes(f.id)) a.rules.push(f.id);
      }
    }
  }
}

/** Options of `screenPatient`. */
export interface ScreenOptions {
  maxSnippets?: number;
  /** Rater 2's workbook: mentions in date order, so nothing reflects the suggestion. */
  blinded?: boolean;
  /** Document rules: each note read as letters, forms and sections, with sentences that respect them. */
  documents?: CompiledDocuments;
  /** The patient's gender from the patients file, for telling whom a pronoun is about. */
  gender?: Gender;
}

/**
 * Screen one patient: every case-finding mention in their notes is analysed in context (in the note's
 * document sentences and section, and who it is about across sentences), the notes' outcome and dispute
 * statements are found, and a suggestion is made from all of them over the timeline. Pure.
 */
export function screenPatient(patientId: string, notes: readonly Note[], caseMatcher: Matcher, rules: CompiledRules, opts: ScreenOptions = {}): ScreenedPatient {
  const maxSnippets = opts.maxSnippets ?? 3;
  const mentions: Mention[] = [];
  const statements: Statement[] = [];
  const where = new Map<Mention, Note>();
  for (const note of notes) {
    const hits = caseMatcher.match(note.text);
    const doc: DocumentView | undefined = opts.documents ? readDocument(note.text, note.noteType ?? "", opts.documents) : undefined;
    const sentences = doc?.sentences;
    for (const hit of hits) {
      const i = doc ? doc.sentenceOf(hit.start) : -1;
      const sentence = doc && sentences![i] && sentences![i].start <= hit.start && sentences![i].end >= hit.end ? sentences![i] : undefined;
      const section = doc?.sectionAt(hit.start)?.id;
      const analysis = analyseMention(note.text, hit.start, hit.end, rules, sentence, section);
      const m: Mention = { noteId: note.noteId, date: note.date, term: hit.term.text, start: hit.start, end: hit.end, analysis };
      if (doc) {
        m.author = doc.partAt(hit.start).author;
        if (section) m.section = section;
      }
      if (rules.coreference?.byGender && sentence) {
        const found = otherPersonByGender(note.text, clauseStart(note.text, sentence, hit.start), hit, opts.gender);
        if (found) m.aboutOther = { rule: found.rule };
      }
      mentions.push(m);
      where.set(m, note);
    }
    inheritAcrossLists(note.text, mentions.filter((m) => m.noteId === note.noteId));
    statements.push(...findStatements(note, doc?.sentences ?? splitSentences(note.text), rules));
  }
  const suggestion = suggestForPatient(mentions, statements, rules.reasons);
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
