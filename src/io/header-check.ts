import { normaliseDate } from "./dates.js";

/**
 * Whether the first row of a table reads as column names. A row of data (a file without a header)
 * must never be echoed in a message, for its cells are a patient's note: so a first row counts as a
 * header only when every cell is a short name, and none is a date, a number or a sentence.
 */
export function looksLikeHeader(fields: readonly string[]): boolean {
  if (fields.length === 0 || fields.length > 200) return false;
  return fields.every((f) => {
    const t = f.trim();
    return t.length > 0 && t.length <= 64 && !/[\r\n]/.test(t) && t.split(/\s+/).length <= 4 && normaliseDate(t) === null && !/^[+-]?\d[\d.,]*$/.test(t);
  });
}

/**
 * The columns a header has, for a message about a missing column: the names when the row reads as a
 * header (at most 12, each shortened), else only how many fields it has.
 */
export function describeHeader(fields: readonly string[]): string {
  if (!looksLikeHeader(fields)) return `the first row does not look like a header: ${fields.length} field${fields.length === 1 ? "" : "s"} (add a row of column names)`;
  const names = fields.slice(0, 12).map((f) => JSON.stringify(f.length > 32 ? `${f.slice(0, 31)}…` : f));
  return `found ${names.join(", ")}${fields.length > 12 ? ` and ${fields.length - 12} more` : ""}`;
}
