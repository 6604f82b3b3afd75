import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { UserError } from "../../core/errors.js";
import { CODE_DIR } from "../../core/paths.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { checkPreset, presetFile, PRESET_FILES, type PresetFile } from "../../config/presets.js";
import { DEFAULT_CONFIG_FILE } from "../../config/load.js";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";

/** The starter rule files for a study on a new topic, bundled beside the presets (src/ and dist/ alike). */
const STARTER_DIR = join(CODE_DIR, "starter");

function starterReadme(files: string[]): string {
  return `# Study folder: your own topic

Made by \`notes-analyse init\`. The rule files are a **starter**: they use domestic abuse as an EXAMPLE
topic so that they run as they are. Replace the examples with your study's own; each file explains its
format in its first lines (\`#\` comments in terms.txt, the \`description\` of each JSON file, and a
\`note\` on each rule).

| file | what it is | what to change |
| --- | --- | --- |
| \`${DEFAULT_CONFIG_FILE}\` | the study settings | \`notes\`/\`patients\`: where the export is; \`columns\`: your export's column names; \`delimiter\`: \`auto\` finds comma, semicolon, tab or pipe; \`seed\` |
${files.map((f) => `| \`${f}\` | ${describe(f)} | ${change(f)} |`).join("\n")}

## Steps
1. Put the notes export (CSV, TSV, JSON Lines or a folder of .txt notes) and the patients file in
   \`export/\`, or point \`notes\` and \`patients\` in the config at them. Map your column names under
   \`columns\` (the same mapping serves the notes and the patients file), e.g.
   \`"columns": {"patient_id": "BrcId", "note_id": "CN_Doc_ID", "date": "ViewDate", "text": "Attachment_Text", "age_at_first_contact": "Age"}\`.
2. Write your case-finding terms in \`terms.txt\`, then run \`notes-analyse search\` and open
   \`notes-analyse-out/01-search/search.xlsx\`: the Terms sheet shows every term's hits (0 hits is often
   a typo).
3. Adapt \`context-rules.json\` (your exclusion reasons with their labels, and what makes a hit not
   about the patient: negation, another person, an exclusion sense), \`categories.json\` (how the team
   learned of it), \`codebook.json\` (your coding framework), \`topic.json\` (the words the workbooks and
   the report use for your topic) and \`table1.json\` (the patients file's columns Table 1 shows, their
   categories and the age bands). \`documents.json\` reads notes as letters, e-mails, forms and sections
   and tells who wrote each part; it serves any topic, but add your own trust's name and teams to its
   \`team\` lexicon. Every label a reader sees comes from these files.
4. Run \`notes-analyse run\`. It stops (exit 3) at each workbook a person must fill in (screening, the
   second rater, identification, coding) and says which file to open and how to carry on.

Note text stays on this machine: nothing is sent anywhere, and messages never print it.
`;
}

function change(file: string): string {
  if (file === PRESET_FILES.terms) return "your topic's words, abbreviations and misspellings; theme groups for your themes";
  if (file === PRESET_FILES.contextRules) return "reasons: your exclusion reasons with their labels; senses: other meanings of your terms that make a patient ineligible; triggers as your notes word them";
  if (file === PRESET_FILES.categories) return "your categories and services, the procedure's steps, and the cues in the notes that point to each";
  if (file === PRESET_FILES.documents) return "your trust's own name and teams in the team lexicon, so its letters read as the team's";
  if (file === PRESET_FILES.topic) return "the words the workbooks and the report use for your topic (the report's title, the routes table's heading)";
  if (file === PRESET_FILES.table1) return "your patients file's columns, their categories and order, the age bands";
  return "your themes and codes, with patterns that suggest them";
}

function studyReadme(preset: string, files: string[]): string {
  return `# Study folder

Made by \`notes-analyse init --preset ${preset}\`. Everything here is yours to edit.

| file | what it is |
| --- | --- |
| \`${DEFAULT_CONFIG_FILE}\` | the study settings: where the notes export is, its columns, the seed, the output folder |
${files.map((f) => `| \`${f}\` | ${describe(f)} |`).join("\n")}

