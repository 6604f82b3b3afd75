import { splitSentences, type Span } from "../context/sentences.js";
import { lastStartingAt } from "../spans.js";
import { blocksOf, decideAuthor, senderSpans } from "./authorship.js";
import type { CompiledDocuments } from "./compile.js";
import { classify, isProse, splitLines, type Line, type LineKinds } from "./lines.js";
import { findParts, type RawPart } from "./parts.js";
import type { DocumentView, Part, Section, Segment } from "./types.js";

/** Segments whose lines are each a unit of their own when splitting sentences. */
const LINE_UNITS = new Set<Segment["kind"]>(["letterhead", "addressee", "date", "salutation", "subject", "signoff", "cc", "email_header", "form_title"]);
/** Segments where no section heading is looked for. */
const NO_HEADINGS = new Set<Segment["kind"]>(["letterhead", "addressee", "date", "salutation", "subject", "signoff", "cc", "email_header", "form_title"]);

function inside(spans: readonly Span[], offset: number): boolean {
  return spans.some((s) => offset >= s.start && offset < s.end);
}

/**
 * A letterhead at the top of the note's own text, when it is not a letter: two or more short lines in a row,
 * none a label, heading or sentence, one naming an organisation or an address ("ZZZZZ University Hospital /
 * Emergency Department / ZZZZZ Road").
 */
function leadingLetterhead(lines: readonly Line[], kinds: readonly LineKinds[], part: RawPart, rules: CompiledDocuments): Segment | undefined {
  if (!rules.letterheadWords) return undefined;
  let j = part.first;
  let last = -1;
  for (; j <= part.last; j++) {
    const l = lines[j];
    const k = kinds[j];
    if (l.blank || k.label || k.field || k.heading || k.header || isProse(l) || l.words > 8) break;
    last = j;
  }
  if (last < part.first + 1) return undefined;
  const block = lines.slice(part.first, last + 1);
  if (!block.some((l) => rules.letterheadWords!.test(l.text))) return undefined;
  return { kind: "letterhead", rule: "doc.letterhead-top", start: block[0].start, end: block[block.length - 1].end };
}

