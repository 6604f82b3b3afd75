/**
 * Byte-level framing of CSV/TSV text (RFC 4180). A line feed ends a row exactly when an even number of
 * double quotes comes before it in the row, so a buffer can be cut into whole rows by counting quotes,
 * without parsing fields. Works on UTF-8 and Windows-1252 bytes alike: both encode `"`, `\n` and the
 * delimiters as single ASCII bytes that never occur inside a multi-byte character.
 */
export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

/** The number of double quotes in buf[from, to). */
function countQuotes(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let p = buf.indexOf(QUOTE, from); p !== -1 && p < to; p = buf.indexOf(QUOTE, p + 1)) n++;
  return n;
}

/**
 * The number of line breaks in buf[from, to): line feeds, and carriage returns not followed by one (the
 * line ends of old Mac files), so line numbers are right whatever the line ends.
 */
export function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let p = buf.indexOf(LF, from); p !== -1 && p < to; p = buf.indexOf(LF, p + 1)) n++;
  for (let p = buf.indexOf(CR, from); p !== -1 && p < to; p = buf.indexOf(CR, p + 1)) if (buf[p + 1] !== LF) n++;
  return n;
}

/**
 * Where the last whole row of a buffer ends (the index after its line feed), given that buf[0] starts
 * a row; -1 when no row ends in it (a row longer than the buffer).
 */
export function lastRowEnd(buf: Buffer): number {
  // Walk back from the end over the gaps between quotes; a gap preceded by an even number of quotes is
  // outside any quoted field, so its last line feed ends a row. Usually the last gap has one.
  let evenAfter = countQuotes(buf, 0, buf.length) % 2 === 0;
  let to = buf.length;
  while (to > 0) {
    const q = buf.lastIndexOf(QUOTE, to - 1);
    if (evenAfter) {
      const nl = buf.lastIndexOf(LF, to - 1);
      if (nl > q) return nl + 1;
    }
    if (q === -1) return -1;
    to = q;
    evenAfter = !evenAfter;
  }
  return -1;
}
