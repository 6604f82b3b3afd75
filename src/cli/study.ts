import { existsSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { at, UserError } from "../core/errors.js";
import type { Note, Patient } from "../core/types.js";
import type { ResolvedConfig } from "../config/load.js";
import { ruleFile } from "../config/load.js";
import { readPatients } from "../io/read-patients.js";
import { readNotes, type NotesOptions } from "../io/read-notes.js";
import { readCsvRows } from "../io/read-csv-rows.js";
import { readTextFile } from "../io/open-text.js";
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
    text = readTextFile(file);
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

/**
 * The eligible patients: `--eligible FILE` (any CSV with a patient_id column) when given, else
 * `02-screening/eligible.csv` written by `consensus`. Order and duplicates are normalised.
 */
export async function loadEligible(config: ResolvedConfig, eligibleFlag: string | undefined, cwd: string, log: Logger): Promise<{ ids: string[]; file: string }> {
  const file = eligibleFlag ? resolvePath(cwd, eligibleFlag) : join(stageDir(config, "screening"), "eligible.csv");
  if (!existsSync(file)) {
    throw new UserError(
      eligibleFlag
        ? `${file}: file not found (check --eligible)`
        : `${file}: no eligible list yet (run notes-analyse consensus after screening, or give --eligible FILE with a patient_id column)`,
    );
  }
  const rows = await readCsvRows(file, ["patient_id"], (m) => log.warn(m));
  const ids = [...new Set(rows.map((r) => r.values.patient_id.trim()).filter(Boolean))].sort();
  return { ids, file };
}

/** Every note of the given patients, grouped by patient and sorted by date then note id. */
export async function notesOf(config: ResolvedConfig, cwd: string, log: Logger, ids: ReadonlySet<string>): Promise<Map<string, Note[]>> {
  const out = new Map<string, Note[]>();
  const seen = new Map<string, Note>();
  for await (const note of readNotes(notesPatterns(config), cwd, notesOptions(config, log), config.patients)) {
    if (!ids.has(note.patientId)) continue;
    // Two notes of one patient under one id would share extracts and decisions: an input error, never merged.
    const key = `${note.patientId}\u0000${note.noteId}`;
    const first = seen.get(key);
    if (first) {
      throw new UserError(
        `${at(note.source.file, note.source.line)}: note id ${note.noteId} of patient ${note.patientId} is already used at ${at(first.source.file, first.source.line)} (note ids must be unique within a patient: fix the export)`,
      );
    }
    seen.set(key, note);
    const list = out.get(note.patientId);
    if (list) list.push(note);
    else out.set(note.patientId, [note]);
  }
  for (const list of out.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0));
  return out;
}
