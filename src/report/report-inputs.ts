import type { Topic } from "../config/topic.js";
import type { Flow, ReasonLabel } from "./flow.js";
import type { RouteScheme } from "./routes.js";
import type { PerformanceCard } from "./performance/compute.js";
import type { Table1 } from "./table1.js";

/** The quotes.csv column that lists possible identifiers a quote still holds. */
export const FLAGS_COLUMN = "identifier_flags";

/** A table as read from a CSV another stage wrote: its columns in file order and its rows. */
export interface CsvTable {
  /** Path shown to the reader, relative to the study output folder. */
  file: string;
  columns: string[];
  rows: Record<string, string>[];
}

/** A section's input: there, or missing with the command that would make it. */
export type Part<T> = { data: T; source: string } | { missing: string };

export const isThere = <T>(p: Part<T>): p is { data: T; source: string } => "data" in p;

/** One agreement.json (SPEC §7 keys; screening adds the sample's seed and sizes). */
export interface AgreementSource {
  label: string;
  file: string;
  report: Record<string, unknown>;
}

/** Suggestions a rater has not confirmed yet: the report built on them is a DRAFT. */
export interface Draft {
  /** What is unconfirmed, for the reader: "12 of 130 eligible patients have no final_route in 03-identification/identification.xlsx". */
  what: string;
  /** The report sections (ids) and workbook sheets built on them. */
  sections: string[];
  sheets: string[];
}

/** The study's own words: its topic, its exclusion reasons' labels, its categories' labels and groups. */
export interface ReportVocabulary {
  topic: Topic;
  reasonLabel: ReasonLabel;
  /** From the categories file; without one, route ids are made readable. */
  routes?: RouteScheme;
}

/** Everything the report shows, read from the study output folder. */
export interface ReportInputs {
  vocabulary: ReportVocabulary;
  /** Empty when every suggestion the report uses was confirmed by a rater. */
  drafts?: Draft[];
  version: string;
  seed: number;
  childAgeCutoff: number;
  table1: { table: Table1; source: string; notes: string[] };
  flow: Part<Flow>;
  routes: Part<CsvTable>;
  agreement: Part<AgreementSource[]>;
  coderAgreement: Part<CsvTable>;
  themeMaps: Part<{ group: string; file: string; svg: string }[]>;
  frequencies: Part<CsvTable>;
  quotes: Part<CsvTable>;
  /** How far to trust the suggestions (absent in reports built without it). */
  performance?: Part<PerformanceCard>;
}
