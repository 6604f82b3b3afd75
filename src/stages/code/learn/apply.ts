import type { CoderDecision, Extract, LearnedCode } from "../types.js";
import { DEFAULT_TRAIN, predict, train, type TrainOptions } from "./naive-bayes.js";

export interface LearnResult {
  /** Learned suggestions for the extracts no coder has coded yet. */
  learned: Map<string, LearnedCode[]>;
  trainedOn: number;
  codes: string[];
  skipped: string[];
}

/**
 * Learn from the coders: train on every extract with final codes, then suggest codes for the rest.
 * Pure and deterministic (same decisions, same suggestions).
 */
export function learnFromCoders(extracts: readonly Extract[], decisions: ReadonlyMap<string, CoderDecision>, threshold = 0.5, opts: TrainOptions = DEFAULT_TRAIN): LearnResult {
  const coded = extracts.filter((e) => (decisions.get(e.extractId)?.codes.length ?? 0) > 0);
  const model = train(coded.map((e) => ({ text: e.text, codes: decisions.get(e.extractId)!.codes })), opts);
  const learned = new Map<string, LearnedCode[]>();
  if (model.codes.length > 0) {
    for (const e of extracts) {
      if ((decisions.get(e.extractId)?.codes.length ?? 0) > 0) continue;
      const p = predict(model, e.text, threshold);
      if (p.length > 0) learned.set(e.extractId, p);
    }
  }
  return { learned, trainedOn: coded.length, codes: model.codes.map((c) => c.code), skipped: model.skipped };
}
