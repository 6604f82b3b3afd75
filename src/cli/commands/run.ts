import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { EXIT, PendingHumanStep, UserError } from "../../core/errors.js";
import { DEFAULT_CONFIG_FILE, loadConfig, type ResolvedConfig } from "../../config/load.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { readablePath, withOwnWriteSet } from "../../io/write-set.js";
import { findNoteFiles } from "../../io/read-notes.js";
import { CONFIRMATIONS, confirmationState, isConfirmed, pendingMessage } from "../../pipeline/confirm.js";
import { applyDemoDecisions, DEMO_DIR, DEMO_FILLS } from "../../pipeline/demo.js";
import { HashCache, stageFingerprint } from "../../pipeline/fingerprint.js";
import { planRun } from "../../pipeline/plan.js";
import { writeManifest } from "../../pipeline/write-manifest.js";
import { STAGES, stageNames, type StageDef } from "../../pipeline/stages.js";
import { readStudySummary, summaryLines } from "../../pipeline/study-summary.js";
import { flagsToConfig } from "../options.js";
import { VERSION } from "../version.js";
import { notesPatterns } from "../study.js";
import { NOTES_SOURCE_FILE, readNotesSource, sourceChange } from "../../io/returned-notes/source.js";

import { ARTEFACTS, artefactPath, readOwnJson } from "../../io/artefacts.js";

const STATE_FILE = ARTEFACTS.runState.path;

interface RunState {
  fingerprints: Record<string, string>;
  command_lines: string[];
}

function readState(out: string): RunState {
  const p = readablePath(join(out, STATE_FILE));
  if (!existsSync(p)) return { fingerprints: {}, command_lines: [] };
  // A corrupt record is an error: taken as empty, every stage would silently run again.
  const s = readOwnJson(p, "notes-analyse run's record of the last run: delete it to run every stage again") as Partial<RunState> | null;
  if (!s || typeof s !== "object") throw new UserError(`${p}: not a record of the last run (delete it to run every stage again)`);
  return { fingerprints: s.fingerprints ?? {}, command_lines: s.command_lines ?? [] };
}

function pickStages(from?: string, to?: string): StageDef[] {
  const names = stageNames();
  for (const [flag, v] of [["--from", from], ["--to", to]] as const) {
    if (v !== undefined && !names.includes(v)) throw new UserError(`command line › ${flag}: unknown stage "${v}" (expected one of ${names.join(", ")})`);
  }
  const a = from ? names.indexOf(from) : 0;
  const b = to ? names.indexOf(to) : names.length - 1;
  if (a > b) throw new UserError(`command line › --from ${from} comes after --to ${to}`);
  return STAGES.slice(a, b + 1);
}

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

/** Where `run` stopped for a person: the stage, the message, and how to carry on. */
interface Pending {
  stage: string;
  message: string;
}

