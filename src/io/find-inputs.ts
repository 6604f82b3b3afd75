import { existsSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import fg from "fast-glob";
import { UserError } from "../core/errors.js";

export type InputKind = "csv" | "tsv" | "jsonl" | "txt";

const KINDS: Record<string, InputKind> = { ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "txt" };

export interface InputFile {
  path: string;
  kind: InputKind;
  /** For .txt notes: the folder the pattern named, to take patient ids from sub-folder names. */
  root?: string;
}

/** The reader for a file, chosen by its extension. */
export function kindOf(path: string): InputKind | undefined {
  return KINDS[extname(path).toLowerCase()];
}

/**
 * Expand the notes patterns into files: an existing file is itself, a folder means every `.txt` note
 * under it, anything else is a glob. A pattern that matches nothing is an error (a typo in a path must
 * never silently give an empty study).
 */
export async function findInputs(patterns: readonly string[], cwd: string): Promise<InputFile[]> {
  const seen = new Map<string, InputFile>();
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    let found: InputFile[];
    if (existsSync(abs) && statSync(abs).isDirectory()) {
      const files = await fg("**/*.txt", { cwd: abs, absolute: true, onlyFiles: true, caseSensitiveMatch: false });
      found = files.map((p) => ({ path: resolve(p), kind: "txt" as const, root: abs }));
      if (found.length === 0) throw new UserError(`${pattern}: the folder has no .txt notes (expected one note per .txt file)`);
    } else if (existsSync(abs)) {
      found = [{ path: abs, kind: requireKind(abs) }];
    } else {
      const files = await fg(fg.isDynamicPattern(pattern) ? pattern : fg.escapePath(pattern), { cwd, absolute: true, onlyFiles: true });
      if (files.length === 0) throw new UserError(`${pattern}: no file matches (check the path or glob pattern in --notes or "notes")`);
      found = files.map((p) => ({ path: resolve(p), kind: requireKind(p) }));
    }
    for (const f of found) if (!seen.has(f.path)) seen.set(f.path, f);
  }
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function requireKind(path: string): InputKind {
  const kind = kindOf(path);
  if (!kind) throw new UserError(`${path}: unsupported file type "${extname(path) || "(none)"}" (expected .csv, .tsv, .jsonl or .txt)`);
  return kind;
}
