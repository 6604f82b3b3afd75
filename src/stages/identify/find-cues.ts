import type { DocumentView } from "../../text/documents/types.js";
import { analyseMention } from "../../text/context/analyse.js";
import type { Span } from "../../text/context/sentences.js";
import type { CompiledRules } from "../../text/context/types.js";
import type { Matcher } from "../../text/terms/match.js";
import type { Hit, Term } from "../../text/terms/terms.js";
import type { NoteIndex } from "./note-index.js";
import type { CompiledNear, CompiledRule } from "./types.js";

/** What one rule found in the note: the cue, the service it names (if any) and the span near it. */
export interface Firing {
  rule: CompiledRule;
  cue: Span;
  service: string;
  target?: Span;
}

/** The note a rule runs over, with the trafficking mentions that made it the identification note. */
export interface NoteView {
  index: NoteIndex;
  /** The note read as a document: parts, sections, blocks. */
  doc: DocumentView;
  /** Context rules, to tell a negated cue ("no ongoing contact"); optional. */
  context?: CompiledRules;
  noteType: string;
  /** Qualifying trafficking mentions (offsets into the note). */
  mentions: readonly Span[];
  /** Every service name in the note. */
  serviceHits: readonly Hit[];
}

type Side = "before" | "after" | "either";

/** The term of a cue that is the trafficking mention itself (a rule with no patterns of its own). */
const MENTION_TERM: Term = { id: -1, text: "", group: "mention", file: "", line: 0, kind: "words", tokens: [] };

/** Is `other` on `side` of `cue` (overlapping counts for either side)? */
function onSide(cue: Span, other: Span, side: Side): boolean {
  if (other.start < cue.end && cue.start < other.end) return true;
  if (side === "before") return other.end <= cue.start;
  if (side === "after") return other.start >= cue.end;
  return true;
}

/** The section a span lies in, or, outside any section, its part: "where" it stands in the document. */
function placeOf(doc: DocumentView, offset: number): object {
  return doc.sectionAt(offset) ?? doc.partAt(offset);
}

function inScope(rule: CompiledRule, view: NoteView, cue: Span, sentence: number, mentionSentences: ReadonlySet<number>): boolean {
  const { doc } = view;
  const samePart = (): boolean => view.mentions.some((m) => doc.partAt(m.start) === doc.partAt(cue.start));
  switch (rule.scope) {
    case "mention_sentence":
      return mentionSentences.has(sentence);
    case "near_mention":
      return (mentionSentences.has(sentence) || mentionSentences.has(sentence - 1) || mentionSentences.has(sentence + 1)) && samePart();
    case "section":
      return view.mentions.some((m) => placeOf(doc, m.start) === placeOf(doc, cue.start));
    case "part":
      return samePart();
    case "note":
      return true;
    case "note_start":
      return sentence === 0;
  }
}

/** The block a cue lies in: its segment (a sign-off, a letterhead), else its section, else its part. */
function blockOf(doc: DocumentView, offset: number): Span {
  const seg = doc.segmentAt(offset);
  if (seg && seg.kind !== "body" && seg.kind !== "heading") return seg;
  return doc.sectionAt(offset) ?? doc.partAt(offset);
}

/** Does the sentence of the mention nearest the cue's sentence hold one of `veto`? */
function mentionSentenceHas(view: NoteView, sentence: number, veto: Matcher): boolean {
  const { index } = view;
  const near = [...new Set(view.mentions.map((m) => index.sentenceOf(m.start)))].sort((a, b) => Math.abs(a - sentence) - Math.abs(b - sentence) || a - b)[0];
  if (near === undefined) return false;
  const s = index.sentences[near];
  return s !== undefined && veto.match(index.text.slice(s.start, s.end)).length > 0;
}

/**
 * Does the note hold one of the patterns in one of the sections — the id `none` standing for text under no
 * heading (the unlabelled narrative at the top of an assessment)?
 */
function noteHas(doc: DocumentView, want: { matcher: Matcher; sections: ReadonlySet<string> }): boolean {
  const spans: Span[] = doc.sections.filter((s) => want.sections.has(s.id));
  if (want.sections.has("none")) {
    let at = 0;
    for (const s of doc.sections) {
      if (s.start > at) spans.push({ start: at, end: s.start });
      at = Math.max(at, s.end);
    }
    if (at < doc.text.length) spans.push({ start: at, end: doc.text.length });
  }
  return spans.some((s) => want.matcher.match(doc.text.slice(s.start, s.end)).length > 0);
}

/** Section filters of a rule: where the cue must (not) lie, and which sections the note must have. */
function inSections(rule: CompiledRule, doc: DocumentView, cue: Span): boolean {
  const here = doc.sectionAt(cue.start)?.id;
  if (rule.sections && (!here || !rule.sections.has(here))) return false;
  if (rule.notSections && here && rule.notSections.has(here)) return false;
  if (rule.noteSections && !doc.sections.some((s) => rule.noteSections!.has(s.id))) return false;
  if (rule.noteHas && !noteHas(doc, rule.noteHas)) return false;
  return true;
}

