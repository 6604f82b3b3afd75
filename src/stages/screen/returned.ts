import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../core/errors.js";
import { readCsvRows } from "../../io/read-csv-rows.js";

export interface ReturnedPatient {
  patientId: string;
  group: string;
}

/** The patients stage 1 returned, in patient id order (the stated, stable order of the sample). */
export async function readReturned(searchDir: string): Promise<ReturnedPatient[]> {
  const file = join(searchDir, "patients.csv");
  if (!existsSync(file)) throw new UserError(`${file}: not found (run notes-analyse search first, with the same --out)`);
  const rows = await readCsvRows(file, ["patient_id", "group"]);
  return rows
    .map((r) => ({ patientId: r.values.patient_id, group: r.values.group }))
    .sort((a, b) => (a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0));
}
