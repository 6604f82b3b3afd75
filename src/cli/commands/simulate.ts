import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { wholeNumberFlag } from "../../pipeline/stage.js";
import { UserError } from "../../core/errors.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { writeCsv } from "../../io/write-csv.js";
import { readReturned } from "../../stages/screen/returned.js";
import { readPatientDocuments } from "../../learn/relevance/read-documents.js";
import { RANK_MINIMUM } from "../../learn/relevance/rank.js";
import { readLabelFiles, readStudyLabels } from "../../stages/simulate/read-labels.js";
import { recallCurveSvg } from "../../stages/simulate/recall-svg.js";
import { simulate, spread } from "../../stages/simulate/simulate.js";
import { simulationLines } from "../../stages/simulate/table.js";
import { stageDir } from "../../pipeline/study.js";

export const SIMULATION_DIR = "simulation";
export const SIMULATION_COLUMNS = ["seed", "records", "relevant", "start_decisions", "start_relevant", "wss_at_95", "recall_at_10", "recall_at_25", "stop_after", "stopped", "stop_screened", "stop_recall"];

async function run(ctx: CommandContext, _args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const config = ctx.config();
  const nSeeds = wholeNumberFlag(opts.seeds, "--seeds", 1, 100) ?? 5;
  const batch = wholeNumberFlag(opts.batch, "--batch", 1) ?? 1;
  const stopAfter = wholeNumberFlag(opts.stopAfter, "--stop-after", 1) ?? 50;
  const labelFiles = ((opts.labels as string[] | undefined) ?? []).map((f) => resolve(ctx.cwd, f));
  const returned = await readReturned(stageDir(config, "search"));
  const labels = labelFiles.length ? await readLabelFiles(labelFiles) : await readStudyLabels(config.out);
  const ids = returned.map((p) => p.patientId).filter((id) => labels.has(id));
  const unlabelled = returned.length - ids.length;
  const missed = [...labels].filter(([id, y]) => y && !returned.some((p) => p.patientId === id)).length;
  if (unlabelled > 0) ctx.log.warn(`simulate: ${unlabelled} of ${returned.length} returned patients have no label and are left out`);
  if (missed > 0) ctx.log.warn(`simulate: ${missed} patients labelled relevant were not returned by the search: screening cannot find them, and recall here is of the returned ones`);
  const ys = ids.map((id) => labels.get(id)!);
  if (ys.filter(Boolean).length < RANK_MINIMUM.each || ys.filter((y) => !y).length < RANK_MINIMUM.each) {
    throw new UserError(`simulate: ${ids.length} labelled returned patients, ${ys.filter(Boolean).length} relevant: a simulation needs at least ${RANK_MINIMUM.each} relevant and ${RANK_MINIMUM.each} not (check --labels)`);
  }
  const docs = await readPatientDocuments(config.out, ids);
  const seeds = Array.from({ length: nSeeds }, (_, k) => config.seed + k);
  const results = simulate(docs, ys, { seeds, batch, stopAfter });

  const dir = join(config.out, SIMULATION_DIR);
  writeCsv(
    join(dir, "simulation.csv"),
    SIMULATION_COLUMNS,
    results.map((r) => [r.seed, r.records, r.relevant, r.start, r.startRelevant, r.wss95.toFixed(4), r.recall10.toFixed(4), r.recall25.toFixed(4), stopAfter, r.stop.stopped ? "yes" : "no", r.stop.screened, r.stop.recall.toFixed(4)]),
  );
  writeCsv(join(dir, "recall-curve.csv"), ["seed", "screened", "relevant_found", "recall"], results.flatMap((r) => {
    let found = 0;
    return r.labels.map((y, i) => {
      found += y;
      return [r.seed, i + 1, found, (found / r.relevant).toFixed(4)];
    });
  }));
  const title = `Screening in model order: ${ids.length} patients, ${ys.filter(Boolean).length} relevant`;
  writeFileAtomic(join(dir, "recall-curve.svg"), recallCurveSvg(results, title, stopAfter));
  for (const line of simulationLines(results, { batch, stopAfter, minimum: RANK_MINIMUM })) ctx.log.info(line);
  ctx.log.info(`simulate: wrote ${dir}/simulation.csv, recall-curve.csv and recall-curve.svg`);
  const fig = (xs: number[]) => {
    const s = spread(xs);
    return { mean: Number(s.mean.toFixed(4)), min: Number(s.min.toFixed(4)), max: Number(s.max.toFixed(4)) };
  };
  return {
    summary: {
      patients: ids.length,
      relevant: ys.filter(Boolean).length,
      seeds,
      batch,
      stop_after: stopAfter,
      wss_at_95: fig(results.map((r) => r.wss95)),
      recall_at_10: fig(results.map((r) => r.recall10)),
      recall_at_25: fig(results.map((r) => r.recall25)),
      stop: results.map((r) => ({ seed: r.seed, stopped: r.stop.stopped, screened: r.stop.screened, recall: Number(r.stop.recall.toFixed(4)) })),
      out: dir,
    },
  };
}

export const simulateCommand: CommandSpec = {
  name: "simulate",
  summary: "replay screening in model order on labelled patients: work saved at 95% recall, recall after 10% and 25%, a stopping rule",
  studyOptions: true,
  configure(cmd: Command) {
    cmd.option("--labels <file...>", "CSV files with patient_id and eligible yes/no (or decision include/exclude, or label 1/0); default: this study's finished screening");
    cmd.option("--seeds <n>", "replays, each with its own random start: seeds --seed, --seed + 1, … (default 5)");
    cmd.option("--batch <n>", "records screened between two fits of the model (default 1)");
    cmd.option("--stop-after <n>", "stopping rule: stop after N irrelevant records in a row (default 50)");
  },
  run,
};
