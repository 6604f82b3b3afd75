import { UserError } from "../core/errors.js";
import type { PresetFile } from "../config/presets.js";
import type { ResolvedConfig } from "../config/load.js";

/** Where a stage says what it is doing: one line each, never note text. */
export interface StageLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A progress line, only on a terminal; `done` ends it. */
  progress(message: string, done?: boolean): void;
}

/** What a stage gets: the working folder, a log, whether filled-in workbooks may be overwritten, and the study settings. */
export interface StageContext {
  cwd: string;
  log: StageLog;
  /** `--force`: a filled-in workbook may be rewritten (a timestamped backup is kept). */
  force: boolean;
  /** Study settings: defaults < config file < flags, validated (loaded when first asked for). */
  config(): ResolvedConfig;
}

/** One option of a stage's own, as `--flag <value>` and its help line. */
export interface StageOption {
  flags: string;
  description: string;
}

/** `--eligible FILE` (SPEC §4), taken by the stages that work on the eligible patients. */
export const ELIGIBLE_OPTION: StageOption = {
  flags: "--eligible <file>",
  description: "CSV with a patient_id column: the eligible patients for this run (default 02-screening/eligible.csv)",
};

/**
 * One stage of the pipeline: what it reads and writes, its own options, and what it does. `run` chains
 * the stages in order; each command wraps one. A stage is skipped by `run` when everything it reads
 * (files by content, settings, rule files, tool version) is unchanged since its last run and everything
 * it produces is still there.
 */
export interface Stage {
  name: string;
  /** Output-folder files that must exist before the stage can run. */
  requires: string[];
  /** Output-folder files it also reads when present (filled workbooks). */
  reads: string[];
  /** Files it reads only under some settings (screening.xlsx's decisions, with `rank`). */
  readsIf?: (config: ResolvedConfig) => string[];
  produces: string[];
  /** Reads the notes export (and so its content is part of the stage's inputs). */
  usesNotes: boolean;
  /** Reads the patients file (and so its content is part of the stage's inputs). */
  usesPatients: boolean;
  rules: PresetFile[];
  /** Config keys whose values are part of the stage's inputs. */
  settings: string[];
  /** Its own options beyond the study settings, keyed in `run`'s `options` by camel-cased name. */
  options: readonly StageOption[];
  /** Do the stage; the summary is what `--json` prints. Throws PendingHumanStep when a person must act first. */
  run(ctx: StageContext, options: Record<string, unknown>): Promise<{ summary: unknown }>;
}

/** A stage's whole-number option, from `min` to `max` (undefined when it is not given). */
export function wholeNumberFlag(raw: unknown, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (String(raw).trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new UserError(`command line › ${flag}: expected a whole number ${range} (got ${JSON.stringify(String(raw))})`);
  }
  return n;
}

/** The key commander gives an option: `--no-codebook-seeds` → `codebookSeeds`, `--eligible <file>` → `eligible`. */
export function optionKey(option: StageOption): string {
  const long = option.flags.split(/[ ,]+/).find((f) => f.startsWith("--"))!.replace(/^--(no-)?/, "");
  return long.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