## Next steps
1. Put the notes export and the patients file in \`export/\` (or change \`notes\` and \`patients\` in the config).
   If your export names its columns differently (CRIS: \`BrcId\`, \`CN_Doc_ID\`, \`ViewDate\`, …), map them
   under \`columns\` in the config.
2. Read \`terms.txt\`: the case-finding terms decide which patients are returned.
3. Run the pipeline from this folder: \`notes-analyse run\`. It stops at each workbook a person must fill in
   and says which file to open and how to carry on.

Note text stays on this machine: nothing is sent anywhere, and messages never print it.
`;
}

function describe(file: string): string {
  if (file === PRESET_FILES.terms) return "search terms: the [case] group decides who is returned, other groups pull out theme passages";
  if (file === PRESET_FILES.contextRules) return "screening rules: exclusion reasons, negation, hypothetical, other person, exclusion senses";
  if (file === PRESET_FILES.categories) return "identification route categories and the procedure and rules that suggest them";
  if (file === PRESET_FILES.documents) return "how notes read as documents: letters, e-mails, forms, section headings, who wrote each part";
  if (file === PRESET_FILES.topic) return "the study's words for its topic in the workbooks, the report and the messages";
  if (file === PRESET_FILES.table1) return "Table 1: which patient attributes, their categories, labels and order, the age bands, the mean age";
  return "the coding framework: themes, codes and their auto-tag patterns";
}

const CONFIG_KEY: Record<PresetFile, string> = { terms: "terms", contextRules: "contextRules", categories: "categories", documents: "documents", codebook: "codebook", topic: "topic", table1: "table1" };

async function run(ctx: CommandContext, args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const dir = resolve(ctx.cwd, args[0] ?? ".");
  const preset = opts.preset as string | undefined;
  if (preset !== undefined) checkPreset(preset, "command line");
  const configPath = join(dir, DEFAULT_CONFIG_FILE);
  if (existsSync(configPath) && !ctx.flags.force) {
    throw new UserError(`${configPath}: a study config already exists here (use --force to replace the scaffold files)`);
  }
  mkdirSync(join(dir, "export"), { recursive: true });
  const copied: string[] = [];
  const config: Record<string, unknown> = {
    notes: ["export/*.csv"],
    patients: "export/patients.csv",
    encoding: "auto",
    delimiter: "auto",
    columns: { patient_id: "patient_id", note_id: "note_id", date: "date", text: "text" },
    ...(preset ? { preset } : {}),
  };
  // --force replaces the scaffold, but a file someone edited is backed up first, as the help promises.
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const backups: string[] = [];
  const write = (path: string, data: string | Buffer) => {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    if (existsSync(path)) {
      const old = readFileSync(path);
      if (old.equals(bytes)) return;
      const ext = extname(path);
      const backup = `${path.slice(0, path.length - ext.length)}.backup-${stamp}${ext}`;
      writeFileAtomic(backup, old);
      backups.push(basename(backup));
    }
    writeFileAtomic(path, bytes);
  };
  for (const key of Object.keys(PRESET_FILES) as PresetFile[]) {
    const from = preset ? presetFile(preset, key) : join(STARTER_DIR, PRESET_FILES[key]);
    if (!from) continue;
    write(join(dir, PRESET_FILES[key]), readFileSync(from));
    copied.push(PRESET_FILES[key]);
    config[CONFIG_KEY[key]] = PRESET_FILES[key];
  }
  Object.assign(config, { out: "notes-analyse-out", seed: 2015, sampling: { first: 10, fraction: 0.1 }, childAgeCutoff: 18 });
  write(configPath, `${JSON.stringify(config, null, 2)}\n`);
  write(join(dir, "README.md"), preset ? studyReadme(preset, copied) : starterReadme(copied));
  ctx.log.info(`init: wrote ${DEFAULT_CONFIG_FILE}, ${copied.join(", ")} and README.md in ${dir}${preset ? ` (preset ${preset})` : " (a starter for your own topic: see README.md)"}`);
  if (backups.length) ctx.log.info(`init: the files it replaced were backed up first: ${backups.join(", ")}`);
  ctx.log.info(`init: next, put the export in ${join(dir, "export")} and run notes-analyse run from ${dir}`);
  return { summary: { dir, preset: preset ?? null, files: [DEFAULT_CONFIG_FILE, ...copied, "README.md"], backups } };
}

export const initCommand: CommandSpec = {
  name: "init",
  args: "[dir]",
  summary: "scaffold a study folder: a commented starter for your own topic, or --preset NAME (config, terms, rules, codebook, README)",
  studyOptions: true,
  uses: ["preset"],
  ignores: ["--config"],
  run,
};