/** Does a veto lie on `side` of the cue? One that only overlaps the cue itself does not ("we" in "we are a"). */
function vetoOnSide(cue: Span, veto: Span, side: Side): boolean {
  const before = veto.start < cue.start;
  const after = veto.end > cue.end;
  return side === "before" ? before : side === "after" ? after : before || after;
}

const serviceOf = (group: string): string => group.slice(group.indexOf(":") + 1);

/** The nearest acceptable target for a cue, or undefined (with the service it names, for service targets). */
function findTarget(view: NoteView, cue: Span, near: CompiledNear, sentence: number, lexiconHits: readonly Hit[]): { span: Span; service: string } | undefined {
  const { index } = view;
  const text = index.text;
  let candidates: { span: Span; group: string }[];
  if (near.target === "service") candidates = view.serviceHits.map((h) => ({ span: h, group: h.term.group }));
  else if (near.target === "mention") candidates = view.mentions.map((m) => ({ span: m, group: "" }));
  else candidates = lexiconHits.map((h) => ({ span: h, group: "" }));
  const block = near.in === "block" ? blockOf(view.doc, cue.start) : undefined;
  const ok = candidates.filter(({ span }) => {
    if (block ? span.start < block.start || span.end > block.end : index.sentenceOf(span.start) !== sentence) return false;
    if (near.target === "service" && span.start < cue.end && cue.start < span.end) return false;
    if (!onSide(cue, span, near.side) || index.distance(cue, span) > near.within) return false;
    const gap: Span = span.start >= cue.end ? { start: cue.end, end: span.start } : { start: span.end, end: cue.start };
    if (near.notAcross?.match(text.slice(gap.start, gap.end)).length) return false;
    if (near.notPrecededBy) {
      const from = span.start >= cue.end ? cue.end : index.sentences[sentence].start;
      const before = near.notPrecededBy.match(text.slice(from, span.start));
      if (before.some((h) => index.distance({ start: from + h.start, end: from + h.end }, span) === 0)) return false;
    }
    return true;
  });
  // Specific service names beat generic ones ("A&E" over "hospital"); then the nearest, then the one after the cue.
  const tier = ok.some((c) => c.group.startsWith("svc:")) ? ok.filter((c) => !c.group.startsWith("gen:")) : ok;
  tier.sort(
    (a, b) =>
      index.distance(cue, a.span) - index.distance(cue, b.span) ||
      Number(b.span.start >= cue.end) - Number(a.span.start >= cue.end) ||
      b.span.end - b.span.start - (a.span.end - a.span.start) ||
      a.span.start - b.span.start,
  );
  const best = tier[0];
  return best ? { span: best.span, service: best.group.includes(":") ? serviceOf(best.group) : "" } : undefined;
}

/**
 * Every place one rule fires in the identification note: its cue in scope (relative to the trafficking
 * mentions), not vetoed, with its required neighbour in the same sentence. Pure.
 */
export function findCues(view: NoteView, rule: CompiledRule): Firing[] {
  if (rule.noteTypes && !rule.noteTypes.has(view.noteType.trim().toLowerCase())) return [];
  const { index } = view;
  const mentionSentences = new Set(view.mentions.map((m) => index.sentenceOf(m.start)));
  const out: Firing[] = [];
  const cues: Hit[] = rule.cue ? rule.cue.match(index.text) : view.mentions.map((m) => ({ start: m.start, end: m.end, term: MENTION_TERM }));
  if (cues.length === 0) return out;
  const vetoHits = rule.unless.map((u) => u.matcher.match(index.text));
  const lexiconHits = rule.near?.target === "lexicon" ? rule.near.matcher!.match(index.text) : [];
  for (const hit of cues) {
    const cue: Span = { start: hit.start, end: hit.end };
    const sentence = index.sentenceOf(cue.start);
    if (!inScope(rule, view, cue, sentence, mentionSentences) || !inSections(rule, view.doc, cue)) continue;
    if (rule.notNegated && view.context && analyseMention(index.text, cue.start, cue.end, view.context).negated) continue;
    if (rule.unlessMention && mentionSentenceHas(view, sentence, rule.unlessMention)) continue;
    const vetoed = rule.unless.some(
      (u, k) =>
        (!u.awayFromMention || !mentionSentences.has(sentence)) &&
        vetoHits[k].some((v) => index.sentenceOf(v.start) === sentence && vetoOnSide(cue, v, u.side) && index.distance(cue, v) <= u.within),
    );
    if (vetoed) continue;
    let target: { span: Span; service: string } | undefined;
    if (rule.near) {
      target = findTarget(view, cue, rule.near, sentence, lexiconHits);
      if (!target) continue;
    }
    const cueService = hit.term.group.includes(":") ? serviceOf(hit.term.group) : "";
    const service = target?.service || cueService || rule.service || "";
    out.push({ rule, cue, service, ...(target ? { target: target.span } : {}) });
  }
  return out;
}
