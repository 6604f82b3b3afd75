import { existsSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { at, UserError } from "../core/errors.js";
import type { Note, Patient } from "../core/types.js";
import type { ResolvedConfig } from "../config/load.js";
import { optionalRuleFile, ruleFile } from "../config/load.js";
import type { CompiledDocuments } from "../text/documents/compile.js";
import { readDocumentRules } from "../text/documents/read-rules.js";
import { readPatients } from "../io/read-patients.js";
import { findNoteFiles, readNotes, type NotesOptions } from "../io/read-notes.js";
import { compareStored } from "../io/returned-notes/format.js";
import { readReturnedNotes } from "../io/returned-notes/read.js";
import { readNotesSource, sourceChange } from "../io/returned-notes/source.js";
import { readReturned } from "../stages/screen/returned.js";
import { readTopic, type Topic } from "../config/topic.js";
import { DEFAULT_SCREENING_REASONS, readContextRules, type ScreeningReasons } from "../text/context/index.js";
import { readCsvRows } from "../io/read-csv-rows.js";
import { readTextFile } from "../io/open-text.js";
import { parseTerms } from "../text/terms/parse-terms.js";
import type { Term } from "../text/terms/terms.js";
import type { StageLog as Logger } from "./stage.js";
import { artefactPath, STAGE_DIRS } from "../io/artefacts.js";

export { STAGE_DIRS };

export function stageDir(config: ResolvedConfig, stage: keyof typeof STAGE_DIRS): string {
  return join(config.out, STAGE_DIRS[stage]);
}

/** The notes patterns, or a clear error saying how to give them. */
export function notesPatterns(config: ResolvedConfig): string[] {
  if (config.source === "omop") throw new UserError(`source omop: the notes are read from the database, not from --notes files`);
  if (!config.notes || config.notes.length === 0) {
    throw new UserError(`no notes given: use --notes 'export/*.csv' or set "notes" in notes-analyse.config.json`);
  }
  return config.notes;
}

export function notesOptions(config: ResolvedConfig, log: Logger): NotesOptions {
  return { encoding: config.encoding, delimiter: config.delimiter, columns: config.columns, warn: (m) => log.warn(m) };
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

/** The document rules (letters, forms, sections, who wrote each part); without them each note is plain text by the team. */
export function loadDocumentRules(config: ResolvedConfig): CompiledDocuments | undefined {
  const file = optionalRuleFile(config, "documents", "--documents");
  return file ? readDocumentRules(file) : undefined;
}

/** The study's topic wording (the user's topic.json or the preset's), neutral words when there is none. */
export function loadTopic(config: ResolvedConfig): Topic {
  return readTopic(optionalRuleFile(config, "topic", "--topic"));
}

/**
 * The study's exclusion reasons: those of its context rules (the user's file or the preset's), else the
 * six defaults when it has none.
 */
export function loadReasons(config: ResolvedConfig): ScreeningReasons {
  const file = optionalRuleFile(config, "contextRules", "--context-rules");
  return file ? readContextRules(file).reasons : DEFAULT_SCREENING_REASONS;
}

/**
 * The patients file when given, else with an OMOP source the database's `person` table (only the
 * given patients when `ids` is given), else an empty map (every group is then `unknown`).
 */
export async function loadPatients(config: ResolvedConfig, log: Logger, ids?: ReadonlySet<string>): Promise<Map<string, Patient>> {
  if (!config.patients) {
    if (config.source !== "omop") return new Map();
    const { readOmopPatients } = await import("../io/omop/read-patients.js");
    return readOmopPatients(config.omop, config.childAgeCutoff, ids);
  }
  return readPatients(config.patients, { encoding: config.encoding, delimiter: config.delimiter, columns: config.columns, childAgeCutoff: config.childAgeCutoff, warn: (m) => log.warn(m) });
}

/**
 * The eligible patients: `--eligible FILE` (any CSV with a patient_id column) when given, else
 * `02-screening/eligible.csv` written by `consensus`. Order and duplicates are normalised.
 */
export async function loadEligible(config: ResolvedConfig, eligibleFlag: string | undefined, cwd: string, log: Logger): Promise<{ ids: string[]; file: string }> {
  const file = eligibleFlag ? resolvePath(cwd, eligibleFlag) : artefactPath(config.out, "eligible");
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

/**
 * Every note of the given patients, grouped by patient and sorted by date then note id. They come from
 * the notes search kept (`01-search/notes.jsonl`), once the export is found unchanged since search read
 * it; only patients search did not return (an `--eligible` list can name any) are read from the export.
 * `who` names the command in messages.
 */
export async function notesOf(config: ResolvedConfig, cwd: string, log: Logger, ids: ReadonlySet<string>, who: string): Promise<Map<string, Note[]>> {
  const searchDir = stageDir(config, "search");
  const kept = artefactPath(config.out, "returnedNotes");
  if (!existsSync(kept)) {
    if (existsSync(artefactPath(config.out, "returnedPatients"))) log.info(`${who}: no ${kept} (search did not keep the notes): reading them from the export; run search again so later stages need not`);
    return exportNotesOf(config, cwd, log, ids);
  }
  const selected = config.source === "files" && config.notes?.length ? (await findNoteFiles(config.notes, cwd, config.patients)).map((f) => f.path) : undefined;
  const change = sourceChange(readNotesSource(artefactPath(config.out, "notesSource")), selected);
  if (change) throw new UserError(change);
  const returned = new Set((await readReturned(searchDir)).map((p) => p.patientId));
  const out = await readReturnedNotes(kept, ids);
  const others = new Set([...ids].filter((id) => !returned.has(id)));
  if (others.size > 0) {
    log.info(`${who}: ${others.size} of the patients ${others.size === 1 ? "was" : "were"} not returned by search (e.g. ${[...others].slice(0, 3).join(", ")}): reading their notes from the export`);
    for (const [id, list] of await exportNotesOf(config, cwd, log, others)) out.set(id, list);
  }
  return out;
}

/** The notes of the export, or of the database (only the given patients' when `ids` is given). */
export async function sourceNotes(config: ResolvedConfig, cwd: string, log: Logger, ids?: ReadonlySet<string>): Promise<AsyncIterable<Note>> {
  if (config.source === "omop") {
    const { readOmopNotes } = await import("../io/omop/read-notes.js");
    return readOmopNotes(config.omop, ids);
  }
  return readNotes(notesPatterns(config), cwd, notesOptions(config, log), config.patients);
}

/** Every note of the given patients read from the export itself, sorted as notesOf sorts them. */
async function exportNotesOf(config: ResolvedConfig, cwd: string, log: Logger, ids: ReadonlySet<string>): Promise<Map<string, Note[]>> {
  const out = new Map<string, Note[]>();
  const seen = new Map<string, Note>();
  for await (const note of await sourceNotes(config, cwd, log, ids)) {
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
  for (const list of out.values()) list.sort(compareStored);
  return out;
}
