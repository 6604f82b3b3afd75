import { existsSync } from "node:fs";
import { readJsonFile } from "../io/read-json.js";
import { dirname, isAbsolute, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { configSchema, type Config, type ConfigInput } from "./schema.js";
import { formatIssues } from "./errors.js";
import { checkPreset, presetFile, type PresetFile } from "./presets.js";

export const DEFAULT_CONFIG_FILE = "notes-analyse.config.json";

/** Keys whose values are file paths or globs, resolved against the folder they were given in. */
const PATH_KEYS = ["patients", "terms", "contextRules", "categories", "documents", "codebook", "topic", "table1", "out"] as const;

export interface ResolvedConfig extends Config {
  /** The config file that was read, if any. */
  configFile?: string;
  /** The folder relative paths were resolved from. */
  baseDir: string;
}

function absolutise(input: Record<string, unknown>, base: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const key of PATH_KEYS) {
    const v = out[key];
    if (typeof v === "string" && v.length > 0 && !isAbsolute(v)) out[key] = resolve(base, v);
  }
  if (Array.isArray(out.notes)) {
    out.notes = out.notes.map((g) => (typeof g === "string" && g.length > 0 && !isAbsolute(g) ? resolve(base, g) : g));
  }
  return out;
}

/** Read and parse a JSON config file; errors name the file and the JSON problem. */
export function readConfigFile(path: string): Record<string, unknown> {
  const data = readJsonFile(path, "config file");
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UserError(`${path}: expected a JSON object of settings, like {"notes": ["export/*.csv"]}`);
  }
  return data as Record<string, unknown>;
}

/** Deep-merge plain objects (flags over config); arrays and values replace. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    if (v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b)) {
      out[k] = merge(b as Record<string, unknown>, v as Record<string, unknown>);
    } else out[k] = v;
  }
  return out;
}

/**
 * Validate settings, pure: defaults < config < flags. Returns the config or every problem, one line each.
 */
export function validateConfig(
  fileData: Record<string, unknown>,
  fileName: string,
  flags: Partial<ConfigInput>,
): { config?: Config; errors: string[] } {
  const fileCheck = configSchema.safeParse(fileData);
  if (!fileCheck.success) return { errors: formatIssues(fileName, fileCheck.error.issues) };
  const merged = merge(fileData, flags as Record<string, unknown>);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) return { errors: formatIssues("command line", parsed.error.issues) };
  return { config: parsed.data, errors: [] };
}

/**
 * Load the study settings: the config file (`--config`, or notes-analyse.config.json in `cwd` when it
 * exists), overridden by flags. Paths in the file are relative to the file; flag paths to `cwd`.
 */
export function loadConfig(cwd: string, flags: Partial<ConfigInput>, configPath?: string): ResolvedConfig {
  let fileData: Record<string, unknown> = {};
  let configFile: string | undefined;
  if (configPath) {
    configFile = resolve(cwd, configPath);
    if (!existsSync(configFile)) throw new UserError(`${configFile}: config file not found (check --config)`);
  } else if (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE))) {
    configFile = resolve(cwd, DEFAULT_CONFIG_FILE);
  }
  if (configFile) fileData = readConfigFile(configFile);
  const baseDir = configFile ? dirname(configFile) : cwd;
  const { config, errors } = validateConfig(
    absolutise(fileData, baseDir),
    configFile ?? "config",
    absolutise(flags as Record<string, unknown>, cwd) as Partial<ConfigInput>,
  );
  if (!config) throw new UserError(errors.join("\n"));
  if (config.preset) checkPreset(config.preset, configFile && !flags.preset ? configFile : "command line");
  return { ...config, configFile, baseDir };
}

/**
 * The file to use for a rule set: the user's own file when given, else the preset's. Throws a clear
 * error naming both ways to supply it when neither is there.
 */
/** The rule file for `key` when the config or the preset gives one, else undefined (for rules a stage can do without). */
export function optionalRuleFile(config: Config, key: PresetFile, flag: string): string | undefined {
  if (typeof config[key] === "string" || (config.preset && presetFile(config.preset, key))) return ruleFile(config, key, flag);
  return undefined;
}

export function ruleFile(config: Config, key: PresetFile, flag: string): string {
  const own = config[key];
  if (typeof own === "string") {
    if (!existsSync(own)) throw new UserError(`${own}: file not found (check ${flag} or "${key}" in the config)`);
    return own;
  }
  const fromPreset = config.preset ? presetFile(config.preset, key) : undefined;
  if (fromPreset) return fromPreset;
  throw new UserError(
    config.preset
      ? `preset ${config.preset} has no ${key} file: give ${flag} FILE`
      : `no ${key} given: use ${flag} FILE or --preset south-london-2015 (or set "${key}"/"preset" in the config)`,
  );
}
