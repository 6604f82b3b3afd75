import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { artefactPath } from "../../src/io/artefacts.js";
import type { Outputs } from "./figures.js";
import { suggestedPatientThemes, type Row } from "./stages.js";

/** The stages an evaluation runs, in order; identify and code read the labelled eligible list. */
export const STAGES = ["search", "screen", "identify", "code"] as const;

/**
 * Run the built CLI (`bin/notes-analyse.js`, so `npm run build` first) over a study config into
 * `out`: search, screen, then identify and code on the given eligible list. Throws naming the stage
 * and its exit code; the tool's own messages never hold note text.
 */
export function runStages(root: string, config: string, eligible: string, out: string): void {
  for (const stage of STAGES) {
    const args = [join(root, "bin", "notes-analyse.js"), stage, "--config", config, "--out", out, "--quiet", "--no-color"];
    if (stage === "identify" || stage === "code") args.push("--eligible", eligible);
    const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    if (r.status !== 0) throw new Error(`${stage} exited with ${r.status}: ${(r.stderr || "").trim().split("\n").pop() ?? ""}`);
  }
}

function rows(path: string): Row[] | undefined {
  return existsSync(path) ? (parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Row[]) : undefined;
}

/** The output files the evaluation scores, read from a study output folder (absent files stay undefined). */
export function readOutputs(out: string): Outputs {
  const extracts = rows(artefactPath(out, "extracts"));
  return {
    returned: rows(artefactPath(out, "returnedPatients")),
    suggestions: rows(artefactPath(out, "suggestions")),
    routes: rows(artefactPath(out, "routes")),
    patientThemes: extracts && suggestedPatientThemes(extracts),
  };
}
