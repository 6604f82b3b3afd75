import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { EXIT, UserError } from "../../core/errors.js";
import { DEFAULT_CONFIG_FILE, loadConfig, type ResolvedConfig } from "../../config/load.js";
import { artefactPath } from "../../io/artefacts.js";
import { findNoteFiles } from "../../io/read-notes.js";
import { demoRaters, DEMO_DIR } from "../../pipeline/demo.js";
import { HashCache } from "../../pipeline/fingerprint.js";
import { planRun } from "../../pipeline/plan.js";
import { optionsFor, pickStages, readRunState, runStages, stageFacts } from "../../pipeline/run-stages.js";
import { stageNames } from "../../pipeline/stages.js";
import { readStudySummary, summaryLines } from "../../pipeline/study-summary.js";
import { notesPatterns } from "../../pipeline/study.js";
import { writeManifest } from "../../pipeline/write-manifest.js";
import { flagsToConfig } from "../options.js";
import { stageContext } from "../stage-command.js";

/** The demo study: the bundled synthetic extract and its settings, output into ./notes-analyse-demo. */
function demoConfig(ctx: CommandContext, opts: Record<string, unknown>): ResolvedConfig {
  if (!existsSync(join(DEMO_DIR, "notes.csv"))) throw new UserError(`${DEMO_DIR}: the bundled demo extract is missing from this installation`);
  const flags = flagsToConfig(opts);
  const config = loadConfig(DEMO_DIR, { ...flags, out: undefined }, join(DEMO_DIR, "notes-analyse.config.json"));
  return { ...config, out: resolve(ctx.cwd, (opts.out as string | undefined) ?? "notes-analyse-demo") };
}

/** The study's settings; in a folder that is not a study yet, say how to make one. */
function studyConfig(ctx: CommandContext): ResolvedConfig {
  const config = ctx.config();
  if (!config.configFile && (!config.notes || config.notes.length === 0)) {
    throw new UserError(
      `no ${DEFAULT_CONFIG_FILE} in ${ctx.cwd}: start a study with notes-analyse init (a starter for your own topic) or notes-analyse init --preset south-london-2015, then run from its folder; or give --config FILE, or --notes and --preset; notes-analyse run --demo shows a whole study`,
    );
  }
  return config;
}

async function run(ctx: CommandContext, _args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const demo = Boolean(opts.demo);
  const accept = Boolean(opts.acceptSuggestions);
  const config = demo ? demoConfig(ctx, opts) : studyConfig(ctx);
  const stages = pickStages(opts.from as string | undefined, opts.to as string | undefined);
  const out = config.out;
  const state = readRunState(out);
  const noteFiles = config.source === "omop" ? [] : (await findNoteFiles(notesPatterns(config), ctx.cwd, config.patients)).map((f) => f.path);
  const hashes = new HashCache();

  if (opts.dryRun) {
    const plan = await planRun(await Promise.all(stages.map((s) => stageFacts(s, { config, noteFiles, state, hashes }))), out, accept, demo);
    for (const p of plan) ctx.log.info(`  ${p.stage.padEnd(10)} ${p.action.padEnd(12)} ${p.why}`);
    return { summary: { dry_run: true, out, plan } };
  }

  const { plan, pending } = await runStages({
    stages,
    ctx: { ...stageContext(ctx), config: () => config },
    config,
    noteFiles,
    state,
    hashes,
    commandLine: ["notes-analyse", ...ctx.argv.slice(2)].join(" "),
    acceptSuggestions: accept,
    options: (stage) => optionsFor(stage, opts),
    ...(demo ? { hook: demoRaters(out, ctx.log) } : {}),
  });
  if (pending) {
    for (const line of pending.message.split("\n")) ctx.log.error(line);
    const resume = `notes-analyse run${ctx.flags.config ? ` --config ${ctx.flags.config}` : ""}`;
    ctx.log.error(`run stopped at ${pending.stage}: when the workbook is filled in, continue with: ${resume}`);
    return { exitCode: EXIT.pending, summary: { out, plan, stopped_at: pending.stage, pending: pending.message.split("\n"), continue_with: resume, study: readStudySummary(out), report: null, manifest: null } };
  }
  let manifest: string | undefined;
  if (stages.some((s) => s.name === "report") && existsSync(artefactPath(out, "reportHtml"))) {
    manifest = await writeManifest(config, out, noteFiles, readRunState(out).command_lines, hashes, demo ? join(DEMO_DIR, "raters") : undefined);
  }
  const study = readStudySummary(out);
  for (const line of summaryLines(study)) ctx.log.info(`  ${line}`);
  if (manifest) ctx.log.info(`run: report at ${artefactPath(out, "reportHtml")} (manifest: ${manifest})`);
  return { summary: { out, plan, study, report: manifest ? artefactPath(out, "reportHtml") : null, manifest: manifest ?? null } };
}

export const runCommand: CommandSpec = {
  name: "run",
  summary: "every stage in order, stopping at a human step (exit 3)",
  studyOptions: true,
  locks: (ctx, _args, opts) => (opts.demo ? resolve(ctx.cwd, (opts.out as string | undefined) ?? "notes-analyse-demo") : ctx.config().out),
  configure: (cmd) =>
    cmd
      .option("--demo", "run the whole pipeline on the bundled synthetic extract with its synthetic rater decisions (into ./notes-analyse-demo)")
      .option("--from <stage>", `start at this stage (${stageNames().join(", ")})`)
      .option("--to <stage>", "stop after this stage")
      .option("--dry-run", "print the plan: which stages would run, be skipped, or stop for a person, without running any")
      .option("--accept-suggestions", "do not stop for the identification and coding workbooks to be confirmed: carry on with the suggestions (the report then says DRAFT)"),
  run,
};
