import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ResolvedConfig } from "../config/load.js";
import { PRESET_FILES, type PresetFile } from "../config/presets.js";
import { readArtefactJson, writeArtefactJson } from "../io/artefacts.js";
import { VERSION } from "../core/version.js";
import { fileEntry, inputEntry, listOutputs, MANIFEST_VERSION, type Manifest } from "./manifest.js";
import { ruleFilePath, type HashCache } from "./fingerprint.js";
import { databaseName } from "../io/omop/connect.js";

/**
 * Write report/manifest.json: tool version, command lines, the config as used, sha256 of every input
 * (notes, patients, rule files, bundled rater decisions) and output, seeds and row counts. Holds no
 * timestamp, so the same inputs give the same manifest.
 */
export async function writeManifest(
  config: ResolvedConfig,
  out: string,
  noteFiles: readonly string[],
  commandLines: string[],
  hashes: HashCache,
  ratersDir?: string,
): Promise<string> {
  const inputs = [...noteFiles];
  // The config file is an input like any other: verify reports it changed.
  if (config.configFile && existsSync(config.configFile)) inputs.push(config.configFile);
  if (config.patients) inputs.push(config.patients);
  for (const key of Object.keys(PRESET_FILES) as PresetFile[]) {
    const p = ruleFilePath(config, key);
    if (p && existsSync(p)) inputs.push(p);
  }
  if (ratersDir && existsSync(ratersDir)) for (const f of readdirSync(ratersDir).sort()) inputs.push(join(ratersDir, f));
  const outputs = await Promise.all(listOutputs(out).map((p) => fileEntry(p, out)));
  const seeds: Record<string, number> = { seed: config.seed };
  const sample = readArtefactJson(out, "sampleInfo") as { seed: number } | undefined;
  if (sample) seeds.screening_sample = sample.seed;
  const { configFile: _configFile, baseDir: _baseDir, ...settings } = config;
  // The database is named without its password.
  if (settings.omop.url) settings.omop = { ...settings.omop, url: databaseName(settings.omop) };
  const manifest: Manifest = {
    manifest_version: MANIFEST_VERSION,
    tool: { name: "notes-analyse", version: VERSION },
    node: process.versions.node.split(".")[0],
    command_lines: commandLines,
    study: relative(out, config.baseDir).split(sep).join("/") || ".",
    config: settings as Record<string, unknown>,
    seeds,
    inputs: await Promise.all([...new Set(inputs)].map((p) => inputEntry(p, config.baseDir, (f) => hashes.file(f)))),
    outputs,
    row_counts: Object.fromEntries(outputs.filter((o) => o.rows !== undefined).map((o) => [o.path, o.rows!])),
  };
  return writeArtefactJson(out, "manifest", manifest);
}
