import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Row } from "./stages.js";

/** A labelled set on disk: its notes files, its patients files and its gold rows. */
export interface LabelledSet {
  notes: string[];
  patients: string[];
  gold: Row[];
}

const GOLD_COLUMNS = ["patient_id", "eligible", "exclusion_reason", "identification_route", "informing_service"];

/**
 * Gold labels (patient_id, eligible, exclusion_reason, identification_route, informing_service,
 * themes) as truth rows, so a labelled set is scored exactly as the demo's truth is. A patient is
 * returned when it is eligible or has an exclusion reason; the others are background.
 */
export function goldToTruth(gold: readonly Row[]): Row[] {
  return gold.map((g) => ({
    patient_id: g.patient_id,
    group: "",
    returned: g.eligible === "yes" || (g.exclusion_reason ?? "") !== "" ? "yes" : "no",
    eligible: g.eligible === "yes" ? "yes" : "no",
    exclusion_reason: g.exclusion_reason ?? "",
    exclusion_detail: "",
    route: g.identification_route ?? "",
    route_detail: "",
    service: g.informing_service ?? "",
    themes: g.themes ?? "",
    codes: "",
  }));
}

/** Problems with gold rows: missing columns, unknown yes/no values, eligible patients without a route. */
export function goldProblems(file: string, gold: readonly Row[], header: readonly string[]): string[] {
  const missing = GOLD_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return [`${file}: missing column(s) ${missing.join(", ")} (expected ${GOLD_COLUMNS.join(",")},…)`];
  return gold.flatMap((g, i) => {
    if (g.eligible !== "yes" && g.eligible !== "no") return [`${file}:${i + 2}: eligible must be yes or no`];
    if (g.eligible === "yes" && !g.identification_route) return [`${file}:${i + 2}: an eligible patient needs an identification_route`];
    return [];
  });
}

function readCsv(path: string): { header: string[]; rows: Row[] } {
  const rows = parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
  const header = (parse(readFileSync(path), { bom: true, to_line: 1 }) as string[][])[0] ?? [];
  return { header, rows };
}

/**
 * Read a labelled set: `dir` itself, or each folder in it, holding `notes.csv` and `gold.csv` (and
 * `patients.csv` if there is one). Throws with one line naming the file when something is wrong.
 */
export function readLabelledSet(dir: string): LabelledSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a folder (give --set DIR, a folder of notes.csv and gold.csv, or of such folders)`);
  const folders = [dir, ...readdirSync(dir).sort().map((f) => join(dir, f)).filter((f) => statSync(f).isDirectory())].filter(
    (f) => existsSync(join(f, "notes.csv")) && existsSync(join(f, "gold.csv")),
  );
  if (folders.length === 0) throw new Error(`${dir}: no notes.csv with a gold.csv beside it, here or in a folder below`);
  const set: LabelledSet = { notes: [], patients: [], gold: [] };
  for (const f of folders) {
    const goldFile = join(f, "gold.csv");
    const { header, rows } = readCsv(goldFile);
    const problems = goldProblems(goldFile, rows, header);
    if (problems.length) throw new Error(problems[0]);
    set.notes.push(join(f, "notes.csv"));
    if (existsSync(join(f, "patients.csv"))) set.patients.push(join(f, "patients.csv"));
    set.gold.push(...rows);
  }
  const seen = new Set<string>();
  for (const g of set.gold) {
    if (seen.has(g.patient_id)) throw new Error(`${dir}: patient ${g.patient_id} is in more than one gold.csv`);
    seen.add(g.patient_id);
  }
  return set;
}

/** One patients CSV made of several (the union of their columns, rows in file order). */
export function mergePatients(files: readonly string[]): { header: string[]; rows: Row[] } {
  const header: string[] = [];
  const rows: Row[] = [];
  for (const f of files) {
    const t = readCsv(f);
    for (const h of t.header) if (!header.includes(h)) header.push(h);
    rows.push(...t.rows);
  }
  return { header, rows };
}
