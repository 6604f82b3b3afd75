import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { sha256File } from "../core/hash.js";
import { TOOL_ROOT } from "../core/paths.js";
import { isTempName } from "../io/write-set.js";

/** The installed tool's folder (its presets and demo extract are inputs of a run too). */

export const MANIFEST_VERSION = 1;

export interface FileEntry {
  /** `/`-separated, relative to the folder `root` names; absolute when there is no root. */
  path: string;
  /** For inputs: `study` (the study folder, the config's folder) or `tool` (files installed with notes-analyse). */
  root?: "study" | "tool";
  sha256: string;
  bytes: number;
  /** Data rows of a CSV output (lines after the header). */
  rows?: number;
}

/** What a reviewer needs to confirm a result came from these inputs (SPEC §1 Report). */
export interface Manifest {
  manifest_version: number;
  tool: { name: string; version: string };
  node: string;
  command_lines: string[];
  /** The study folder, relative to the output folder, so a copied or moved study verifies where it is. */
  study?: string;
  config: Record<string, unknown>;
  seeds: Record<string, number>;
  inputs: FileEntry[];
  outputs: FileEntry[];
  row_counts: Record<string, number>;
}

/** Files of an output folder that belong in the manifest: not the manifest, not backups, not run state. */
export function listOutputs(out: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (name.startsWith(".")) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.backup-.*\.xlsx$/.test(name) && !isTempName(name)) files.push(p);
    }
  };
  if (existsSync(out)) walk(out);
  return files.filter((f) => relative(out, f).split(sep).join("/") !== "report/manifest.json");
}

async function countCsvRows(path: string): Promise<number> {
  // RFC 4180: a record ends at a newline outside quotes; count those after the header.
  const { createReadStream } = await import("node:fs");
  let inQuote = false;
  let records = 0;
  for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
    for (const ch of chunk as string) {
      if (ch === '"') inQuote = !inQuote;
      else if (ch === "\n" && !inQuote) records++;
    }
  }
  return Math.max(0, records - 1);
}

/** A file's manifest entry; `hash` may serve a hash already computed in this run (inputs can be large). */
export async function fileEntry(path: string, base?: string, hash: (p: string) => Promise<string> = sha256File): Promise<FileEntry> {
  const entry: FileEntry = { path: base ? relative(base, path).split(sep).join("/") : path, sha256: await hash(path), bytes: statSync(path).size };
  if (path.endsWith(".csv") && base) entry.rows = await countCsvRows(path);
  return entry;
}

const posix = (p: string) => p.split(sep).join("/");

/**
 * An input's manifest entry: relative to the study folder when it lies inside it, to the tool's folder
 * when it came with notes-analyse (a preset, the demo extract), else by its absolute path.
 */
export async function inputEntry(path: string, studyDir: string, hash: (p: string) => Promise<string> = sha256File): Promise<FileEntry> {
  const abs = resolve(path);
  const inside = (base: string) => {
    const rel = relative(base, abs);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? posix(rel) : undefined;
  };
  // Files installed with the tool (presets, the demo extract) first: they move with the tool, not the study.
  const tool = inside(TOOL_ROOT);
  const study = inside(studyDir);
  const where: Pick<FileEntry, "path" | "root"> = tool !== undefined ? { path: tool, root: "tool" } : study !== undefined ? { path: study, root: "study" } : { path: abs };
  return { ...where, sha256: await hash(abs), bytes: statSync(abs).size };
}

export interface VerifyResult {
  changed: string[];
  missing: string[];
  /** Files in the output folder that the manifest does not name. */
  extra: string[];
  checked: number;
}

/** Where an input of the manifest is now: a study file is looked for in the study folder beside `out`. */
export function inputPath(entry: FileEntry, manifest: Manifest, out: string): string {
  if (entry.root === "study") return resolve(out, manifest.study ?? "..", entry.path);
  if (entry.root === "tool") return resolve(TOOL_ROOT, entry.path);
  return entry.path;
}

/** Re-hash every input and output the manifest names; report what changed, went missing or was added. */
export async function verifyManifest(manifest: Manifest, out: string): Promise<VerifyResult> {
  const result: VerifyResult = { changed: [], missing: [], extra: [], checked: 0 };
  const check = async (entry: FileEntry, path: string, label: string) => {
    result.checked++;
    if (!existsSync(path)) result.missing.push(label);
    else if ((await sha256File(path)) !== entry.sha256) result.changed.push(label);
  };
  for (const e of manifest.inputs) await check(e, inputPath(e, manifest, out), `input ${e.root ? `${e.root === "tool" ? "(notes-analyse) " : ""}${e.path}` : e.path}`);
  for (const e of manifest.outputs) await check(e, join(out, e.path), `output ${e.path}`);
  const named = new Set([...manifest.outputs.map((o) => o.path), "report/manifest.json"]);
  for (const f of listOutputs(out)) {
    const rel = posix(relative(out, f));
    if (!named.has(rel)) result.extra.push(`output ${rel}`);
  }
  return result;
}
