import { existsSync, statSync } from "node:fs";
import { readOwnJson } from "../artefacts.js";
import { UserError } from "../../core/errors.js";
import type { OmopSettings } from "../../io/omop/settings.js";
import { databaseName } from "../omop/connect.js";

/** `01-search/notes-source.json`: where search read the notes, so later stages can tell it changed. */
export const NOTES_SOURCE_FILE = "notes-source.json";

/** A notes file as search found it. */
export interface SourceFile {
  path: string;
  bytes: number;
  /** Modification time in nanoseconds since the epoch, as a decimal string. */
  mtime_ns: string;
}

/** Notes files, or an OMOP database (described without its password). */
export type NotesSource = { kind: "files"; files: SourceFile[] } | { kind: "omop"; database: string; schema: string };

/**
 * An OMOP database, named without its password. Its tables are not checked by the later stages (a
 * database has no cheap equivalent of a file's size and time): search again after the notes change.
 */
export function omopSource(settings: OmopSettings): NotesSource {
  return { kind: "omop", database: databaseName(settings), schema: settings.schema };
}

/** The files as they are now. */
export function filesSource(paths: readonly string[]): NotesSource {
  return { kind: "files", files: paths.map((path) => statFile(path)) };
}

function statFile(path: string): SourceFile {
  const st = statSync(path, { bigint: true });
  return { path, bytes: Number(st.size), mtime_ns: st.mtimeNs.toString() };
}

/** The source search recorded in a search folder, or a clear error. */
export function readNotesSource(file: string): NotesSource {
  if (!existsSync(file)) throw new UserError(`${file}: not found (run notes-analyse search again: it records where the notes came from)`);
  const fix = "run notes-analyse search again";
  const what = "a notes source as search writes it";
  const s = readOwnJson(file, fix, what) as NotesSource | null;
  if (s?.kind === "files" && Array.isArray(s.files)) return s;
  if (s?.kind === "omop" && typeof s.database === "string") return s;
  throw new UserError(`${file}: not ${what} (${fix})`);
}

/**
 * What changed in a files source since search read it, as one message, or undefined. A file is taken
 * as unchanged while its size and modification time are (as make and git do): cheap at any size,
 * where hashing would cost each stage a read of the whole export.
 */
export function sourceChange(source: NotesSource, selected?: readonly string[]): string | undefined {
  if (source.kind !== "files") return undefined;
  const again = "run notes-analyse search again";
  for (const f of source.files) {
    if (!existsSync(f.path)) return `${f.path}: search read this notes file and it is gone (${again}, or put it back)`;
    const now = statFile(f.path);
    if (now.bytes !== f.bytes || now.mtime_ns !== f.mtime_ns) return `${f.path}: changed since search read it (size or modification time differ): ${again}`;
  }
  if (selected) {
    const gone = source.files.find((f) => !selected.includes(f.path));
    if (gone) return `${gone.path}: search read this file, which the notes patterns no longer select (${again}, or select it again)`;
    const read = new Set(source.files.map((f) => f.path));
    const added = selected.find((p) => !read.has(p));
    if (added) return `${added}: a notes file search did not read (${again})`;
  }
  return undefined;
}
