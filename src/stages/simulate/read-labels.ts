import { existsSync } from "node:fs";
import { UserError } from "../../core/errors.js";
import { artefactPath } from "../../io/artefacts.js";
import { readDecisionWorkbook } from "../../io/decision-workbook.js";
import { readCsvRows } from "../../io/read-csv-rows.js";
import { readTable } from "../../io/read-table.js";
import { screeningSheet } from "../../io/screening-workbooks.js";
import { LABEL_COLUMNS, labelColumn, parseLabel } from "./labels.js";

/**
 * Known answers from CSV files with `patient_id` and one of the label columns (`eligible` yes/no as in a
 * gold file or the demo's truth, `decision` include/exclude, `label` 1/0). A value that is none of these
 * is an error naming the file and line; an empty one leaves the patient unlabelled.
 */
export async function readLabelFiles(files: readonly string[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  for (const file of files) {
    if (!existsSync(file)) throw new UserError(`${file}: labels file not found (check --labels)`);
    let column: string | undefined;
    for await (const row of readTable(file, {
      delimiter: file.toLowerCase().endsWith(".tsv") ? "\t" : ",",
      encoding: "auto",
      warn: () => undefined,
      onHeader: (cols) => {
        column = labelColumn(cols);
        if (!cols.includes("patient_id") || !column) throw new UserError(`${file}: expected a patient_id column and one of ${LABEL_COLUMNS.join(", ")} (yes/no, include/exclude or 1/0)`);
      },
    })) {
      const raw = row.values[column!] ?? "";
      if (raw.trim() === "") continue;
      const y = parseLabel(raw);
      if (y === undefined) throw new UserError(`${file}:${row.line}: ${column} is not yes/no, include/exclude or 1/0 (patient ${row.values.patient_id})`);
      out.set(row.values.patient_id.trim(), y);
    }
  }
  return out;
}

/**
 * A completely screened study's own answers: eligible.csv (rater 1 with consensus) is relevant, every
 * other returned patient that rater 1 decided is not. Unsure decisions resolved at consensus count as
 * consensus decided. Patients with no decision are left unlabelled (the caller says how many).
 */
export async function readStudyLabels(out: string): Promise<Map<string, boolean>> {
  const eligibleFile = artefactPath(out, "eligible");
  const workbook = artefactPath(out, "screeningWorkbook");
  if (!existsSync(eligibleFile) || !existsSync(workbook)) {
    throw new UserError(`${out}: no finished screening (02-screening/eligible.csv and screening.xlsx); run consensus first, or give --labels FILE with patient_id and eligible yes/no`);
  }
  const eligible = new Set((await readCsvRows(eligibleFile, ["patient_id"])).map((r) => r.values.patient_id.trim()));
  const read = await readDecisionWorkbook(workbook, screeningSheet());
  if (read.problems.length > 0) throw new UserError(read.problems[0]);
  const labels = new Map<string, boolean>();
  for (const [id, d] of read.decisions) if (d.decision) labels.set(id, eligible.has(id));
  for (const id of eligible) labels.set(id, true);
  return labels;
}
