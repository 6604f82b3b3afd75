import { kindOf } from "./find-inputs.js";
import { readTable, type TableRow } from "./read-table.js";
import { UserError } from "../core/errors.js";

/**
 * Read a small CSV the tool or a person wrote (eligible lists, rater files) whole, checking the columns
 * it must have. For large inputs use readTable, which streams.
 */
export async function readCsvRows(file: string, required: readonly string[], warn: (m: string) => void = () => undefined): Promise<TableRow[]> {
  const kind = kindOf(file);
  if (kind !== "csv" && kind !== "tsv") throw new UserError(`${file}: expected a .csv or .tsv file`);
  const rows: TableRow[] = [];
  for await (const row of readTable(file, {
    delimiter: kind === "tsv" ? "\t" : "auto",
    encoding: "auto",
    warn,
    onHeader: (cols) => {
      const missing = required.filter((c) => !cols.includes(c));
      if (missing.length) throw new UserError(`${file}: missing column ${missing.join(", ")}; found ${cols.map((c) => JSON.stringify(c)).join(", ")}`);
    },
  })) rows.push(row);
  return rows;
}
