import type { Span } from "../../text/context/sentences.js";
import { lastStartingAt } from "../../text/spans.js";

/** A match that asks for a passage: where it is and what found it (a retrieval group or `codebook`). */
export interface Seed extends Span {
  by: string;
}

export interface WindowOptions {
  /** Sentences of context either side of the sentence(s) holding a seed. */
  sentences: number;
  /** A window longer than this (one run-on sentence) is cut to this many characters around its seeds. */
  maxChars: number;
}

/** A passage of a note: a character span and the seeds inside it. */
export interface Window extends Span {
  seeds: Seed[];
}

/** Index of the sentence holding offset `at` (the last sentence starting at or before it). */
const sentenceIndex = (sentences: readonly Span[], at: number): number => Math.max(0, lastStartingAt(sentences, at));

function snapOut(text: string, start: number, end: number): Span {
  while (start > 0 && /\S/.test(text[start - 1])) start--;
  while (end < text.length && /\S/.test(text[end])) end++;
  return { start, end };
}

function trim(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * Sentence windows around seeds: each seed's sentence(s) plus `sentences` either side; windows whose
 * sentence ranges overlap are merged into one passage. Pure.
 */
export function seedWindows(text: string, sentences: readonly Span[], seeds: readonly Seed[], opts: WindowOptions): Window[] {
  if (seeds.length === 0 || sentences.length === 0) return [];
  const ranges = seeds
    .map((s) => ({ from: Math.max(0, sentenceIndex(sentences, s.start) - opts.sentences), to: Math.min(sentences.length - 1, sentenceIndex(sentences, Math.max(s.start, s.end - 1)) + opts.sentences), seed: s }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: { from: number; to: number; seeds: Seed[] }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) {
      last.to = Math.max(last.to, r.to);
      last.seeds.push(r.seed);
    } else merged.push({ from: r.from, to: r.to, seeds: [r.seed] });
  }
  return merged.map((m) => {
    let span: Span = { start: Math.min(sentences[m.from].start, ...m.seeds.map((s) => s.start)), end: Math.max(sentences[m.to].end, ...m.seeds.map((s) => s.end)) };
    if (span.end - span.start > opts.maxChars) {
      const lo = Math.min(...m.seeds.map((s) => s.start));
      const hi = Math.max(...m.seeds.map((s) => s.end));
      const pad = Math.max(0, Math.floor((opts.maxChars - (hi - lo)) / 2));
      const cut = snapOut(text, Math.max(span.start, lo - pad), Math.min(span.end, hi + pad));
      span = trim(text, cut);
    }
    return { ...span, seeds: m.seeds };
  });
}

/**
 * Remove pinned spans (passages a coder already decided on) from new windows: what is left of a window
 * is kept only where it still holds a seed, so a decided passage is never cut or coded twice. Pure.
 */
export function subtractPinned(text: string, windows: readonly Window[], pinned: readonly Span[]): Window[] {
  if (pinned.length === 0) return windows.slice();
  const pins = pinned.slice().sort((a, b) => a.start - b.start);
  const out: Window[] = [];
  for (const w of windows) {
    let pieces: Span[] = [{ start: w.start, end: w.end }];
    for (const p of pins) {
      pieces = pieces.flatMap((s) => {
        if (p.end <= s.start || p.start >= s.end) return [s];
        return [
          { start: s.start, end: Math.max(s.start, p.start) },
          { start: Math.min(s.end, p.end), end: s.end },
        ].filter((x) => x.end > x.start);
      });
    }
    for (const piece of pieces) {
      const s = trim(text, piece);
      const seeds = w.seeds.filter((x) => x.start >= s.start && x.end <= s.end);
      if (s.end > s.start && seeds.length > 0) out.push({ ...s, seeds });
    }
  }
  return out;
}
