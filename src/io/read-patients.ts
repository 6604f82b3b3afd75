import { UserError } from "../core/errors.js";
import { groupOf, UNKNOWN } from "../core/patients.js";
import type { Patient } from "../core/types.js";
import type { Encoding } from "../config/schema.js";
import { normaliseDate, yearsBetween } from "./dates.js";
import { kindOf } from "./find-inputs.js";
import { readTable } from "./read-table.js";
import { describeHeader } from "./header-check.js";

export interface PatientsOptions {
  encoding: Encoding;
  childAgeCutoff: number;
  warn: (message: string) => void;
}

const KNOWN = ["patient_id", "gender", "age_at_first_contact", "date_of_birth", "first_contact_date", "region_of_origin", "exploitation_type", "referral_route"];

const orUnknown = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : UNKNOWN);

/**
 * Read the patients file (SPEC §3): case attributes by patient id. Age comes from
 * `age_at_first_contact`, or from `date_of_birth` and `first_contact_date`; missing values are Unknown.
 */
export async function readPatients(file: string, opts: PatientsOptions): Promise<Map<string, Patient>> {
  const kind = kindOf(file);
  if (kind !== "csv" && kind !== "tsv") throw new UserError(`${file}: the patients file must be .csv or .tsv`);
  const out = new Map<string, Patient>();
  const rows = readTable(file, {
    delimiter: kind === "tsv" ? "\t" : ",",
    encoding: opts.encoding,
    warn: opts.warn,
    onHeader: (cols) => {
      if (!cols.includes("patient_id")) {
        throw new UserError(`${file}: missing column patient_id; ${describeHeader(cols)}`);
      }
    },
  });
  for await (const { line, values: v } of rows) {
    const id = (v.patient_id ?? "").trim();
    if (id === "") throw new UserError(`${file}:${line}: column patient_id is empty`);
    if (out.has(id)) throw new UserError(`${file}:${line}: patient ${id} appears twice (expected one row per patient)`);
    out.set(id, {
      patientId: id,
      age: ageOf(file, line, v),
      group: "unknown",
      gender: orUnknown(v.gender),
      regionOfOrigin: orUnknown(v.region_of_origin),
      exploitationType: orUnknown(v.exploitation_type),
      referralRoute: orUnknown(v.referral_route),
      attributes: Object.fromEntries(Object.entries(v).filter(([k]) => !KNOWN.includes(k))),
    });
    const p = out.get(id)!;
    p.group = groupOf(p.age, opts.childAgeCutoff);
  }
  return out;
}

function ageOf(file: string, line: number, v: Record<string, string>): number | null {
  const raw = (v.age_at_first_contact ?? "").trim();
  if (raw !== "") {
    const age = Number(raw);
    if (!Number.isFinite(age) || age < 0 || age > 130) throw new UserError(`${file}:${line}: column age_at_first_contact: expected an age in years`);
    return age;
  }
  const dob = normaliseDate(v.date_of_birth ?? "");
  const first = normaliseDate(v.first_contact_date ?? "");
  if (dob === null) throw new UserError(`${file}:${line}: column date_of_birth: not a date (expected yyyy-mm-dd or dd/mm/yyyy)`);
  if (first === null) throw new UserError(`${file}:${line}: column first_contact_date: not a date (expected yyyy-mm-dd or dd/mm/yyyy)`);
  if (dob && first) {
    if (dob > first) throw new UserError(`${file}:${line}: date_of_birth ${dob} is after first_contact_date ${first} (check the two dates)`);
    return yearsBetween(dob, first);
  }
  return null;
}
