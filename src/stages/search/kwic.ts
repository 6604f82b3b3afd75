/** Keyword in context: text either side of a match, whitespace runs shown as one space. */
export interface Kwic {
  left: string;
  match: string;
  right: string;
}

const squash = (s: string) => s.replace(/\s+/g, " ");

/**
 * The match exactly as in the note (so `start`/`end` always point at it), with about `width`
 * characters of context a side, cut at a word boundary where one is near.
 */
export function kwic(text: string, start: number, end: number, width: number): Kwic {
  let from = Math.max(0, start - width);
  let to = Math.min(text.length, end + width);
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space !== -1 && space < start && space - from < 15) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space > end && to - space < 15) to = space;
  }
  return {
    left: (from > 0 ? "…" : "") + squash(text.slice(from, start)).trimStart(),
    match: text.slice(start, end),
    right: squash(text.slice(end, to)).trimEnd() + (to < text.length ? "…" : ""),
  };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Offsets in Unicode code points, the unit Python, R and most tools index text by. JavaScript counts
 * UTF-16 units; the two differ only after a character outside the Basic Multilingual Plane (rare in
 * notes, so the cheap test comes first).
 */
export function codePointOffsets(text: string, start: number, end: number): [number, number] {
  if (!SURROGATE.test(text.slice(0, end))) return [start, end];
  const cp = (i: number) => [...text.slice(0, i)].length;
  return [cp(start), cp(end)];
}
