import { join } from "node:path";
import { writeFileAtomic } from "../../io/atomic-write.js";
import type { WriteDecisionsResult } from "../../io/decision-workbook.js";
import type { RichRun } from "../../io/workbook.js";
import { currentSample } from "../../second-rater/blinded.js";
import { readRaterWorkbook, writeBlindedWorkbook, writeSampleCsv } from "../../second-rater/files.js";
import { drawSample, samplingRecord, type Sampling } from "../../second-rater/plan.js";
import { DEFAULT_BOOTSTRAP } from "../../stats/agreement/summarise.js";
import { routeAgreement, type RouteAgreement } from "./agreement.js";
import type { RouteDecision } from "./routes.js";
import type { Topic } from "../../config/topic.js";
import type { CompiledCategories } from "./types.js";
import { secondRaterSheet } from "./workbooks.js";

export type { Sampling };

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
  const sample = drawSample(ids, sampling);
  writeSampleCsv(join(dir, "sample.csv"), sample, (id) => rows(id).group);
  const path = join(dir, "second-rater.xlsx");
  const change = await writeBlindedWorkbook(path, secondRaterSheet(scheme, { ...sampling, n: sample.length }, topic), sample, (id) => {
    const r = rows(id);
    return { group: r.group, mentions: r.mentions };
  }, opts);
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
  const read = await readRaterWorkbook(join(dir, "second-rater.xlsx"), secondRaterSheet(scheme, { ...sampling, n: 0 }), { rerun: "identify" });
  if (!read) return undefined;
  const sample = currentSample(read);
  const agreement = routeAgreement(sample, rater1, read.decisions, scheme.serviceCategory, { bootstrap: { resamples: DEFAULT_BOOTSTRAP.resamples, seed: sampling.seed } });
  if (!agreement) return undefined;
  const out = { ...samplingRecord(sampling, sample.length), ...agreement.route, route_and_service: agreement.route_and_service };
  writeFileAtomic(join(dir, "agreement.json"), `${JSON.stringify(out, null, 2)}\n`);
  return { agreement, compared: agreement.route.items_compared, sampled: sample.length };
}
