import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256, sha256File } from "../core/hash.js";
import type { ResolvedConfig } from "../config/load.js";
import { presetFile, type PresetFile } from "../config/presets.js";
import type { Stage } from "./stage.js";

/** Hashes of files, each computed once per run (the notes export can be large). */
export class HashCache {
  private readonly cache = new Map<string, Promise<string>>();
  file(path: string): Promise<string> {
    let h = this.cache.get(path);
    if (!h) {
      h = sha256File(path);
      this.cache.set(path, h);
    }
    return h;
  }
}

/** The rule file a stage uses: the user's own or the preset's. */
export function ruleFilePath(config: ResolvedConfig, key: PresetFile): string | undefined {
  const own = config[key];
  if (typeof own === "string") return own;
  return config.preset ? presetFile(config.preset, key) : undefined;
}

/**
 * A stage's fingerprint: the tool version, the settings it uses, the content of the notes files and rule
 * files it reads, and the content of the output-folder files it requires or reads. Equal fingerprints
 * mean a re-run would compute the same thing.
 */
export async function stageFingerprint(
  stage: Stage,
  config: ResolvedConfig,
  out: string,
  noteFiles: readonly string[],
  version: string,
  hashes: HashCache,
): Promise<string> {
  const parts: string[] = [`version ${version}`, `stage ${stage.name}`];
  for (const key of stage.settings) parts.push(`setting ${key} ${JSON.stringify((config as unknown as Record<string, unknown>)[key] ?? null)}`);
  if (stage.usesNotes) for (const f of noteFiles) parts.push(`notes ${f} ${await hashes.file(f)}`);
  if (stage.usesPatients && config.patients && existsSync(config.patients)) parts.push(`patients ${await hashes.file(config.patients)}`);
  for (const key of stage.rules) {
    const p = ruleFilePath(config, key);
    parts.push(`rule ${key} ${p && existsSync(p) ? sha256(readFileSync(p)) : "none"}`);
  }
  for (const rel of [...stage.requires, ...stage.reads, ...(stage.readsIf?.(config) ?? [])]) {
    const p = join(out, rel);
    // Output-folder files change within a run (a stage writes what a later one reads): never cached.
    parts.push(`file ${rel} ${existsSync(p) ? await sha256File(p) : "absent"}`);
  }
  return sha256(parts.join("\n"));
}
