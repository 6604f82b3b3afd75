import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

/**
 * The human steps `run` waits for after a stage has written its workbook: a rater confirms every
 * suggestion before the next stage runs (unless `run --accept-suggestions`), and a report built on
 * unconfirmed suggestions is a DRAFT.
 *
 * "Confirmed" means every row of the workbook has its decision column filled in: for identification,
 * `final_route` for every eligible patient (copy the suggestion to accept it, or write another
 * category); for coding, `final_codes` for every extract (code ids, or `none`). The stage writes what
 * it read back into its CSV (`routes.csv` `final_route`, `extracts.csv` `final_codes`), so that is
 * what is counted.
 */
export interface Confirmation {
  stage: string;
  /** The workbook a person fills in, relative to the output folder. */
  workbook: string;
  /** The CSV the stage writes from it, relative to the output folder. */
  csv: string;
  column: string;
  /** What one row is, for messages: "eligible patients", "extracts". */
  rows: string;
}

export const CONFIRMATIONS: Confirmation[] = [
  { stage: "identify", workbook: "03-identification/identification.xlsx", csv: "03-identification/routes.csv", column: "final_route", rows: "eligible patients" },
  { stage: "code", workbook: "04-themes/coded-extracts.xlsx", csv: "04-themes/extracts.csv", column: "final_codes", rows: "extracts" },
];

/** How far a human step is done: rows with the decision column filled, of all rows. */
export interface ConfirmationState extends Confirmation {
  confirmed: number;
  total: number;
}

/** Count the confirmed rows of a stage's CSV; undefined when the stage has not written it yet. */
export function confirmationState(out: string, c: Confirmation): ConfirmationState | undefined {
  const path = join(out, c.csv);
  if (!existsSync(path)) return undefined;
  const rows = parse(readFileSync(path, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
  return { ...c, total: rows.length, confirmed: rows.filter((r) => (r[c.column] ?? "").trim() !== "").length };
}

export const isConfirmed = (s: ConfirmationState): boolean => s.confirmed === s.total;

/** One line saying what is left to confirm and how. */
export function pendingMessage(out: string, s: ConfirmationState): string {
  const left = s.total - s.confirmed;
  return `${join(out, s.workbook)}: ${left} of ${s.total} ${s.rows} still have no ${s.column} (a rater confirms each suggestion by filling it in; copy the suggestion to accept it)`;
}
