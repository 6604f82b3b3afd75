import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import { writeFileAtomic } from "./atomic-write.js";
import { readCsvRows } from "./read-csv-rows.js";
import type { TableRow } from "./read-table.js";
import type { Cell } from "./neutralise.js";
import { writeCsv } from "./write-csv.js";

/** The output sub-folders of SPEC §5. */
export const STAGE_DIRS = {
  search: "01-search",
  screening: "02-screening",
  identification: "03-identification",
  themes: "04-themes",
  report: "report",
} as const;

/** One file the stages pass to each other: where it sits, what it holds, who writes and who reads it. */
export interface Artefact {
  /** Under the output folder, `/`-separated. */
  path: string;
  kind: "csv" | "json" | "jsonl" | "xlsx" | "svg" | "html" | "qdc" | "qdpx";
  /** A CSV's columns in order. */
  columns?: readonly string[];
  /** The stage (or command) that writes it. */
  writer: string;
  /** The stages and commands that read it. */
  readers: readonly string[];
}

const S = STAGE_DIRS;

/**
 * Every file the stages exchange, declared once: the stage registry, the report, `run`, `verify`, the
 * demo and the evaluation take paths and columns from here, so renaming a column is a one-line change.
 */
export const ARTEFACTS = {
  returnedPatients: { path: `${S.search}/patients.csv`, kind: "csv", columns: ["patient_id", "group", "n_notes_hit", "n_hits", "terms"], writer: "search", readers: ["screen", "sample", "consensus", "run", "evaluate"] },
  hits: {
    path: `${S.search}/hits.csv`,
    kind: "csv",
    columns: ["patient_id", "note_id", "date", "term", "group_name", "start", "end", "left", "match", "right", "note_type"],
    writer: "search",
    readers: ["screen", "report"],
  },
  searchWorkbook: { path: `${S.search}/search.xlsx`, kind: "xlsx", writer: "search", readers: [] },
  returnedNotes: { path: `${S.search}/notes.jsonl`, kind: "jsonl", writer: "search", readers: ["screen", "sample", "identify", "code"] },
  notesSource: { path: `${S.search}/notes-source.json`, kind: "json", writer: "search", readers: ["screen", "sample", "identify", "code", "run"] },
  shard: { path: `${S.search}/shard.json`, kind: "json", writer: "search", readers: ["merge"] },
  suggestions: {
    path: `${S.screening}/suggestions.csv`,
    kind: "csv",
    columns: ["patient_id", "group", "suggestion", "reason", "rule", "evidence", "note_id", "date", "n_mentions", "rules", "outcome_note_id", "outcome_date", "why", "rules_fired"],
    writer: "screen",
    readers: ["report", "simulate", "evaluate"],
  },
  screeningWorkbook: { path: `${S.screening}/screening.xlsx`, kind: "xlsx", writer: "screen", readers: ["screen", "consensus", "report"] },
  sample: { path: `${S.screening}/sample.csv`, kind: "csv", columns: ["patient_id", "why", "group"], writer: "sample", readers: ["consensus"] },
  sampleInfo: { path: `${S.screening}/sample.json`, kind: "json", writer: "sample", readers: ["consensus", "run"] },
  secondRaterScreening: { path: `${S.screening}/second-rater.xlsx`, kind: "xlsx", writer: "sample", readers: ["consensus"] },
  discrepancies: { path: `${S.screening}/discrepancies.xlsx`, kind: "xlsx", writer: "consensus", readers: ["consensus"] },
  eligible: { path: `${S.screening}/eligible.csv`, kind: "csv", columns: ["patient_id", "group", "decided_by"], writer: "consensus", readers: ["identify", "code", "report", "simulate"] },
  flow: { path: `${S.screening}/flow.csv`, kind: "csv", columns: ["step", "reason", "adult", "child", "unknown", "total"], writer: "consensus", readers: ["report", "run"] },
  screeningAgreement: { path: `${S.screening}/agreement.json`, kind: "json", writer: "consensus", readers: ["report", "run"] },
  routes: {
    path: `${S.identification}/routes.csv`,
    kind: "csv",
    columns: ["patient_id", "group", "suggested_route", "suggested_service", "evidence", "final_route", "final_service", "rule", "note_id", "date", "start", "end", "confirmed"],
    writer: "identify",
    readers: ["report", "evaluate"],
  },
  routeSummary: {
    path: `${S.identification}/summary.csv`,
    kind: "csv",
    columns: ["group", "category", "service", "n", "denominator", "percent", "formatted", "n_confirmed"],
    writer: "identify",
    readers: ["report", "run"],
  },
  identificationWorkbook: { path: `${S.identification}/identification.xlsx`, kind: "xlsx", writer: "identify", readers: ["identify", "report"] },
  secondRaterRoutes: { path: `${S.identification}/second-rater.xlsx`, kind: "xlsx", writer: "identify", readers: ["identify"] },
  routeAgreement: { path: `${S.identification}/agreement.json`, kind: "json", writer: "identify", readers: ["report"] },
  extracts: {
    path: `${S.themes}/extracts.csv`,
    kind: "csv",
    columns: ["extract_id", "patient_id", "group", "note_id", "date", "text", "suggested_codes", "final_codes", "start", "end", "rules", "learned_codes", "retrieved_by", "note_type", "memo"],
    writer: "code",
    readers: ["report", "evaluate"],
  },
  codedExtracts: { path: `${S.themes}/coded-extracts.xlsx`, kind: "xlsx", writer: "code", readers: ["code", "report"] },
  secondCoder: { path: `${S.themes}/second-coder.xlsx`, kind: "xlsx", writer: "code", readers: ["code"] },
  patientThemes: { path: `${S.themes}/patient-themes.csv`, kind: "csv", columns: ["patient_id", "group", "theme", "n_extracts", "codes", "n_coder_coded"], writer: "code", readers: ["run"] },
  codeFrequencies: {
    path: `${S.themes}/code-frequencies.csv`,
    kind: "csv",
    columns: [
      "level", "id", "theme", "label", "patients_adult", "patients_child", "patients_total", "extracts_adult", "extracts_child", "extracts_total",
      "pct_patients_adult", "pct_patients_child", "pct_patients_total", "patients_unknown", "extracts_unknown",
    ],
    writer: "code",
    readers: ["report"],
  },
  cooccurrence: { path: `${S.themes}/cooccurrence.csv`, kind: "csv", columns: ["level", "group", "a", "b", "patients", "extracts"], writer: "code", readers: [] },
  quotes: {
    path: `${S.themes}/quotes.csv`,
    kind: "csv",
    columns: ["group", "theme", "rank", "extract_id", "patient_id", "note_id", "date", "codes", "text", "identifier_flags", "needs_review", "source"],
    writer: "code",
    readers: ["report"],
  },
  coderAgreement: {
    path: `${S.themes}/coder-agreement.csv`,
    kind: "csv",
    columns: ["level", "id", "extracts", "both", "first_only", "second_only", "neither", "observed_agreement", "kappa", "alpha", "note"],
    writer: "code",
    readers: ["report"],
  },
  codebookQdc: { path: `${S.themes}/codebook.qdc`, kind: "qdc", writer: "code", readers: [] },
  codedExtractsQdpx: { path: `${S.themes}/coded-extracts.qdpx`, kind: "qdpx", writer: "code", readers: [] },
  themeMapAdult: { path: `${S.themes}/theme-map-adult.svg`, kind: "svg", writer: "code", readers: ["report"] },
  themeMapChild: { path: `${S.themes}/theme-map-child.svg`, kind: "svg", writer: "code", readers: ["report"] },
  reportHtml: { path: `${S.report}/report.html`, kind: "html", writer: "report", readers: ["run"] },
  reportWorkbook: { path: `${S.report}/report.xlsx`, kind: "xlsx", writer: "report", readers: [] },
  table1: { path: `${S.report}/table1.csv`, kind: "csv", columns: ["characteristic", "category", "total", "adult", "child", "total_n", "adult_n", "child_n"], writer: "report", readers: [] },
  flowSvg: { path: `${S.report}/flow.svg`, kind: "svg", writer: "report", readers: [] },
  manifest: { path: `${S.report}/manifest.json`, kind: "json", writer: "run", readers: ["verify"] },
  runState: { path: ".notes-analyse/state.json", kind: "json", writer: "run", readers: ["run"] },
} as const satisfies Record<string, Artefact>;