async function run(ctx: CommandContext, _args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const demo = Boolean(opts.demo);
  const accept = Boolean(opts.acceptSuggestions);
  const config = demo ? demoConfig(ctx, opts) : studyConfig(ctx);
  const stageCtx: CommandContext = { ...ctx, config: () => config };
  const stages = pickStages(opts.from as string | undefined, opts.to as string | undefined);
  const out = config.out;
  const state = readState(out);
  const noteFiles = config.source === "omop" ? [] : (await findNoteFiles(notesPatterns(config), ctx.cwd, config.patients)).map((f) => f.path);
  const hashes = new HashCache();

  const facts = async (stage: StageDef) => {
    const missing = stage.requires.filter((r) => !existsSync(join(out, r)));
    const fp = missing.length ? "" : await stageFingerprint(stage, config, out, noteFiles, VERSION, hashes);
    const fresh = !missing.length && state.fingerprints[stage.name] === fp && stage.produces.every((p) => existsSync(join(out, p))) && sourceAsRead(stage, out, noteFiles);
    return { stage, fresh, missing };
  };

  if (opts.dryRun) {
    const plan = await planRun(await Promise.all(stages.map(facts)), out, accept, demo);
    for (const p of plan) ctx.log.info(`  ${p.stage.padEnd(10)} ${p.action.padEnd(12)} ${p.why}`);
    return { summary: { dry_run: true, out, plan } };
  }

  const plan: { stage: string; action: string }[] = [];
  let pending: Pending | undefined;
  for (const [i, stage] of stages.entries()) {
    const { fresh, missing } = await facts(stage);
    if (missing.length) {
      throw new UserError(`run: stage ${stage.name} needs ${missing.map((m) => join(out, m)).join(", ")}, which an earlier stage writes (run without --from, or run that stage first)`);
    }
    if (fresh) {
      ctx.log.info(`run: ${stage.name} — inputs unchanged since the last run, skipped`);
      plan.push({ stage: stage.name, action: "skipped" });
    } else {
      ctx.log.info(`run: ${stage.name}`);
      try {
        await runStage(stage, stageCtx, demo, out);
      } catch (err) {
        if (!(err instanceof PendingHumanStep)) throw err;
        plan.push({ stage: stage.name, action: "stopped" });
        pending = { stage: stage.name, message: err.message };
        break;
      }
      state.fingerprints[stage.name] = await stageFingerprint(stage, config, out, noteFiles, VERSION, hashes);
      plan.push({ stage: stage.name, action: "ran" });
      saveState(out, state, ctx.argv);
    }
    // A stage whose suggestions a rater must confirm holds back the stages after it.
    const gate = CONFIRMATIONS.find((c) => c.stage === stage.name);
    const gateState = gate && i < stages.length - 1 ? confirmationState(out, gate) : undefined;
    if (gateState && !isConfirmed(gateState)) {
      if (accept) {
        ctx.log.warn(`run: --accept-suggestions: carrying on with ${gateState.total - gateState.confirmed} of ${gateState.total} ${gateState.rows} unconfirmed; the report will say DRAFT`);
      } else {
        pending = {
          stage: stage.name,
          message: `${pendingMessage(out, gateState)}\nfill them in and save (or run --accept-suggestions to carry on with the suggestions; the report is then a DRAFT)`,
        };
        break;
      }
    }
  }
  saveState(out, state, ctx.argv);
  if (pending) {
    for (const line of pending.message.split("\n")) ctx.log.error(line);
    const resume = `notes-analyse run${ctx.flags.config ? ` --config ${ctx.flags.config}` : ""}`;
    ctx.log.error(`run stopped at ${pending.stage}: when the workbook is filled in, continue with: ${resume}`);
    return { exitCode: EXIT.pending, summary: { out, plan, stopped_at: pending.stage, pending: pending.message.split("\n"), continue_with: resume, study: readStudySummary(out), report: null, manifest: null } };
  }
  let manifest: string | undefined;
  if (stages.some((s) => s.name === "report") && existsSync(artefactPath(out, "reportHtml"))) {
    manifest = await writeManifest(config, out, noteFiles, readState(out).command_lines, hashes, demo ? join(DEMO_DIR, "raters") : undefined);
  }
  const study = readStudySummary(out);
  for (const line of summaryLines(study)) ctx.log.info(`  ${line}`);
  if (manifest) ctx.log.info(`run: report at ${artefactPath(out, "reportHtml")} (manifest: ${manifest})`);
  return { summary: { out, plan, study, report: manifest ? artefactPath(out, "reportHtml") : null, manifest: manifest ?? null } };
}

/**
 * For the stage that records the export as it read it (search): whether the export is still as
 * recorded. Touched but unchanged in content, the search's fingerprint is the same, yet the later
 * stages would refuse its notes; searching again records the export anew.
 */
function sourceAsRead(stage: StageDef, out: string, noteFiles: readonly string[]): boolean {
  const rel = stage.produces.find((p) => p.endsWith(`/${NOTES_SOURCE_FILE}`));
  if (!rel) return true;
  try {
    const source = readNotesSource(join(out, rel));
    // A database has no cheap way to tell it is unchanged: its search always runs again.
    return source.kind === "files" && sourceChange(source, noteFiles) === undefined;
  } catch {
    return false;
  }
}

/** Run one stage; in the demo, a pending human step is answered from the bundled synthetic raters. */
async function runStage(stage: StageDef, ctx: CommandContext, demo: boolean, out: string): Promise<void> {
  if (!stage.command.run) throw new UserError(`${stage.command.name} is not built yet`);
  for (let attempt = 0; ; attempt++) {
    try {
      // Each stage's files land before the next stage reads them.
      await withOwnWriteSet(() => stage.command.run!(ctx, [], {}));
      // Workbooks that only confirm suggestions do not stop a stage: in the demo the synthetic raters fill
      // them afterwards and the stage reads them back. A stage whose workbooks are all filled gets nothing.
      if (demo && attempt === 0 && DEMO_FILLS[stage.name] && (await withOwnWriteSet(() => applyDemoDecisions(stage.name, out))) > 0) continue;
      return;
    } catch (err) {
      if (!(err instanceof PendingHumanStep)) throw err;
      if (demo && attempt < 4 && (await withOwnWriteSet(() => applyDemoDecisions(stage.name, out))) > 0) {
        ctx.log.info(`run: ${stage.name} — filled the pending workbook(s) from the demo's synthetic raters`);
        continue;
      }
      throw err;
    }
  }
}

function saveState(out: string, state: RunState, argv: string[]): void {
  const line = ["notes-analyse", ...argv.slice(2)].join(" ");
  if (!state.command_lines.includes(line)) state.command_lines.push(line);
  writeFileAtomic(join(out, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
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
