import { Option, type Command } from "commander";
import { UserError } from "../core/errors.js";
import { COLUMN_KEY, misspeltRole, type ConfigInput } from "../config/schema.js";
import { COLUMN_ROLES } from "../io/formats.js";

/**
 * The one table of study options. Each row is a flag and the config key it sets, so the command line
 * and the config file cannot drift apart (a test checks every key exists in the schema).
 */
export interface StudyOption {
  flags: string;
  description: string;
  /** The config path the flag sets, e.g. ["sampling", "fraction"]. */
  key: string[];
  /** Turn the raw flag text into the config value. */
  parse?: (raw: string, flag: string) => unknown;
}

function number(raw: string, flag: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw new UserError(`command line › ${flag}: expected a number`);
  return n;
}

/** `patient_id=BrcId,text=Attachment_Text` → { patient_id: "BrcId", text: "Attachment_Text" }. */
export function parseColumns(raw: string, flag = "--columns"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0 || eq === part.length - 1) {
      throw new UserError(`command line › ${flag}: expected name=COLUMN pairs separated by commas, like patient_id=BrcId,text=Attachment_Text`);
    }
    const name = part.slice(0, eq).trim();
    const near = misspeltRole(name);
    if (near || (!(COLUMN_ROLES as readonly string[]).includes(name) && !COLUMN_KEY.test(name))) {
      throw new UserError(`command line › ${flag}: unknown column role "${name}" (${near ? `did you mean ${near}? ` : ""}expected one of ${COLUMN_ROLES.join(", ")}, or an attribute name of lower-case letters, digits and _)`);
    }
    out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

export const STUDY_OPTIONS: StudyOption[] = [
  { flags: "--notes <glob...>", description: "notes export files or glob patterns (CSV, TSV, JSON Lines, folders of .txt)", key: ["notes"] },
  { flags: "--patients <file>", description: "patients CSV (patient_id, gender, age_at_first_contact, …)", key: ["patients"] },
  { flags: "--columns <map>", description: "map column roles (and patients-file attributes) to your export's names: patient_id=BrcId,text=Attachment_Text,ethnicity=Ethnic_Group", key: ["columns"], parse: parseColumns },
  { flags: "--encoding <name>", description: "text encoding of the export: auto, utf-8 or windows-1252", key: ["encoding"] },
  { flags: "--delimiter <name>", description: "column delimiter of CSV exports and the patients file: auto (from the header row, the default), comma, semicolon, tab or pipe", key: ["delimiter"] },
  { flags: "--preset <name>", description: "bundled study preset (terms, rules, codebook), e.g. south-london-2015", key: ["preset"] },
  { flags: "--terms <file>", description: "search term file (replaces the preset's terms)", key: ["terms"] },
  { flags: "--context-rules <file>", description: "screening context rules JSON (replaces the preset's)", key: ["contextRules"] },
  { flags: "--categories <file>", description: "identification categories JSON (replaces the preset's)", key: ["categories"] },
  { flags: "--documents <file>", description: "document rules JSON: letters, e-mails, forms, sections, authorship (replaces the preset's)", key: ["documents"] },
  { flags: "--codebook <file>", description: "codebook JSON or REFI-QDA .qdc (replaces the preset's)", key: ["codebook"] },
  { flags: "--topic <file>", description: "topic JSON: the words the workbooks and the report use for the study's topic (replaces the preset's)", key: ["topic"] },
  { flags: "--table1 <file>", description: "Table 1 JSON: which patient attributes, their categories and order, the age bands (replaces the preset's)", key: ["table1"] },
  { flags: "--out <dir>", description: "study output folder (default notes-analyse-out)", key: ["out"] },
  { flags: "--first <n>", description: "second-rater sample: the first N returned patients (default 10)", key: ["sampling", "first"], parse: number },
  { flags: "--fraction <x>", description: "second-rater sample: fraction of the rest drawn at random, 0–1 (default 0.1)", key: ["sampling", "fraction"], parse: number },
  { flags: "--seed <n>", description: "random seed for sampling (default 2015)", key: ["seed"], parse: number },
  { flags: "--child-age-cutoff <years>", description: "age at first contact below which a patient is a child (default 18)", key: ["childAgeCutoff"], parse: number },
  { flags: "--kwic-width <chars>", description: "characters of context each side of a hit (default 80)", key: ["kwicWidth"], parse: number },
  { flags: "--backups <n>", description: "backups kept per workbook when a re-run replaces it (default 5; the oldest go first)", key: ["backups"], parse: number },
  { flags: "--rank", description: "screen: order the undecided rows of screening.xlsx by a model score learned from the decisions so far (from 10 decided, 2 of each)", key: ["rank"] },
  { flags: "--source <kind>", description: "where the notes are: files (--notes, the default) or omop (the note table of an OMOP CDM database in PostgreSQL)", key: ["source"] },
  { flags: "--omop-url <url>", description: "the OMOP database as postgresql://user@host:port/db (default: the PGHOST, PGUSER, PGDATABASE … environment variables)", key: ["omop", "url"] },
  { flags: "--omop-schema <name>", description: "the schema of the OMOP CDM tables (default public)", key: ["omop", "schema"] },
];

