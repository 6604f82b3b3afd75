import type { Note } from "../../core/types.js";
import { analyseMention } from "../screen/context/analyse.js";
import type { CompiledRules } from "../screen/context/types.js";
import type { Span } from "../screen/context/sentences.js";
import type { Matcher } from "../search/match.js";
import { evidenceOf } from "./evidence.js";
import { findCues, type Firing, type NoteView } from "./find-cues.js";
import { indexNote } from "./note-index.js";
import type { CompiledCategories, RouteSuggestion } from "./types.js";

/** Rule ids of the two fallbacks: no rule fired in the identification note; no note mentions trafficking. */
export const NO_CUE = "no-cue";
export const NO_MENTION = "no-mention";

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
 * sense (drug trafficking, road traffic…), not someone else, and not negated (by a nearby negation)
 * unless it is also uncertain ("cannot rule out trafficking"). Hypothetical mentions count: "I wonder
 * if she was trafficked", "at risk of trafficking" show the team already had it in mind.
 */
export function isOwnMention(text: string, hit: Span, context?: CompiledRules): boolean {
  if (!context) return true;
  const a = analyseMention(text, hit.start, hit.end, context);
  if (a.senses.length > 0 || a.otherPerson) return false;
  if (!a.negated || a.uncertain) return true;
  return !closeNegation(text, hit, a.fired.filter((f) => f.kind === "NEGATED"));
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

const firstAt = (f: Firing): number => Math.min(f.cue.start, f.target?.start ?? f.cue.start);

/**
 * Highest priority first; then the evidence earliest in the note (cue or service name: in "Police
 * letter, received via the GP" the police come first); then the rule earliest in the file.
 */
function better(a: Firing, b: Firing): number {
  return b.rule.priority - a.rule.priority || firstAt(a) - firstAt(b) || a.cue.start - b.cue.start || a.rule.order - b.rule.order;
}

/**
 * Suggest how the team first learned of one patient's trafficking (directed content analysis). Walks
 * the notes in date order to the first that mentions the patient's own trafficking; in that note every
 * rule looks for its cue (a referral or letter from a service, a disclosure, recency, suspicion) and the
 * highest-priority firing decides the category, the service and the evidence. With no firing the
 * suggestion is the scheme's fallback category (`unknown`). Pure.
 */
export function suggestRoute(notes: readonly Note[], categories: CompiledCategories, caseMatcher: Matcher, context?: CompiledRules): RouteSuggestion {
  for (const note of [...notes].sort(byDate)) {
    const mentions = caseMatcher.match(note.text).filter((h) => isOwnMention(note.text, h, context));
    if (mentions.length === 0) continue;
    const index = indexNote(note.text);
    const view: NoteView = { index, noteType: note.noteType ?? "", mentions, serviceHits: categories.serviceNames.match(note.text) };
    const firings = categories.rules.flatMap((r) => findCues(view, r)).sort(better);
    const best = firings[0];
    const where = { noteId: note.noteId, date: note.date };
    if (!best) {
      const m = mentions[0];
      const { evidence, bold } = evidenceOf(note.text, index.sentences[index.sentenceOf(m.start)] ?? m, [m]);
      return { route: categories.fallback, service: "", rule: NO_CUE, ...where, evidence, bold, start: m.start, end: m.end };
    }
    const sentence = index.sentences[index.sentenceOf(best.cue.start)] ?? best.cue;
    const spans = best.target && index.sentenceOf(best.target.start) === index.sentenceOf(best.cue.start) ? [best.cue, best.target] : [best.cue];
    const { evidence, bold } = evidenceOf(note.text, sentence, spans);
    const service = best.rule.category === categories.serviceCategory ? best.service : "";
    return { route: best.rule.category, service, rule: best.rule.id, ...where, evidence, bold, start: best.cue.start, end: best.cue.end };
  }
  return { route: categories.fallback, service: "", rule: NO_MENTION, noteId: "", date: "", evidence: "", bold: [], start: 0, end: 0 };
}
