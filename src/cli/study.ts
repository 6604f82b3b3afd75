import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import type { Patient } from "../core/types.js";
import type { ResolvedConfig } from "../config/load.js";
import { ruleFile } from "../config/load.js";
import { readPatients } from "../io/read-patients.js";
import type { NotesOptions } from "../io/read-notes.js";
import { parseTerms } from "../stages/search/parse-terms.js";
import type { Term } from "../stages/search/terms.js";
import type { Logger } from "./logger.js";

/** The output sub-folders of SPEC §5. */
export const STAGE_DIRS = {
  search: "01-search",
  screening: "02-screening",
  identification: "03-identification",
  themes: "04-themes",
  report: "report",
} as const;

export function stageDir(config: ResolvedConfig, stage: keyof typeof STAGE_DIRS): string {
  return join(config.out, STAGE_DIRS[stage]);
}

/** The notes patterns, or a clear error saying how to give them. */
export function notesPatterns(config: ResolvedConfig): string[] {
  if (!config.notes || config.notes.length === 0) {
    throw new UserError(`no notes given: use --notes 'export/*.csv' or set "notes" in notes-analyse.config.json`);
  }
  return config.notes;
}

export function notesOptions(config: ResolvedConfig, log: Logger): NotesOptions {
  return { encoding: config.encoding, columns: config.columns, warn: (m) => log.warn(m) };
}

/** The study's search terms: the user's file or the preset's. */
export function loadTerms(config: ResolvedConfig): Term[] {
  const file = ruleFile(config, "terms", "--terms");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`${file}: cannot read the term file (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const terms = parseTerms(text, file);
  if (!terms.some((t) => t.group === "case")) throw new UserError(`${file}: no case-finding terms (put terms before any [group] header, or under [case])`);
  return terms;
}

/** The patients file when given, else an empty map (every group is then `unknown`). */
export async function loadPatients(config: ResolvedConfig, log: Logger): Promise<Map<string, Patient>> {
  if (!config.patients) return new Map();
  return readPatients(config.patients, { encoding: config.encoding, childAgeCutoff: config.childAgeCutoff, warn: (m) => log.warn(m) });
}