export type ArtefactId = keyof typeof ARTEFACTS;

/** The quotes.csv column that holds each quote's text, as the report shows it. */
export const QUOTE_TEXT_COLUMN = "text" satisfies (typeof ARTEFACTS.quotes.columns)[number];

/** The output-folder paths of the given artefacts, in order (the stage registry's lists). */
export function artefactPaths(...ids: readonly ArtefactId[]): string[] {
  return ids.map((id) => ARTEFACTS[id].path);
}

/** Where an artefact sits in an output folder. */
export function artefactPath(out: string, id: ArtefactId): string {
  return join(out, ARTEFACTS[id].path);
}

/** What to do about a broken artefact: run the stage that writes it again. */
function rerun(id: ArtefactId): string {
  const { writer } = ARTEFACTS[id];
  return `it is written by notes-analyse ${writer}; run ${writer} again`;
}

/**
 * Read a JSON file notes-analyse wrote itself (run state, manifest, sample, agreement, shard). A file
 * that cannot be read or parsed is an error naming the file and `fix`, never taken as empty: a
 * truncated record silently ignored would make `run` redo or skip work for no reason it can show.
 * `what` says what the file should be (`valid JSON` unless given).
 */
export function readOwnJson(path: string, fix: string, what = "valid JSON"): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UserError(`${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? "error"}); ${fix}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`${path}: not ${what} (${fix})`);
  }
}

/** A JSON artefact of an output folder, or undefined when it is not there; a corrupt one is an error. */
export function readArtefactJson(out: string, id: ArtefactId): unknown {
  const path = artefactPath(out, id);
  return existsSync(path) ? readOwnJson(path, rerun(id)) : undefined;
}

/** Write a JSON artefact (two-space indent, a final newline), atomically. */
export function writeArtefactJson(out: string, id: ArtefactId, value: unknown): string {
  const path = artefactPath(out, id);
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

type CsvId = { [K in ArtefactId]: (typeof ARTEFACTS)[K] extends { kind: "csv"; columns: readonly string[] } ? K : never }[ArtefactId];

/** Write a CSV artefact under its declared columns, atomically; each row gives the cells in that order. */
export function writeArtefactCsv(out: string, id: CsvId, rows: Iterable<readonly Cell[]>): string {
  const path = artefactPath(out, id);
  writeCsv(path, ARTEFACTS[id].columns, rows);
  return path;
}

/** The rows of a CSV artefact, or undefined when it is not there; `required` columns must be present. */
export async function readArtefactCsv(out: string, id: ArtefactId, required: readonly string[] = [], warn?: (m: string) => void): Promise<TableRow[] | undefined> {
  const path = artefactPath(out, id);
  return existsSync(path) ? readCsvRows(path, required, warn) : undefined;
}
