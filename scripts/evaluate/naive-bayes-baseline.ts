/**
 * The naive Bayes learner `code --learn` used before the linear model, kept only as the baseline that
 * scripts/evaluate-code-learn.ts compares the linear model with. Kept as written rather than taken from
 * npm (natural's or wink's naive Bayes): the comparison is with the very model it replaced.
 */
import { NO_CODE } from "../../src/stages/code/codebook/types.js";
import type { LearnedCode } from "../../src/stages/code/types.js";
import { features } from "./naive-bayes-features.js";

/** A coded passage to learn from: its text and the codes a coder gave it (`none` for none). */
export interface TrainingExample {
  text: string;
  codes: readonly string[];
}

interface CodeModel {
  code: string;
  positives: number;
  /** log P(code) − log P(not code). */
  priorLogOdds: number;
  /** Per feature: log P(f | code) − log P(f | not code). */
  weights: Map<string, number>;
}

/** A one-vs-rest binarised multinomial naive Bayes model, one binary classifier per code. */
export interface Model {
  codes: CodeModel[];
  examples: number;
  /** Codes coders used too rarely to learn (fewer than `minPositives` examples). */
  skipped: string[];
}

export interface TrainOptions {
  /** Fewest coded examples of a code before it is learned. */
  minPositives: number;
  /** Laplace smoothing. */
  alpha: number;
}

export const DEFAULT_TRAIN: TrainOptions = { minPositives: 3, alpha: 1 };

function count(docs: readonly string[][]): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const d of docs) for (const f of d) {
    counts.set(f, (counts.get(f) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/** Train one classifier per code from coder-coded passages. Pure and deterministic. */
export function train(examples: readonly TrainingExample[], opts: TrainOptions = DEFAULT_TRAIN): Model {
  const docs = examples.map((e) => ({ f: features(e.text), codes: new Set(e.codes.filter((c) => c !== NO_CODE)) }));
  const vocab = [...new Set(docs.flatMap((d) => d.f))].sort();
  const all = [...new Set(docs.flatMap((d) => [...d.codes]))].sort();
  const codes: CodeModel[] = [];
  const skipped: string[] = [];
  for (const code of all) {
    const pos = docs.filter((d) => d.codes.has(code));
    const neg = docs.filter((d) => !d.codes.has(code));
    if (pos.length < opts.minPositives || neg.length === 0) {
      skipped.push(code);
      continue;
    }
    const p = count(pos.map((d) => d.f));
    const n = count(neg.map((d) => d.f));
    const v = vocab.length + 1;
    const pDen = p.total + opts.alpha * v;
    const nDen = n.total + opts.alpha * v;
    const weights = new Map<string, number>();
    for (const f of vocab) {
      weights.set(f, Math.log(((p.counts.get(f) ?? 0) + opts.alpha) / pDen) - Math.log(((n.counts.get(f) ?? 0) + opts.alpha) / nDen));
    }
    codes.push({
      code,
      positives: pos.length,
      priorLogOdds: Math.log(pos.length / docs.length) - Math.log(neg.length / docs.length),
      weights,
    });
  }
  return { codes, examples: docs.length, skipped };
}

/**
 * The codes a model suggests for a passage, with the model's probability, highest first; only those at
 * or above `threshold`. Unseen words are ignored (they carry no evidence either way).
 */
export function predict(model: Model, text: string, threshold = 0.5): LearnedCode[] {
  const f = features(text);
  const out: LearnedCode[] = [];
  for (const m of model.codes) {
    let logOdds = m.priorLogOdds;
    for (const x of f) {
      const w = m.weights.get(x);
      if (w !== undefined) logOdds += w;
    }
    const confidence = 1 / (1 + Math.exp(-logOdds));
    if (confidence >= threshold) out.push({ code: m.code, confidence });
  }
  return out.sort((a, b) => b.confidence - a.confidence || (a.code < b.code ? -1 : 1));
}
