/**
 * Number formats of the report. Percentages are whole numbers rounded half up (12.5% → 13%), computed
 * in integers so that no floating-point residue decides a rounding.
 */

/** `100·n/d` rounded half up to a whole number; null when `d` is 0. */
export function wholePercent(n: number, d: number): number | null {
  if (d <= 0) return null;
  // Integer form of floor(100n/d + 1/2): exact for counts.
  return Math.floor((200 * n + d) / (2 * d));
}

/** `n (p%)` of Table 1; just `n` when the column is empty. */
export function countPercent(n: number, d: number): string {
  const p = wholePercent(n, d);
  return p === null ? String(n) : `${n} (${p}%)`;
}

/** The identification-route style of the study: `43% (41/95)`. */
export function percentOf(n: number, d: number): string {
  const p = wholePercent(n, d);
  return p === null ? `– (${n}/${d})` : `${p}% (${n}/${d})`;
}

/** A fixed number of decimals, `–` for a missing value. */
export function decimals(value: number | null | undefined, places: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(places);
}

/** A number as read: whole numbers without decimals, others to one decimal. */
export function plainNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** `drug_trafficking` → `Drug trafficking`: a readable label for an id nobody gave one. */
export function humanise(id: string): string {
  const words = id.replace(/[_.]+/g, " ").trim();
  return words === "" ? id : words[0].toUpperCase() + words.slice(1);
}
