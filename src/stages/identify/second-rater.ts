import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { readablePath } from "../../io/write-set.js";
import { decisionProblemsError, readDecisionWorkbook, writeDecisionWorkbook, type WriteDecisionsResult } from "../../io/decision-workbook.js";
import type { RichRun } from "../../io/workbook.js";
import { writeCsv } from "../../io/write-csv.js";
import { drawSample } from "../sample/draw-sample.js";
import { DEFAULT_BOOTSTRAP } from "../../stats/agreement/summarise.js";
import { routeAgreement, type RouteAgreement } from "./agreement.js";
import type { RouteDecision } from "./routes.js";
import type { Topic } from "../../config/topic.js";
import type { CompiledCategories } from "./types.js";
import { secondRaterSheet } from "./workbooks.js";

export interface Sampling {
  seed: number;
  first: number;
  fraction: number;
}

/**
 * Draw the second-rater sample of eligible patients (the first N in patient id order plus a seeded
 * fraction of the rest) and write `sample.csv` and the blinded `second-rater.xlsx`, keeping any
 * decisions rater 2 already made.
 */
export async function writeSecondRater(
  dir: string,
  ids: readonly string[],
  rows: (id: string) => { group: string; mentions: RichRun[] },
  scheme: CompiledCategories,
  sampling: Sampling,
  opts: { force: boolean; now: () => Date },
  topic?: Topic,
): Promise<{ sampled: number; change: WriteDecisionsResult; path: string }> {
  const sample = drawSample(ids, sampling.first, sampling.fraction, sampling.seed);
  writeCsv(join(dir, "sample.csv"), ["patient_id", "why", "group"], sample.map((s) => [s.id, s.why, rows(s.id).group]));
  const path = join(dir, "second-rater.xlsx");
  const change = await writeDecisionWorkbook(
    path,
    secondRaterSheet(scheme, { ...sampling, n: sample.length }, topic),
    sample.map((s) => {
      const r = rows(s.id);
      return { id: s.id, evidence: { group: r.group, why_sampled: s.why, mentions: r.mentions } };
    }),
    { ...opts, statusColumn: "why_sampled", droppedStatus: "no longer sampled" },
  );
  return { sampled: sample.length, change, path };
}

/**
 * When rater 2's workbook exists, compare its decisions with rater 1's on the sampled patients and write
 * `agreement.json` (with the sampling settings, so anyone can redraw the sample). Undefined when there
 * is no workbook yet or no patient both raters decided.
 */
export async function compareRaters(
  dir: string,
  scheme: CompiledCategories,
  rater1: ReadonlyMap<string, RouteDecision>,
  sampling: Sampling,
): Promise<{ agreement: RouteAgreement; compared: number; sampled: number } | undefined> {
  const path = join(dir, "second-rater.xlsx");
  if (!existsSync(readablePath(path))) return undefined;
  const read = await readDecisionWorkbook(path, secondRaterSheet(scheme, { ...sampling, n: 0 }));
  if (read.problems.length > 0) throw decisionProblemsError(read.problems, "fix the workbook, save, and run notes-analyse identify again");
  const sample = read.ids.filter((id) => read.evidence.get(id)?.why_sampled !== "no longer sampled");
  const agreement = routeAgreement(sample, rater1, read.decisions, scheme.serviceCategory, { bootstrap: { resamples: DEFAULT_BOOTSTRAP.resamples, seed: sampling.seed } });
  if (!agreement) return undefined;
  const out = { seed: sampling.seed, first: sampling.first, fraction: sampling.fraction, sampled: sample.length, ...agreement.route, route_and_service: agreement.route_and_service };
  writeFileAtomic(join(dir, "agreement.json"), `${JSON.stringify(out, null, 2)}\n`);
  return { agreement, compared: agreement.route.items_compared, sampled: sample.length };
}
