import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import type { Patient } from "../core/types.js";
import type { ResolvedConfig } from "../config/load.js";
import { readCsvRows } from "../io/read-csv-rows.js";
import { readTable, type TableRow } from "../io/read-table.js";
import { ARTEFACTS, readOwnJson, type ArtefactId } from "../io/artefacts.js";
import { parseFlow } from "./flow.js";
import type { AgreementSource, CsvTable, Draft, Part, ReportInputs, ReportVocabulary } from "./report-inputs.js";
import { CONFIRMATIONS, confirmationState, isConfirmed } from "../pipeline/confirm.js";
import { readPerformancePart } from "./performance/part.js";
import { buildTable1, type Table1Patient } from "./table1.js";
import { GENDER_COLUMN, type Table1Spec } from "./table1-spec.js";

type Warn = (message: string) => void;

const missing = (file: string, command: string) => ({ missing: `not available yet: run notes-analyse ${command} (no ${file})` });

/** A CSV another stage wrote, with its columns in order. Neutralising apostrophes are taken off for display. */
export async function readCsvTable(path: string, shown: string, warn: Warn): Promise<CsvTable> {
  let columns: string[] = [];
  const rows: Record<string, string>[] = [];
  for await (const row of readTable(path, { delimiter: ",", encoding: "auto", warn, onHeader: (c) => (columns = c) })) {
    rows.push(Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, v.replace(/^'(?=[=+\-@\t\r])/, "")])));
  }
  return { file: shown, columns, rows };
}

function readJson(path: string, command: string): Record<string, unknown> {
  const what = "a JSON object of agreement figures";
  const fix = `it is written by notes-analyse ${command}; run it again`;
  const value = readOwnJson(path, fix, what);
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new UserError(`${path}: not ${what} (${fix})`);
}

async function csvPart(out: string, id: ArtefactId, command: string, warn: Warn): Promise<Part<CsvTable>> {
  const rel = ARTEFACTS[id].path;
  const path = join(out, rel);
  return existsSync(path) ? { data: await readCsvTable(path, rel, warn), source: rel } : missing(rel, command);
}

const list = (names: readonly string[]) => (names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/**
 * What Table 1 leaves out or cannot fill, said under the table rather than dropped in silence: columns
 * of the patients file no row of the Table 1 file names, and columns a row names that no patient has.
 * Pure.
 */
export function table1ColumnNotes(patients: ReadonlyMap<string, Patient>, spec: Table1Spec): string[] {
  if (patients.size === 0) return [];
  const columns: string[] = [];
  for (const p of patients.values()) for (const k of Object.keys(p.attributes)) if (!columns.includes(k)) columns.push(k);
  const shown = new Set(spec.rows.flatMap((r) => (r.kind === "attribute" ? [r.column] : [])));
  const unlisted = columns.filter((c) => !shown.has(c));
  const absent = [...shown].filter((c) => c !== GENDER_COLUMN && !columns.includes(c));
  const notes: string[] = [];
  if (unlisted.length > 0) {
    const one = unlisted.length === 1;
    notes.push(`The patients file's column${one ? "" : "s"} ${list(unlisted)} ${one ? "is" : "are"} not in Table 1: add a row for ${one ? "it" : "them"} to the study's Table 1 file (table1.json, or --table1) to show ${one ? "it" : "them"}.`);
  }
  for (const c of absent) notes.push(`Table 1 has a row for the column ${c}, which the patients file does not have: every patient counts as missing there (check the name, or map it under "columns" in the config).`);
  return notes;
}

/**
 * The included patients for Table 1: ids of the eligible list, attributes from the patients file. A
 * patient missing from the patients file counts with every attribute missing and the eligible list's group.
 */
export async function table1Input(eligibleFile: string, patients: ReadonlyMap<string, Patient>, warn: Warn, spec: Table1Spec): Promise<{ patients: Table1Patient[]; notes: string[] }> {
  const rows: TableRow[] = await readCsvRows(eligibleFile, ["patient_id"], warn);
  const seen = new Set<string>();
  const out: Table1Patient[] = [];
  let notInFile = 0;
  for (const { values } of rows) {
    const id = values.patient_id.trim();
    if (id === "" || seen.has(id)) continue;
    seen.add(id);
    const p = patients.get(id);
    if (!p) notInFile++;
    const listed = values.group === "adult" || values.group === "child" ? values.group : "unknown";
    out.push(p ?? { group: listed, age: null, gender: "", attributes: {} });
  }
  const notes: string[] = [];
  if (patients.size === 0) notes.push("No patients file was given (--patients or \"patients\" in the config): every characteristic is Unknown.");
  else if (notInFile > 0) notes.push(`${notInFile} included patient${notInFile === 1 ? " is" : "s are"} not in the patients file and count as Unknown.`);
  notes.push(...table1ColumnNotes(patients, spec));
  return { patients: out, notes };
}

/** Read every stage output the report shows; a missing file makes its section say which command to run. */
export async function readReportInputs(
  config: ResolvedConfig,
  version: string,
  eligible: { file: string; shown: string },
  patients: ReadonlyMap<string, Patient>,
  warn: Warn,
  vocabulary: ReportVocabulary,
  table1Spec: Table1Spec,
): Promise<ReportInputs> {
  const out = config.out;
  const t1 = await table1Input(eligible.file, patients, warn, table1Spec);
  const table1 = { table: buildTable1(t1.patients, table1Spec), source: eligible.shown, notes: t1.notes };
  if (t1.notes.length > 0) for (const n of t1.notes) warn(`report: ${n}`);

  const flowRel = ARTEFACTS.flow.path;
  const flowPath = join(out, flowRel);
  const flow = existsSync(flowPath)
    ? { data: parseFlow(await readCsvRows(flowPath, ARTEFACTS.flow.columns, warn), flowPath), source: flowRel }
    : missing(flowRel, "consensus");

  const agreementFiles: [string, string, string][] = [
    ["Screening (two raters)", ARTEFACTS.screeningAgreement.path, ARTEFACTS.screeningAgreement.writer],
    ["Identification route", ARTEFACTS.routeAgreement.path, ARTEFACTS.routeAgreement.writer],
  ];
  const sources: AgreementSource[] = agreementFiles
    .filter(([, rel]) => existsSync(join(out, rel)))
    .flatMap(([label, rel, command]) => {
      const report = readJson(join(out, rel), command);
      // identify adds agreement on route and service together beside the route-only figures.
      const nested = report.route_and_service;
      const both = nested && typeof nested === "object" && !Array.isArray(nested) ? [{ label: `${label} and service`, file: rel, report: nested as Record<string, unknown> }] : [];
      return [{ label, file: rel, report }, ...both];
    });
  const agreement: Part<AgreementSource[]> = sources.length > 0 ? { data: sources, source: [...new Set(sources.map((s) => s.file))].join(", ") } : missing(agreementFiles[0][1], "sample and consensus");

  const maps: { group: string; file: string; svg: string }[] = [];
  for (const [group, id] of [["adult", "themeMapAdult"], ["child", "themeMapChild"]] as const) {
    const rel = ARTEFACTS[id].path;
    if (existsSync(join(out, rel))) maps.push({ group, file: rel, svg: readFileSync(join(out, rel), "utf8") });
  }

  const drafts: Draft[] = [];
  for (const c of CONFIRMATIONS) {
    const state = confirmationState(out, c);
    if (!state || isConfirmed(state)) continue;
    drafts.push({
      what: `${state.total - state.confirmed} of ${state.total} ${state.rows} have no ${state.column} in ${state.workbook}, so they count with the tool's suggestion`,
      sections: c.stage === "identify" ? ["routes"] : ["themes", "quotes"],
      sheets: c.stage === "identify" ? ["Routes"] : ["Themes", "Quotes"],
    });
  }

  return {
    vocabulary,
    drafts,
    version,
    seed: config.seed,
    childAgeCutoff: config.childAgeCutoff,
    table1,
    flow,
    routes: await csvPart(out, "routeSummary", "identify", warn),
    agreement,
    coderAgreement: await csvPart(out, "coderAgreement", `code after a second coder has filled in ${ARTEFACTS.secondCoder.path}`, warn),
    themeMaps: maps.length > 0 ? { data: maps, source: maps.map((m) => m.file).join(", ") } : missing(ARTEFACTS.themeMapAdult.path, "code"),
    frequencies: await csvPart(out, "codeFrequencies", "code", warn),
    quotes: await csvPart(out, "quotes", "code", warn),
    performance: await readPerformancePart(out, config.seed),
  };
}
