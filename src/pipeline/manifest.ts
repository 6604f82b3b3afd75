import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { sha256File } from "../core/hash.js";

export const MANIFEST_VERSION = 1;

export interface FileEntry {
  path: string;
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
      else if (!/\.backup-.*\.xlsx$/.test(name) && !/\.tmp-/.test(name)) files.push(p);
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

export interface VerifyResult {
  changed: string[];
  missing: string[];
  checked: number;
}

/** Re-hash every input and output the manifest names; report what changed or went missing. */
export async function verifyManifest(manifest: Manifest, out: string): Promise<VerifyResult> {
  const result: VerifyResult = { changed: [], missing: [], checked: 0 };
  const check = async (entry: FileEntry, path: string, label: string) => {
    result.checked++;
    if (!existsSync(path)) result.missing.push(label);
    else if ((await sha256File(path)) !== entry.sha256) result.changed.push(label);
  };
  for (const e of manifest.inputs) await check(e, e.path, `input ${e.path}`);
  for (const e of manifest.outputs) await check(e, join(out, e.path), `output ${e.path}`);
  return result;
}
