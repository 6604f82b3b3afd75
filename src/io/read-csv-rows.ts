import { kindOf } from "./find-inputs.js";
import { readTable, type TableRow } from "./read-table.js";
import { UserError } from "../core/errors.js";
import { describeHeader } from "./header-check.js";
import { restoreNeutralised } from "./neutralise.js";

/**
 * Read a small CSV the tool or a person wrote (eligible lists, rater files) whole, checking the columns
 * it must have. Values come back as they were before the tool's CSV writer guarded them against formulas
 * (a patient id `+AbC` is written `'+AbC`, and read back as `+AbC`). For large inputs use readTable,
 * which streams.
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
      if (missing.length) throw new UserError(`${file}: missing column ${missing.join(", ")}; ${describeHeader(cols)}`);
    },
  })) {
    for (const k of Object.keys(row.values)) row.values[k] = restoreNeutralised(row.values[k]);
    rows.push(row);
  }
  return rows;
}
