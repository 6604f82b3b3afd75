import type { ModelDocument } from "../../learn/features.js";
import { DEFAULT_LOGISTIC, type LogisticOptions } from "../../learn/logistic.js";
import { RANK_MINIMUM, screeningCorpus } from "../../learn/relevance/rank.js";
import { recallAt, stoppingPoint, wssAt } from "./metrics.js";
import { replayScreening } from "./replay.js";

export interface SimulationOptions {
  seeds: number[];
  batch: number;
  /** The stopping rule: stop after this many irrelevant records in a row. */
  stopAfter: number;
  minimum?: { decided: number; each: number };
  logistic?: LogisticOptions;
}

/** One replay's figures; everything after the random start, as ASReview reports them. */
export interface SeedResult {
  seed: number;
  records: number;
  relevant: number;
  /** Records decided in random order before the model could rank. */
  start: number;
  startRelevant: number;
  wss95: number;
  recall10: number;
  recall25: number;
  stop: { stopped: boolean; screened: number; recall: number };
  /** Labels (1 relevant) in the order screened after the start. */
  labels: number[];
}

/**
 * Simulate screening in model order over several seeds: each seed draws its own random start, then the
 * model picks the most relevant record next (see replayScreening). Pure and deterministic.
 */
export function simulate(docs: readonly ModelDocument[], labels: readonly boolean[], opts: SimulationOptions): SeedResult[] {
  const corpus = screeningCorpus(docs);
  return opts.seeds.map((seed) => {
    const replay = replayScreening(corpus, labels, { seed, batch: opts.batch, minimum: opts.minimum ?? RANK_MINIMUM, logistic: opts.logistic ?? DEFAULT_LOGISTIC });
    const after = replay.order.slice(replay.start).map((i): number => (labels[i] ? 1 : 0));
    const startRelevant = replay.order.slice(0, replay.start).filter((i) => labels[i]).length;
    return {
      seed,
      records: after.length,
      relevant: after.reduce((a, b) => a + b, 0),
      start: replay.start,
      startRelevant,
      wss95: wssAt(after, 0.95),
      recall10: recallAt(after, 0.1),
      recall25: recallAt(after, 0.25),
      stop: stoppingPoint(after, opts.stopAfter),
      labels: after,
    };
  });
}

/** Mean, lowest and highest of a figure over the seeds. */
export function spread(xs: readonly number[]): { mean: number; min: number; max: number } {
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}
