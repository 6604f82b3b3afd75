import { existsSync } from "node:fs";
import { join } from "node:path";
import { readDecisionWorkbook, type DecisionSheet } from "../io/decision-workbook.js";
import { screeningSheet, secondRaterSheet } from "../io/screening-workbooks.js";
import { CONFIRMATIONS, confirmationState, isConfirmed, pendingMessage } from "./confirm.js";
import type { Stage } from "./stage.js";

/** One stage of a dry run: what `run` would do with it, and why. */
export interface PlannedStage {
  stage: string;
  action: "run" | "skip" | "blocked" | "not reached";
  why: string;
}

/** What the plan knows of each stage: is it unchanged since its last run (fingerprint and outputs)? */
export interface StageFacts {
  stage: Stage;
  fresh: boolean;
  missing: string[];
}

/** Empty decision cells of one workbook column, or undefined when the workbook is not there. */
async function emptyCells(path: string, spec: DecisionSheet, column: string): Promise<{ empty: number; total: number } | undefined> {
  if (!existsSync(path)) return undefined;
  const read = await readDecisionWorkbook(path, spec);
  return { empty: read.ids.filter((id) => !(read.decisions.get(id)?.[column] ?? "").trim()).length, total: read.ids.length };
}

/** Why a stage that runs would then stop for a person, as far as the files show now; undefined if it would not. */
async function stopsAfter(stage: string, runs: boolean, out: string, acceptSuggestions: boolean, later: boolean): Promise<string | undefined> {
  if (stage === "consensus") {
    // A consensus that is skipped ran to the end last time, with every decision there.
    if (!runs) return undefined;
    const waits: string[] = [];
    for (const [file, spec, who] of [["02-screening/screening.xlsx", screeningSheet(), "rater 1"], ["02-screening/second-rater.xlsx", secondRaterSheet(), "rater 2"]] as const) {
      const cells = await emptyCells(join(out, file), spec, "decision");
      if (cells === undefined) waits.push(`${file} (${who}) is not written yet`);
      else if (cells.empty > 0) waits.push(`${file} (${who}): ${cells.empty} of ${cells.total} decisions empty`);
    }
    return waits.length ? `stops for the screening decisions: ${waits.join("; ")}` : undefined;
  }
  const conf = CONFIRMATIONS.find((c) => c.stage === stage);
  if (!conf || acceptSuggestions || !later) return undefined;
  const state = confirmationState(out, conf);
  if (!state) return `stops for ${conf.workbook} to be confirmed (it is written by this run)`;
  return isConfirmed(state) ? undefined : `stops: ${pendingMessage(out, state)}`;
}

/**
 * The plan of `run --dry-run`: which stages would run, which would be skipped as unchanged, where the
 * run would stop for a person, and what it would then not reach. A stage runs when its own inputs
 * changed or when an earlier stage of this run rewrites a file it reads; a stage whose input no earlier
 * stage writes is blocked. `demo`: the bundled synthetic raters answer every human step.
 */
export async function planRun(facts: readonly StageFacts[], out: string, acceptSuggestions: boolean, demo = false): Promise<PlannedStage[]> {
  const plan: PlannedStage[] = [];
  const rewritten = new Map<string, string>();
  let stopped = false;
  for (const [i, { stage, fresh, missing }] of facts.entries()) {
    if (stopped) {
      plan.push({ stage: stage.name, action: "not reached", why: "the run stops before it" });
      continue;
    }
    const unmet = missing.filter((m) => !rewritten.has(m));
    if (unmet.length > 0) {
      plan.push({ stage: stage.name, action: "blocked", why: `needs ${unmet.join(", ")}, which no earlier stage of this run writes` });
      stopped = true;
      continue;
    }
    const upstream = [...new Set([...stage.requires, ...stage.reads].filter((f) => rewritten.has(f)).map((f) => rewritten.get(f)!))];
    let action: PlannedStage["action"] = "run";
    const writers = [...new Set(missing.map((m) => rewritten.get(m)!))];
    const others = upstream.filter((u) => !writers.includes(u));
    const reasons = [
      ...(missing.length > 0 ? [`${missing.join(", ")} will be written by ${writers.join(", ")}`] : []),
      ...(others.length > 0 ? [`${others.join(", ")} ${others.length === 1 ? "rewrites" : "rewrite"} what it reads`] : []),
    ];
    let why = reasons.length > 0 ? reasons.join("; ") : fresh ? "inputs unchanged since the last run" : "inputs changed, or it has not run yet";
    if (fresh && upstream.length === 0) action = "skip";
    if (action === "run") for (const p of stage.produces) rewritten.set(p, stage.name);
    // The demo's synthetic raters fill every workbook as its stage writes it, so the demo never stops.
    const stop = demo ? undefined : await stopsAfter(stage.name, action === "run", out, acceptSuggestions, i < facts.length - 1);
    if (stop) {
      why += `; then ${stop} (exit 3)`;
      stopped = true;
    }
    plan.push({ stage: stage.name, action, why });
  }
  return plan;
}
