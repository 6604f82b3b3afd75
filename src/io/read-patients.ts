import { UserError } from "../core/errors.js";
import { groupOf, UNKNOWN } from "../core/patients.js";
import type { Patient } from "../core/types.js";
import { COLUMN_ROLES, PATIENT_COLUMNS, type Encoding, type PatientColumn } from "../io/formats.js";
import { delimiterChar, type DelimiterSetting } from "./csv/delimiter.js";
import { missingColumnMessage } from "./header-hint.js";
import { normaliseDate, yearsBetween } from "./dates.js";
import { kindOf } from "./find-inputs.js";
import { readTable } from "./read-table.js";

export interface PatientsOptions {
  encoding: Encoding;
  /** Column delimiter; `auto` (or absent) takes it from the header row. */
  delimiter?: DelimiterSetting;
  /** Column role → the file's name for it (the study's `columns`, shared with the notes). */
  columns?: Partial<Record<string, string>>;
  childAgeCutoff: number;
  warn: (message: string) => void;
}

const KNOWN: PatientColumn[] = ["patient_id", ...PATIENT_COLUMNS];

const orUnknown = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : UNKNOWN);

/**
 * The attribute names a patients file's columns take: a column `columns` maps an attribute name to
 * (`ethnicity` → `Ethnic Group`) takes that name, any other its own; columns read by a role are not
 * attributes. Warns about a mapped attribute the file lacks (a misspelt name would otherwise pass unseen).
 */
function attributeNames(file: string, header: readonly string[], used: ReadonlySet<string>, columns: Partial<Record<string, string>>, warn: (m: string) => void): Map<string, string> {
  const roles = new Set<string>(COLUMN_ROLES);
  const mapped = new Map<string, string>();
  for (const [key, column] of Object.entries(columns)) {
    if (roles.has(key) || column === undefined) continue;
    if (header.includes(column)) mapped.set(column, key);
    else warn(`${file}: no column "${column}" for the attribute "${key}" under "columns" in the config (check the name)`);
  }
  const names = new Map<string, string>();
  for (const c of header) if (!used.has(c)) names.set(c, mapped.get(c) ?? c);
  return names;
}

/**
 * Read the patients file (SPEC §3): case attributes by patient id. Age comes from
 * `age_at_first_contact`, or from `date_of_birth` and `first_contact_date`; a missing gender is Unknown.
 * Every other column is an attribute (see `attributeNames`).
 */
export async function readPatients(file: string, opts: PatientsOptions): Promise<Map<string, Patient>> {
  const kind = kindOf(file);
  if (kind !== "csv" && kind !== "tsv") throw new UserError(`${file}: the patients file must be .csv or .tsv`);
  const out = new Map<string, Patient>();
  // Each role's column: the mapped name when the file has it, else the role's own name (a patients file
  // made by hand often keeps patient_id while the export says BrcId).
  let name: Record<PatientColumn, string> = Object.fromEntries(KNOWN.map((r) => [r, r])) as Record<PatientColumn, string>;
  let attributes = new Map<string, string>();
  const rows = readTable(file, {
    delimiter: delimiterChar(opts.delimiter) ?? "auto",
    encoding: opts.encoding,
    warn: opts.warn,
    onHeader: (cols) => {
      name = Object.fromEntries(KNOWN.map((r) => {
        const mapped = opts.columns?.[r];
        return [r, mapped && (cols.includes(mapped) || !cols.includes(r)) ? mapped : r];
      })) as Record<PatientColumn, string>;
      if (!cols.includes(name.patient_id)) throw new UserError(missingColumnMessage(file, [name.patient_id === "patient_id" ? "patient_id" : `${name.patient_id} (for patient_id)`], cols, opts.columns?.patient_id !== undefined, "patient_id"));
      attributes = attributeNames(file, cols, new Set(KNOWN.map((r) => name[r])), opts.columns ?? {}, opts.warn);
    },
  });
  for await (const { line, values } of rows) {
    const v = Object.fromEntries(KNOWN.map((r) => [r, values[name[r]]])) as Record<PatientColumn, string | undefined>;
    const id = (v.patient_id ?? "").trim();
    if (id === "") throw new UserError(`${file}:${line}: column ${name.patient_id} is empty`);
    if (out.has(id)) throw new UserError(`${file}:${line}: patient ${id} appears twice (expected one row per patient)`);
    out.set(id, {
      patientId: id,
      age: ageOf(file, line, v, name),
      group: "unknown",
      gender: orUnknown(v.gender),
      attributes: Object.fromEntries([...attributes].map(([column, key]) => [key, values[column] ?? ""])),
    });
    const p = out.get(id)!;
    p.group = groupOf(p.age, opts.childAgeCutoff);
  }
  return out;
}

function ageOf(file: string, line: number, v: Record<PatientColumn, string | undefined>, name: Record<PatientColumn, string>): number | null {
  const raw = (v.age_at_first_contact ?? "").trim();
  if (raw !== "") {
    const age = Number(raw);
    if (!Number.isFinite(age) || age < 0 || age > 130) throw new UserError(`${file}:${line}: column ${name.age_at_first_contact}: expected an age in years`);
    return age;
  }
  const dob = normaliseDate(v.date_of_birth ?? "");
  const first = normaliseDate(v.first_contact_date ?? "");
  if (dob === null) throw new UserError(`${file}:${line}: column ${name.date_of_birth}: not a date (expected yyyy-mm-dd or dd/mm/yyyy)`);
  if (first === null) throw new UserError(`${file}:${line}: column ${name.first_contact_date}: not a date (expected yyyy-mm-dd or dd/mm/yyyy)`);
  if (dob && first) {
    if (dob > first) throw new UserError(`${file}:${line}: ${name.date_of_birth} ${dob} is after ${name.first_contact_date} ${first} (check the two dates)`);
    return yearsBetween(dob, first);
  }
  return null;
}
