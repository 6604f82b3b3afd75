import { createRandom } from "../../core/random.js";
import { fitBinary, scoreRows, type Corpus } from "../../learn/model.js";
import type { LogisticOptions } from "../../learn/logistic.js";
import { rankReadiness } from "../../learn/relevance/rank.js";

export interface ReplayOptions {
  /** Seeds the start (which records are decided first) and the solver. */
  seed: number;
  /** Records screened between two fits of the model (1 = after every decision, as ASReview simulates). */
  batch: number;
  /** The least decided before the model ranks (screen --rank's minimum). */
  minimum: { decided: number; each: number };
  logistic: LogisticOptions;
}

/** One replayed screening: the records in the order screened, and how many of them were the random start. */
export interface Replay {
  order: number[];
  start: number;
}

/**
 * Replay screening as `screen --rank` would run it: records are decided in a seeded random order until
 * the ranking minimum is met (the start), then again and again the model is fitted on every decision so
 * far and the `batch` highest-scoring undecided records are decided next (ties by position). The labels
 * are the known answers standing in for the raters. Pure and deterministic.
 */
export function replayScreening(corpus: Corpus, labels: readonly boolean[], opts: ReplayOptions): Replay {
  const n = labels.length;
  const rnd = createRandom(opts.seed);
  const random = rnd.shuffle(Array.from({ length: n }, (_, i) => i));
  const order: number[] = [];
  const seen = new Set<number>();
  const decided = new Map<string, boolean>();
  for (const i of random) {
    if (rankReadiness(decided, opts.minimum).ready) break;
    order.push(i);
    seen.add(i);
    decided.set(String(i), labels[i]);
  }
  const start = order.length;
  while (order.length < n) {
    const open = [];
    for (let i = 0; i < n; i++) if (!seen.has(i)) open.push(i);
    const model = fitBinary(corpus, order, order.map((i) => labels[i]), { ...opts.logistic, seed: opts.seed });
    const scores = scoreRows(model, corpus, open);
    const next = open.map((i, j) => ({ i, s: scores[j] })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, opts.batch);
    for (const { i } of next) {
      order.push(i);
      seen.add(i);
    }
  }
  return { order, start };
}
