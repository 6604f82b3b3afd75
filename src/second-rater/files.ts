import { existsSync } from "node:fs";
import { UserError } from "../core/errors.js";
import { readDecisionWorkbook, writeDecisionWorkbook, type DecisionSheet, type ReadDecisions, type WriteDecisionsResult } from "../io/decision-workbook.js";
import type { SheetValue } from "../io/workbook.js";
import { writeCsv } from "../io/write-csv.js";
import { readablePath } from "../io/write-set.js";
import { blindedRows, SAMPLED, type BlindedLayout } from "./blinded.js";
import { raterFileMessage } from "./messages.js";
import { SAMPLE_COLUMNS, sampleCsvRows, type SampleRow } from "./plan.js";

/** Write a stage's `sample.csv`: each sampled patient, why, and its group. */
export function writeSampleCsv(path: string, sample: readonly SampleRow[], groupOf: (id: string) => string): void {
  writeCsv(path, SAMPLE_COLUMNS, sampleCsvRows(sample, groupOf));
}

/**
 * Write the blinded second-rater workbook for `sample`, keeping every decision the second rater already
 * made; rows a redraw leaves out stay while they hold decisions, marked in the layout's status column.
 */
export async function writeBlindedWorkbook(
  path: string,
  spec: DecisionSheet,
  sample: readonly SampleRow[],
  evidenceOf: (id: string) => Record<string, SheetValue>,
  opts: { force: boolean; now: () => Date },
  layout: BlindedLayout = SAMPLED,
): Promise<WriteDecisionsResult> {
  return writeDecisionWorkbook(path, spec, blindedRows(sample, evidenceOf, layout), {
    ...opts,
    statusColumn: layout.status,
    ...(layout.dropped ? { droppedStatus: layout.dropped } : {}),
  });
}

/** Where a rater's workbook comes from and what to rerun once it is fixed, for the one problem message. */
export interface RaterFileSource {
  /** The command to run again after fixing the workbook. */
  rerun: string;
  /** When the workbook must exist: what it is ("second-rater") and the command that writes it. */
  required?: { workbook: string; writtenBy: string };
}

/**
 * Read a rater's workbook back. A missing workbook is undefined, or, when it is required, an error
 * naming the command that writes it; a workbook that does not match what was written stops the run
 * with its cells named.
 */
export async function readRaterWorkbook(path: string, spec: DecisionSheet, source: RaterFileSource & { required: object }): Promise<ReadDecisions>;
export async function readRaterWorkbook(path: string, spec: DecisionSheet, source: RaterFileSource): Promise<ReadDecisions | undefined>;
export async function readRaterWorkbook(path: string, spec: DecisionSheet, source: RaterFileSource): Promise<ReadDecisions | undefined> {
  if (!existsSync(readablePath(path))) {
    if (!source.required) return undefined;
    throw new UserError(raterFileMessage({ kind: "missing", path, ...source.required }));
  }
  const read = await readDecisionWorkbook(path, spec);
  if (read.problems.length > 0) throw new UserError(raterFileMessage({ kind: "mismatched", problems: read.problems, rerun: source.rerun }));
  return read;
}
