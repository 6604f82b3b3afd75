/**
 * Dates in exports come as ISO 8601 (`2009-02-03`, `2009-02-03T10:15:00`, `2009-02-03 10:15`) or UK
 * `dd/mm/yyyy` (`03/02/2009`, `3/2/2009 10:15`). They are normalised to ISO `yyyy-mm-dd`, with
 * `Thh:mm[:ss]` kept when a time was given, so dates sort as text.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Is y-m-d a day of the (proleptic Gregorian) calendar? No allocation: it runs for every note. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m]) return false;
  return !(m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)));
}

const pad = (n: number | string, w = 2) => String(n).padStart(w, "0");

/** Normalise a date; returns '' for an empty value and null when the text is not a date we know. */
export function normaliseDate(value: string): string | null {
  const s = value.trim();
  if (s === "") return "";
  let y: number, m: number, d: number, hh: string | undefined, mm: string | undefined, ss: string | undefined;
  let match = ISO.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    [hh, mm, ss] = [match[4], match[5], match[6]];
  } else if ((match = UK.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    [hh, mm, ss] = [match[4], match[5], match[6]];
  } else return null;
  if (!isCalendarDate(y, m, d)) return null;
  let out = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (hh !== undefined && mm !== undefined) {
    if (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 59)) return null;
    out += `T${pad(hh)}:${mm}${ss !== undefined ? `:${ss}` : ""}`;
  }
  return out;
}

/** Whole years between two ISO dates (age at a date). */
export function yearsBetween(fromIso: string, toIso: string): number {
  const [y1, m1, d1] = fromIso.slice(0, 10).split("-").map(Number);
  const [y2, m2, d2] = toIso.slice(0, 10).split("-").map(Number);
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return years;
}
