/**
 * Spreadsheet programs run a cell that begins with `=`, `+`, `-`, `@`, tab or CR as a formula. Text
 * from notes must never do that, so such text gets a leading apostrophe (OWASP's advice for CSV
 * injection). Numbers written as numbers are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The text `neutralise` was given, from what it returned: the apostrophe it adds is dropped again. Exact
 * except for text that itself began with an apostrophe and a formula character, which cannot be told
 * from neutralised text and comes back without its apostrophe.
 */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export type Cell = string | number | boolean | null | undefined;

/** A cell as text for CSV: numbers as they are, text neutralised, null/undefined empty. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return neutralise(value);
}
