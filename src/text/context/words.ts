const WORD = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g;

/** Start offsets of the words of `text` (letters and digits; "don't" is one word), for counting distances. */
export function wordStarts(text: string): number[] {
  const starts: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) starts.push(m.index);
  return starts;
}

/** How many words start in `[from, to)`; `starts` is sorted, from `wordStarts`. */
export function wordsBetween(starts: readonly number[], from: number, to: number): number {
  if (to <= from) return 0;
  return lowerBound(starts, to) - lowerBound(starts, from);
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The words of `text[from, to)`, lower-cased. */
export function wordsIn(text: string, from: number, to: number): string[] {
  return to <= from ? [] : (text.slice(from, to).match(WORD) ?? []).map((w) => w.toLowerCase());
}
