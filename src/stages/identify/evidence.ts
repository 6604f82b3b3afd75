import type { Span } from "../../text/context/sentences.js";

/** Longest evidence shown, in characters (a sentence longer than this is cut around the cue). */
export const EVIDENCE_MAX = 300;

/**
 * The evidence for a suggestion: the sentence `[sentence.start, sentence.end)` of `text`, whitespace
 * collapsed to single spaces, cut to about `max` characters around the first span (with "…" where cut),
 * and the given spans as offsets into the result, for bold. Pure.
 */
export function evidenceOf(text: string, sentence: Span, spans: readonly Span[], max = EVIDENCE_MAX): { evidence: string; bold: Span[] } {
  let from = sentence.start;
  let to = sentence.end;
  const focus = spans[0] ?? { start: from, end: from };
  if (to - from > max) {
    const room = Math.max(0, max - (focus.end - focus.start));
    from = Math.max(sentence.start, focus.start - Math.floor(room / 3));
    to = Math.min(sentence.end, from + max);
    from = Math.max(sentence.start, Math.min(from, to - max));
    // Cut at word boundaries so no word is shown half.
    if (from > sentence.start) {
      const space = text.slice(from, focus.start).search(/\s/);
      if (space >= 0) from += space + 1;
    }
    if (to < sentence.end) {
      const tail = text.slice(Math.max(focus.end, from), to);
      const last = tail.search(/\s\S*$/);
      if (last > 0) to = Math.max(focus.end, from) + last;
    }
  }
  // Collapse whitespace, keeping a map from note offsets to evidence offsets.
  const map = new Map<number, number>();
  let out = from > sentence.start ? "… " : "";
  for (let i = from; i < to; i++) {
    map.set(i, out.length);
    const c = text[i];
    if (/\s/.test(c)) {
      if (out.length > 0 && !out.endsWith(" ")) out += " ";
    } else out += c;
  }
  map.set(to, out.length);
  out = out.trimEnd();
  if (to < sentence.end) out += " …";
  const at = (i: number): number => map.get(Math.min(Math.max(i, from), to)) ?? out.length;
  const bold = spans
    .map((s) => ({ start: at(s.start), end: Math.min(at(s.end), out.length) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  return { evidence: out, bold };
}

/** Split evidence into plain and bold runs (overlapping spans merged), for a rich-text cell. */
export function boldRuns(evidence: string, bold: readonly Span[]): { text: string; bold?: boolean }[] {
  const runs: { text: string; bold?: boolean }[] = [];
  let at = 0;
  for (const s of [...bold].sort((a, b) => a.start - b.start)) {
    const start = Math.max(s.start, at);
    if (s.end <= start) continue;
    if (start > at) runs.push({ text: evidence.slice(at, start) });
    runs.push({ text: evidence.slice(start, s.end), bold: true });
    at = s.end;
  }
  if (at < evidence.length) runs.push({ text: evidence.slice(at) });
  return runs;
}
