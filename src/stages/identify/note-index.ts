import { splitSentences, type Span } from "../../text/context/sentences.js";
import { wordsBetween, wordStarts } from "../../text/context/words.js";
import { lastStartingAt } from "../../text/spans.js";

/** A note read once for rule matching: its sentences and word positions. */
export interface NoteIndex {
  text: string;
  sentences: Span[];
  /** Index of the sentence holding `offset` (the nearest one before it when it falls between sentences). */
  sentenceOf(offset: number): number;
  /** Words lying between two spans (0 when they touch or overlap). */
  distance(a: Span, b: Span): number;
}

/** Index one note's text, over its own sentences when given (a document's, which respect its blocks). Pure. */
export function indexNote(text: string, given?: readonly Span[]): NoteIndex {
  const sentences = given ? [...given] : splitSentences(text);
  const starts = wordStarts(text);
  return {
    text,
    sentences,
    sentenceOf(offset) {
      return Math.max(0, lastStartingAt(sentences, offset));
    },
    distance(a, b) {
      if (a.start < b.end && b.start < a.end) return 0;
      return a.end <= b.start ? wordsBetween(starts, a.end, b.start) : wordsBetween(starts, b.end, a.start);
    },
  };
}