/** A signature on the last line of the note's own text: "Dr ZZZZZ, ST5 for Dr ZZZZZ, Consultant Psychiatrist". */
const SIGNATURE_LINE = /^(?:(?:[Dd]r|[Mm]rs?|[Mm]s|[Mm]iss|[Mm]x|[Pp]rof)\.?\s+[A-Z]\S*|[A-Z]{3,}(?:\s+[A-Z]{3,})?)\s*[,(–-]\s*\S/;

function trailingSignature(lines: readonly Line[], part: RawPart): Segment | undefined {
  const l = lines[part.last];
  if (part.last <= part.first || l.blank || l.words > 14 || /[.!?]\s+\S/.test(l.text) || !SIGNATURE_LINE.test(l.text)) return undefined;
  return { kind: "field", rule: "doc.signature-line", start: l.start, end: l.end, name: "signature", valueStart: l.start };
}

/** Field lines and heading lines of the note's own text (outside letters, e-mails and forms). */
function noteSegments(lines: readonly Line[], kinds: readonly LineKinds[], part: RawPart, rules: CompiledDocuments): Segment[] {
  const out: Segment[] = [];
  const top = leadingLetterhead(lines, kinds, part, rules);
  if (top) out.push(top);
  const signed = trailingSignature(lines, part);
  if (signed && !kinds[part.last].field) out.push(signed);
  for (let j = part.first; j <= part.last; j++) {
    const f = kinds[j].field;
    if (f && !kinds[j].heading) out.push({ kind: "field", rule: f.rule.id, start: lines[j].start, end: lines[j].end, name: f.rule.role, valueStart: f.valueStart });
  }
  return out;
}

/** Every section heading: at a line start, or inline after a sentence end ("… no SI. Imp: PTSD"). */
/** A heading found, and whether its words run on the same line ("Dx: PTSD") rather than standing alone ("HISTORY"). */
interface FoundHeading {
  id: string;
  heading: Span;
  inline: boolean;
}

function findHeadings(text: string, lines: readonly Line[], kinds: readonly LineKinds[], blockSpans: readonly Span[], rules: CompiledDocuments): FoundHeading[] {
  const out: FoundHeading[] = [];
  lines.forEach((l, j) => {
    if (l.blank || inside(blockSpans, l.start)) return;
    const h = kinds[j].heading;
    if (h) out.push({ id: h.rule.id, heading: { start: h.start, end: h.end }, inline: h.end < l.end });
    for (const rule of rules.sections) {
      rule.inline.lastIndex = 0;
      const line = text.slice(l.start, l.end);
      for (let m = rule.inline.exec(line); m; m = rule.inline.exec(line)) {
        const start = l.start + m.index;
        if (h && start < h.end) continue;
        out.push({ id: rule.id, heading: { start, end: start + m[0].length }, inline: true });
      }
    }
  });
  return out.sort((a, b) => a.heading.start - b.heading.start);
}


/** Sentences between hard boundaries (block lines, headings, field starts), each stretch split as prose. */
function documentSentences(text: string, boundaries: readonly number[]): Span[] {
  const cuts = [...new Set([0, ...boundaries, text.length])].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const out: Span[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    if (b <= a) continue;
    for (const s of splitSentences(text.slice(a, b))) out.push({ start: s.start + a, end: s.end + a });
  }
  return out;
}

/**
 * Read a note as a document: its letters, e-mails and forms (pasted or whole), their blocks (letterhead,
 * addressee, salutation, subject, body, sign-off, cc, headers, fields), who wrote each part, the sections
 * under headings, and sentences that respect all of these. `noteType` is kept as a hint only. Pure.
 */
export function readDocument(text: string, noteType: string, rules: CompiledDocuments): DocumentView {
  const lines = splitLines(text);
  const kinds = classify(lines, rules);
  const raw = findParts(lines, kinds, rules);
  const segments: Segment[] = [];
  const parts: Part[] = [];
  for (const r of raw) {
    const segs = r.kind === "note" ? noteSegments(lines, kinds, r, rules) : r.segments;
    segments.push(...segs);
  }
  const blockSpans = segments.filter((s) => NO_HEADINGS.has(s.kind));
  const headings = findHeadings(text, lines, kinds, blockSpans, rules);
  for (const h of headings) segments.push({ kind: "heading", rule: h.id, start: h.heading.start, end: h.heading.end, name: h.id });
  segments.sort((a, b) => a.start - b.start || b.end - a.end);

  const boundaries: number[] = [];
  for (const s of segments) {
    // A heading starts a sentence and keeps its words with it ("Plan: sertraline."); other blocks are cut at both ends.
    boundaries.push(s.start);
    if (s.kind !== "heading") boundaries.push(s.end);
    if (LINE_UNITS.has(s.kind)) for (const l of lines) if (l.start > s.start && l.start < s.end) boundaries.push(l.start);
  }
  for (const r of raw) boundaries.push(lines[r.first].start, lines[r.last].end);
  const sentences = documentSentences(text, boundaries);

  for (const r of raw) {
    const start = lines[r.first].start;
    const end = lines[r.last].end;
    const own = segments.filter((s) => s.start >= start && s.end <= end);
    const body = r.kind === "note" ? { start, end } : own.find((s) => s.kind === "body");
    const opening = body ? sentences.filter((s) => s.start >= body.start && s.end <= body.end).slice(0, 2) : [];
    // The note's own text is written by the team; only its opening can say otherwise ("T/C from SW …"): a
    // "Referred by: GP" line in the team's assessment names who referred, not who wrote it.
    const blocks = blocksOf(text, r.kind === "note" ? own.filter((s) => s.kind === "letterhead" || (s.kind === "field" && s.name === "signature")) : own, opening);
    const { author, evidence } = decideAuthor(text, blocks, rules, r.kind === "note" ? "team" : "unknown");
    parts.push({ kind: r.kind, rule: r.rule, start, end, author, evidence, senderSpans: senderSpans(blocks) });
  }
  if (parts.length === 0) parts.push({ kind: "note", rule: "doc.note", start: 0, end: text.length, author: "team", evidence: [], senderSpans: [] });

  // A heading alone on its line runs to the next heading; one with its words on the same line ("Dx: PTSD")
  // runs to the end of its paragraph at most.
  const paragraphEnd = (offset: number): number => {
    const m = /\n[ \t]*\r?\n/.exec(text.slice(offset));
    return m ? offset + m.index : text.length;
  };
  const sections: Section[] = headings.map((h, i) => {
    const part = parts.find((p) => h.heading.start >= p.start && h.heading.start <= p.end) ?? parts[0];
    const next = headings[i + 1]?.heading.start ?? Infinity;
    const end = Math.min(next, part.end, h.inline ? paragraphEnd(h.heading.end) : Infinity);
    return { id: h.id, heading: h.heading, rule: h.id, start: h.heading.start, end };
  });

  return {
    text,
    noteType,
    segments,
    parts,
    sections,
    sentences,
    partAt(offset) {
      return parts.find((p) => offset >= p.start && offset <= p.end) ?? parts.reduce((best, p) => (p.start <= offset ? p : best), parts[0]);
    },
    sectionAt(offset) {
      const i = lastStartingAt(sections, offset);
      return i >= 0 && offset < sections[i].end ? sections[i] : undefined;
    },
    segmentAt(offset) {
      let found: Segment | undefined;
      for (const s of segments) if (offset >= s.start && offset < s.end && (!found || s.end - s.start < found.end - found.start)) found = s;
      return found;
    },
    sentenceOf(offset) {
      return Math.max(0, lastStartingAt(sentences, offset));
    },
  };
}
