import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { UserError } from "../../core/errors.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { checkPreset, presetFile, PRESET_FILES, type PresetFile } from "../../config/presets.js";
import { DEFAULT_CONFIG_FILE } from "../../config/load.js";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";

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
  if (file === PRESET_FILES.contextRules) return "screening rules: negation, hypothetical, other person, exclusion senses";
  if (file === PRESET_FILES.categories) return "identification route categories and the rules that suggest them";
  return "the coding framework: themes, codes and their auto-tag patterns";
}

const CONFIG_KEY: Record<PresetFile, string> = { terms: "terms", contextRules: "contextRules", categories: "categories", codebook: "codebook" };

async function run(ctx: CommandContext, args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const dir = resolve(ctx.cwd, args[0] ?? ".");
  const preset = (opts.preset as string | undefined) ?? "south-london-2015";
  checkPreset(preset, "command line");
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
    columns: { patient_id: "patient_id", note_id: "note_id", date: "date", text: "text" },
    preset,
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
    const from = presetFile(preset, key);
    if (!from) continue;
    write(join(dir, PRESET_FILES[key]), readFileSync(from));
    copied.push(PRESET_FILES[key]);
    config[CONFIG_KEY[key]] = PRESET_FILES[key];
  }
  Object.assign(config, { out: "notes-analyse-out", seed: 2015, sampling: { first: 10, fraction: 0.1 }, childAgeCutoff: 18 });
  write(configPath, `${JSON.stringify(config, null, 2)}\n`);
  write(join(dir, "README.md"), studyReadme(preset, copied));
  ctx.log.info(`init: wrote ${DEFAULT_CONFIG_FILE}, ${copied.join(", ")} and README.md in ${dir}`);
  if (backups.length) ctx.log.info(`init: the files it replaced were backed up first: ${backups.join(", ")}`);
  return { summary: { dir, preset, files: [DEFAULT_CONFIG_FILE, ...copied, "README.md"], backups } };
}

export const initCommand: CommandSpec = {
  name: "init",
  args: "[dir]",
  summary: "scaffold a study folder (config, terms, rules, codebook, README)",
  studyOptions: true,
  run,
};
