import { existsSync } from "node:fs";
import { join } from "node:path";
import { PendingHumanStep, UserError } from "../core/errors.js";
import type { ResolvedConfig } from "../config/load.js";
import { ARTEFACTS, readOwnJson } from "../io/artefacts.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readNotesSource, sourceChange, NOTES_SOURCE_FILE } from "../io/returned-notes/source.js";
import { readablePath, withOwnWriteSet } from "../io/write-set.js";
import { VERSION } from "../core/version.js";
import { CONFIRMATIONS, confirmationState, isConfirmed, pendingMessage } from "./confirm.js";
import { HashCache, stageFingerprint } from "./fingerprint.js";
import type { StageFacts } from "./plan.js";
import { optionKey, type Stage, type StageContext } from "./stage.js";
import { STAGES, stageNames } from "./stages.js";

/** What `run` remembers between runs: each stage's fingerprint when it last ran, and the command lines. */
export interface RunState {
  fingerprints: Record<string, string>;
  command_lines: string[];
}

/** The run state of an output folder; none yet is an empty one, a corrupt one an error. */
export function readRunState(out: string): RunState {
  const p = readablePath(join(out, ARTEFACTS.runState.path));
  if (!existsSync(p)) return { fingerprints: {}, command_lines: [] };
  // A corrupt record is an error: taken as empty, every stage would silently run again.
  const s = readOwnJson(p, "notes-analyse run's record of the last run: delete it to run every stage again") as Partial<RunState> | null;
  if (!s || typeof s !== "object") throw new UserError(`${p}: not a record of the last run (delete it to run every stage again)`);
  return { fingerprints: s.fingerprints ?? {}, command_lines: s.command_lines ?? [] };
}

/** Save the run state, adding the command line when it is new. */
export function saveRunState(out: string, state: RunState, commandLine: string): void {
  if (!state.command_lines.includes(commandLine)) state.command_lines.push(commandLine);
  writeFileAtomic(join(out, ARTEFACTS.runState.path), `${JSON.stringify(state, null, 2)}\n`);
}

/** The stages from `from` to `to` (both named by `--from`/`--to`), or a clear error. */
export function pickStages(from?: string, to?: string): Stage[] {
  const names = stageNames();
  for (const [flag, v] of [["--from", from], ["--to", to]] as const) {
    if (v !== undefined && !names.includes(v)) throw new UserError(`command line › ${flag}: unknown stage "${v}" (expected one of ${names.join(", ")})`);
  }
  const a = from ? names.indexOf(from) : 0;
  const b = to ? names.indexOf(to) : names.length - 1;
  if (a > b) throw new UserError(`command line › --from ${from} comes after --to ${to}`);
  return STAGES.slice(a, b + 1);
}

/** A stage's own options out of a command line's options (those it declares and that are given). */
export function optionsFor(stage: Stage, given: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(stage.options.map(optionKey).filter((k) => given[k] !== undefined).map((k) => [k, given[k]]));
}

/**
 * Called after each attempt at a stage (`pending`: it stopped for a person); true runs the stage again.
 * The demo answers with its synthetic raters; a study has none.
 */
export type StageHook = (stage: string, attempt: number, pending: boolean) => Promise<boolean>;

/** Where a run stopped for a person: the stage, and the message saying what to fill in. */
export interface Pending {
  stage: string;
  message: string;
}

/** What `run` needs to chain the stages over one output folder. */
export interface RunInput {
  stages: readonly Stage[];
  ctx: StageContext;
  config: ResolvedConfig;
  /** The notes files, hashed into search's fingerprint. */
  noteFiles: readonly string[];
  state: RunState;
  hashes: HashCache;
  /** The command line, recorded in the run state. */
  commandLine: string;
  /** Carry on past unconfirmed identification and coding workbooks. */
  acceptSuggestions: boolean;
  /** Each stage's own options. */
  options(stage: Stage): Record<string, unknown>;
  hook?: StageHook;
}

/** Whether each stage is unchanged since its last run, and which of its required files are missing. */
export async function stageFacts(stage: Stage, input: Pick<RunInput, "config" | "noteFiles" | "state" | "hashes">): Promise<StageFacts> {
  const { config, noteFiles, state, hashes } = input;
  const out = config.out;
  const missing = stage.requires.filter((r) => !existsSync(join(out, r)));
  const fp = missing.length ? "" : await stageFingerprint(stage, config, out, noteFiles, VERSION, hashes);
  const fresh = !missing.length && state.fingerprints[stage.name] === fp && stage.produces.every((p) => existsSync(join(out, p))) && sourceAsRead(stage, out, noteFiles);
  return { stage, fresh, missing };
}

/**
 * Run the stages in order, skipping those unchanged since their last run, stopping where a person
 * must fill in a workbook (or confirm the suggestions of one, unless `acceptSuggestions`). Saves the
 * run state after each stage that ran.
 */
export async function runStages(input: RunInput): Promise<{ plan: { stage: string; action: string }[]; pending?: Pending }> {
  const { stages, ctx, config, noteFiles, state, hashes, commandLine } = input;
  const out = config.out;
  const plan: { stage: string; action: string }[] = [];
  let pending: Pending | undefined;
  for (const [i, stage] of stages.entries()) {
    const { fresh, missing } = await stageFacts(stage, input);
    if (missing.length) {
      throw new UserError(`run: stage ${stage.name} needs ${missing.map((m) => join(out, m)).join(", ")}, which an earlier stage writes (run without --from, or run that stage first)`);
    }
    if (fresh) {
      ctx.log.info(`run: ${stage.name} — inputs unchanged since the last run, skipped`);
      plan.push({ stage: stage.name, action: "skipped" });
    } else {
      ctx.log.info(`run: ${stage.name}`);
      try {
        await runStage(stage, ctx, input.options(stage), input.hook);
      } catch (err) {
        if (!(err instanceof PendingHumanStep)) throw err;
        plan.push({ stage: stage.name, action: "stopped" });
        pending = { stage: stage.name, message: err.message };
        break;
      }
      state.fingerprints[stage.name] = await stageFingerprint(stage, config, out, noteFiles, VERSION, hashes);
      plan.push({ stage: stage.name, action: "ran" });
      saveRunState(out, state, commandLine);
    }
    // A stage whose suggestions a rater must confirm holds back the stages after it.
    const gate = CONFIRMATIONS.find((c) => c.stage === stage.name);
    const gateState = gate && i < stages.length - 1 ? confirmationState(out, gate) : undefined;
    if (gateState && !isConfirmed(gateState)) {
      if (input.acceptSuggestions) {
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
  saveRunState(out, state, commandLine);
  return { plan, pending };
}

/**
 * For the stage that records the export as it read it (search): whether the export is still as
 * recorded. Touched but unchanged in content, the search's fingerprint is the same, yet the later
 * stages would refuse its notes; searching again records the export anew.
 */
function sourceAsRead(stage: Stage, out: string, noteFiles: readonly string[]): boolean {
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

/** Run one stage, each attempt's files landing before the next stage reads them; the hook may ask for another attempt. */
async function runStage(stage: Stage, ctx: StageContext, options: Record<string, unknown>, hook?: StageHook): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await withOwnWriteSet(() => stage.run(ctx, options));
      if (hook && (await hook(stage.name, attempt, false))) continue;
      return;
    } catch (err) {
      if (!(err instanceof PendingHumanStep)) throw err;
      if (hook && (await hook(stage.name, attempt, true))) continue;
      throw err;
    }
  }
}
