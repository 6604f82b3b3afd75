/** Values of a label column that mean relevant, and not relevant (case-insensitive). */
const YES = new Set(["yes", "y", "true", "1", "include", "included", "eligible", "relevant"]);
const NO = new Set(["no", "n", "false", "0", "exclude", "excluded", "not eligible", "irrelevant"]);

/** The columns a labels file may give its answer in, in the order they are looked for. */
export const LABEL_COLUMNS = ["eligible", "decision", "label", "relevant"] as const;

/** Read one label cell: true, false, or undefined when it is not one of the known values. Pure. */
export function parseLabel(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

/** The first label column a file's header has, or undefined. */
export function labelColumn(header: readonly string[]): string | undefined {
  return LABEL_COLUMNS.find((c) => header.includes(c));
}
