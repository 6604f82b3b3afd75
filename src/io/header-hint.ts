import { delimiterName, DELIMITERS } from "./csv/delimiter.js";

/**
 * Does the first row read like column names? Names are short and are not sentences; a row of note text,
 * dates or numbers is data, so a message about it must not repeat it (note text never goes in a message).
 */
export function looksLikeHeader(cols: readonly string[]): boolean {
  if (cols.length === 0) return false;
  return cols.every((c) => c.length <= 64 && c.trim().split(/\s+/).length <= 5 && !/[.!?]\s/.test(c)) && !cols.every((c) => /^[\d\s/:.+-]*$/.test(c));
}

/**
 * The hint of a missing-column error: the names found when the first row is a header (shortened), a
 * word about the delimiter when the header reads as one column holding another delimiter, and how to
 * map the column, or check the mapping when it was mapped already.
 */
export function missingColumnMessage(file: string, missing: readonly string[], found: readonly string[], mapped: boolean, role: string): string {
  const parts = [`${file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`];
  if (looksLikeHeader(found)) {
    parts.push(`; found ${found.map((c) => JSON.stringify(c.length > 40 ? `${c.slice(0, 39)}…` : c)).join(", ")}`);
    const other = found.length === 1 ? Object.values(DELIMITERS).find((d) => found[0].includes(d)) : undefined;
    if (other) parts.push(` (the header reads as one column: is the file separated by ${delimiterName(other)}? set --delimiter or "delimiter" in the config)`);
    else parts.push(mapped ? ` (check the names under "columns" in the config or --columns)` : ` (map yours with --columns ${role}=YOUR_NAME)`);
  } else {
    parts.push(`; the first row (${found.length} field${found.length === 1 ? "" : "s"}) does not look like a row of column names (add a header row naming the columns)`);
  }
  return parts.join("");
}
