import type { Note } from "../../core/types.js";
import type { CompiledDocuments } from "../../text/documents/compile.js";
import { readDocument } from "../../text/documents/read-document.js";
import type { DocumentView, Part } from "../../text/documents/types.js";
import { analyseMention } from "../../text/context/analyse.js";
import type { CompiledRules } from "../../text/context/types.js";
import type { Span } from "../../text/context/sentences.js";
import type { Matcher } from "../../text/terms/match.js";
import { evidenceOf } from "./evidence.js";
import { findCues, type Firing, type NoteView } from "./find-cues.js";
import { indexNote, type NoteIndex } from "./note-index.js";
import { AUTHOR_STEP, type CompiledCategories, type RouteSuggestion } from "./types.js";

/** Rule ids of the two fallbacks: no rule fired in the identification note; no note mentions trafficking. */
export const NO_CUE = "no-cue";
export const NO_MENTION = "no-mention";
/** The document rule of a note's own text, whose writer is the team unless a rule says otherwise. */
export const NOTE_AUTHOR = "doc.note";

/** Most words a negation may lie from a mention and still negate it; from the line before, at most two. */
const NEGATION_REACH = 5;
const NEGATION_REACH_ACROSS_LINES = 2;

function wordCount(text: string): number {
  return text.match(/[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g)?.length ?? 0;
}

/**
 * A negation close enough to the mention to be about it. NegEx scopes run up to eight words and across
 * wrapped lines; in identification a long reach costs a real mention ("… was not her uncle and that she
 * had been trafficked", "… numb rather than sad / disclosed hx of trafficking"), so only near ones count.
 */
function closeNegation(text: string, hit: Span, negations: readonly Span[]): boolean {
  return negations.some((n) => {
    const gap = n.end <= hit.start ? text.slice(n.end, hit.start) : n.start >= hit.end ? text.slice(hit.end, n.start) : "";
    const words = wordCount(gap);
    return words <= (gap.includes("\n") ? NEGATION_REACH_ACROSS_LINES : NEGATION_REACH);
  });
}

/**
 * Does a case-finding hit speak of this patient's own trafficking? With context rules: not another
 * sense (drug trafficking, road traffic…), not someone else, not a question answered no ("screened for
 * trafficking - denies"), and not negated (by a nearby negation) unless it is also uncertain ("cannot
 * rule out trafficking"). Hypothetical mentions count: "I wonder if she was trafficked", "at risk of
 * trafficking" show the team already had it in mind.
 */
export function isOwnMention(text: string, hit: Span, context?: CompiledRules, sentence?: Span): boolean {
  if (!context) return true;
  const a = analyseMention(text, hit.start, hit.end, context, sentence);
  if (a.senses.length > 0 || a.otherPerson) return false;
  if (!a.negated) return true;
  // A negation that answers the doubt itself (a frame, or "denies" straight after a screening question) settles it.
  const negations = a.fired.filter((f) => f.kind === "NEGATED");
  if (negations.some((f) => f.frame)) return false;
  if (a.uncertain) return !negations.some((f) => f.direct && f.distance <= 2);
  return !closeNegation(text, hit, negations);
}

/** Date order with undated notes last, then note id, so the result never depends on input order. */
export function byDate(a: Note, b: Note): number {
  if (a.date !== b.date) {
    if (a.date === "") return 1;
    if (b.date === "") return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0;
}

/** A note with no documents rules: one part, written by the team, no sections, plain sentences. */
export function plainDocument(text: string, noteType: string): DocumentView {
  const index = indexNote(text);
  const part: Part = { kind: "note", rule: NOTE_AUTHOR, start: 0, end: text.length, author: "team", evidence: [], senderSpans: [] };
  return {
    text,
    noteType,
    segments: [],
    parts: [part],
    sections: [],
    sentences: index.sentences,
    partAt: () => part,
    sectionAt: () => undefined,
    segmentAt: () => undefined,
    sentenceOf: (o) => index.sentenceOf(o),
  };
}

/** A note read once: as a document, indexed, with its own mentions (each judged in its document sentence). */
export interface ReadNote {
  note: Note;
  doc: DocumentView;
  index: NoteIndex;
  mentions: Span[];
}

/** Read one note for identification: its document, sentences, and the mentions of the patient's own trafficking. */
export function readNoteForRoutes(note: Note, caseMatcher: Matcher, context?: CompiledRules, documents?: CompiledDocuments): ReadNote {
  const doc = documents ? readDocument(note.text, note.noteType ?? "", documents) : plainDocument(note.text, note.noteType ?? "");
  const index = indexNote(note.text, doc.sentences);
  const mentions = caseMatcher.match(note.text).filter((h) => isOwnMention(note.text, h, context, index.sentences[index.sentenceOf(h.start)]));
  return { note, doc, index, mentions };
}

const firstAt = (f: Firing): number => Math.min(f.cue.start, f.target?.start ?? f.cue.start);

/** Within one step: the evidence earliest in the note (cue or service name), then the rule earliest in the file. */
function better(a: Firing, b: Firing): number {
  return firstAt(a) - firstAt(b) || a.cue.start - b.cue.start || a.rule.order - b.rule.order;
}

const serviceOf = (group: string): string => group.slice(group.indexOf(":") + 1);

/**
 * The service that wrote a part, from the groups of spans that name its writer (sign-off and signature,
 * letterhead, From:, the referrer's field, the opening), in that order: the first group that names any
 * service decides, a specific name there beating a generic one ("A&E" over "hospital"), then the first.
 */
export function writerService(text: string, groups: readonly (readonly Span[])[], categories: CompiledCategories): { service: string; span?: Span; specific?: boolean } {
  for (const group of groups) {
    let generic: { service: string; span: Span } | undefined;
    for (const s of group) {
      const hits = categories.serviceNames.match(text.slice(s.start, s.end));
      const specific = hits.find((h) => h.term.group.startsWith("svc:"));
      if (specific) return { service: serviceOf(specific.term.group), span: { start: s.start + specific.start, end: s.start + specific.end }, specific: true };
      const vague = hits.find((h) => h.term.group.startsWith("gen:"));
      if (vague && !generic) generic = { service: serviceOf(vague.term.group), span: { start: s.start + vague.start, end: s.start + vague.end } };
    }
    if (generic) return generic;
  }
  return { service: "" };
}

/** Evidence that joins the writer's line to the mention's sentence: "Social Worker … | … she had been trafficked …". */
function authorEvidence(read: ReadNote, writer: Span | undefined, mention: Span): { evidence: string; bold: Span[] } {
  const { index, note } = read;
  const mentionEv = evidenceOf(note.text, index.sentences[index.sentenceOf(mention.start)] ?? mention, [mention]);
  if (!writer) return mentionEv;
  if (index.sentenceOf(writer.start) === index.sentenceOf(mention.start)) {
    return evidenceOf(note.text, index.sentences[index.sentenceOf(mention.start)], writer.start < mention.start ? [writer, mention] : [mention, writer]);
  }
  const line = index.sentences[index.sentenceOf(writer.start)] ?? writer;
  const writerEv = evidenceOf(note.text, line, [writer], 120);
  const sep = " | ";
  const shift = writerEv.evidence.length + sep.length;
  return { evidence: writerEv.evidence + sep + mentionEv.evidence, bold: [...writerEv.bold, ...mentionEv.bold.map((b) => ({ start: b.start + shift, end: b.end + shift }))] };
}

/**
 * Suggest how the team first learned of one patient's trafficking (directed content analysis), by the
 * procedure of the categories file. The first note in date order that mentions the patient's own
 * trafficking is read as a document; then its steps run in order and the first that fires decides:
 * the built-in `author` step (the letter, e-mail, form or note holding the first mention was written by
 * another service: the service category, with the service its sender blocks name), then each step's
 * rules (the earliest evidence in the note wins within a step). With no firing, the fallback category.
 * Every rule that decided is kept: the document rule that named the writer, then the step's rule. Pure.
 */
export function suggestRoute(notes: readonly Note[], categories: CompiledCategories, caseMatcher: Matcher, context?: CompiledRules, documents?: CompiledDocuments): RouteSuggestion {
  for (const note of [...notes].sort(byDate)) {
    const read = readNoteForRoutes(note, caseMatcher, context, documents);
    if (read.mentions.length === 0) continue;
    const { doc, index, mentions } = read;
    const where = { noteId: note.noteId, date: note.date };
    const first = mentions[0];
    const part = doc.partAt(first.start);
    const authorRule = part.evidence[0]?.rule ?? (part.kind === "note" ? NOTE_AUTHOR : `doc.${part.kind}`);
    const view: NoteView = { index, doc, context, noteType: note.noteType ?? "", mentions, serviceHits: categories.serviceNames.match(note.text) };
    const firings = categories.rules.flatMap((r) => findCues(view, r));

    for (const step of categories.procedure) {
      if (step.id === AUTHOR_STEP) {
        const writer = writerService(note.text, part.senderSpans, categories);
        // The one who signed outranks a letterhead that may be the addressee's: a service named in the sign-off makes it theirs.
        const signedElsewhere = part.author === "team" && part.kind !== "note" && part.evidence[0]?.block !== "signoff" && part.evidence[0]?.block !== "signature" && writer.specific === true && writerService(note.text, part.senderSpans.slice(0, 1), categories).specific === true;
        if ((part.author === "team" && !signedElsewhere) || (part.author === "unknown" && !writer.service)) continue;
        // Written by another service. With no service in its blocks, a receipt cue inside the part may name it.
        let service = writer.service;
        let span = writer.span ?? part.evidence[0];
        if (!service) {
          const inside = firings.filter((f) => f.rule.category === categories.serviceCategory && f.service && f.cue.start >= part.start && f.cue.end <= part.end).sort(better)[0];
          if (inside) [service, span] = [inside.service, inside.target ?? inside.cue];
        }
        const rule = part.author === "unknown" || signedElsewhere ? `${authorRule} + doc.sender-named` : authorRule;
        const { evidence, bold } = authorEvidence(read, span, first);
        const cue = span ?? first;
        return { route: categories.serviceCategory, service, rule, ...where, evidence, bold, start: cue.start, end: cue.end };
      }
      const best = firings.filter((f) => f.rule.step === step.id).sort(better)[0];
      if (!best) continue;
      const sentence = index.sentences[index.sentenceOf(best.cue.start)] ?? best.cue;
      const spans = best.target && index.sentenceOf(best.target.start) === index.sentenceOf(best.cue.start) ? [best.cue, best.target] : [best.cue];
      const { evidence, bold } = evidenceOf(note.text, sentence, spans);
      const service = best.rule.category === categories.serviceCategory ? best.service : "";
      return { route: best.rule.category, service, rule: `${authorRule} + ${best.rule.id}`, ...where, evidence, bold, start: best.cue.start, end: best.cue.end };
    }
    const { evidence, bold } = evidenceOf(note.text, index.sentences[index.sentenceOf(first.start)] ?? first, [first]);
    return { route: categories.fallback, service: "", rule: `${authorRule} + ${NO_CUE}`, ...where, evidence, bold, start: first.start, end: first.end };
  }
  return { route: categories.fallback, service: "", rule: NO_MENTION, noteId: "", date: "", evidence: "", bold: [], start: 0, end: 0 };
}
