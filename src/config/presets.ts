import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import { CODE_DIR } from "../core/paths.js";

/** The folder holding the bundled presets (src/presets in development, dist/presets when built). */
export const PRESETS_DIR = join(CODE_DIR, "presets");

/** The files a preset may carry, by role. */
export const PRESET_FILES = {
  terms: "terms.txt",
  contextRules: "context-rules.json",
  categories: "categories.json",
  documents: "documents.json",
  codebook: "codebook.json",
  topic: "topic.json",
  table1: "table1.json",
} as const;

export type PresetFile = keyof typeof PRESET_FILES;

/** Names of the bundled presets. */
export function presetNames(): string[] {
  if (!existsSync(PRESETS_DIR)) return [];
  return readdirSync(PRESETS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Check a preset name, with the list of valid ones in the error. */
export function checkPreset(name: string, source: string): void {
  const names = presetNames();
  if (!names.includes(name)) {
    throw new UserError(`${source} › preset: unknown preset "${name}" (expected one of ${names.join(", ") || "none bundled"})`);
  }
}

/** Path of one file of a preset, or undefined when the preset does not carry it. */
export function presetFile(name: string, file: PresetFile): string | undefined {
  const p = join(PRESETS_DIR, name, PRESET_FILES[file]);
  return existsSync(p) ? p : undefined;
}
