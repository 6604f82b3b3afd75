/** A stretch of a text: character offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Index of the last span (sorted by start) starting at or before `offset`; -1 when none does. Pure. */
export function lastStartingAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
