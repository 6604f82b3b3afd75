import { delimiterName, DELIMITERS } from "./csv/delimiter.js";
import { describeHeader, looksLikeHeader } from "./header-check.js";

/**
 * The hint of a missing-column error: the names found when the first row is a header (shortened), a
 * word about the delimiter when the header reads as one column holding another delimiter, and how to
 * map the column, or check the mapping when it was mapped already.
 */
export function missingColumnMessage(file: string, missing: readonly string[], found: readonly string[], mapped: boolean, role: string): string {
  const parts = [`${file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`];
  parts.push(`; ${describeHeader(found)}`);
  if (looksLikeHeader(found)) {
    const other = found.length === 1 ? Object.values(DELIMITERS).find((d) => found[0].includes(d)) : undefined;
    if (other) parts.push(` (the header reads as one column: is the file separated by ${delimiterName(other)}? set --delimiter or "delimiter" in the config)`);
    else parts.push(mapped ? ` (check the names under "columns" in the config or --columns)` : ` (map yours with --columns ${role}=YOUR_NAME)`);
  }
  return parts.join("");
}