/** Options every command takes, whether or not it uses them. */
export const COMMON_FLAGS = [
  { flags: "--config <file>", description: "config file (default notes-analyse.config.json in this folder)" },
  { flags: "--force", description: "allow overwriting a filled-in workbook (a timestamped backup is kept)" },
  { flags: "--json", description: "print one JSON summary on stdout" },
  { flags: "--quiet", description: "print nothing but errors on stderr" },
  { flags: "--no-color", description: "no colour in messages (also when NO_COLOR is set)" },
  { flags: "--debug", description: "show stack traces for unexpected errors" },
] as const;

/** The config key a study option sets, as commands list the ones they use: `sampling.first`. */
export const optionKey = (opt: StudyOption): string => opt.key.join(".");

/**
 * Add the study options and the common flags to a command. Every one is accepted; those outside `uses`
 * (config keys) and the common flags in `ignores` are hidden from its --help, which lists what applies.
 */
export function addStudyOptions(cmd: Command, uses?: readonly string[], ignores: readonly string[] = []): Command {
  for (const opt of STUDY_OPTIONS) {
    const option = new Option(opt.flags, opt.description);
    if (uses && !uses.includes(optionKey(opt))) option.hideHelp();
    cmd.addOption(option);
  }
  return addCommonFlags(cmd, ignores);
}

export function addCommonFlags(cmd: Command, ignores: readonly string[] = []): Command {
  for (const f of COMMON_FLAGS) {
    const option = new Option(f.flags, f.description);
    if (ignores.includes(f.flags.split(" ")[0])) option.hideHelp();
    cmd.addOption(option);
  }
  return cmd;
}

function camel(flags: string): string {
  const long = flags.split(/[ ,]+/).find((f) => f.startsWith("--"))!.slice(2);
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Commander's parsed options → the config shape (only the flags that were given). */
export function flagsToConfig(opts: Record<string, unknown>): Partial<ConfigInput> {
  const out: Record<string, unknown> = {};
  for (const opt of STUDY_OPTIONS) {
    const name = camel(opt.flags);
    const raw = opts[name];
    if (raw === undefined) continue;
    const flag = opt.flags.split(" ")[0];
    const value = opt.parse && typeof raw === "string" ? opt.parse(raw, flag) : raw;
    let target = out;
    for (const k of opt.key.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
    target[opt.key[opt.key.length - 1]] = value;
  }
  return out as Partial<ConfigInput>;
}

export interface CommonFlags {
  config?: string;
  force: boolean;
  json: boolean;
  quiet: boolean;
  color: boolean;
  debug: boolean;
}

export function commonFlags(opts: Record<string, unknown>): CommonFlags {
  return {
    config: opts.config as string | undefined,
    force: Boolean(opts.force),
    json: Boolean(opts.json),
    quiet: Boolean(opts.quiet),
    color: opts.color !== false,
    debug: Boolean(opts.debug),
  };
}
