import type { ModelDocument } from "../../../learn/features.js";
import { crossValidate, stratifiedFolds } from "../../../learn/folds.js";
import { DEFAULT_LOGISTIC, type LogisticOptions } from "../../../learn/logistic.js";
import { buildCorpus, canFit, fitBinary, scoreRows, type Corpus } from "../../../learn/model.js";
import { NO_CODE } from "../codebook/types.js";
import type { Extract, LearnedCode } from "../types.js";

export interface CodeLearnOptions {
  /** Fewest coded examples of a code before it is learned. */
  minPositives: number;
  /** A code is suggested when the model's score reaches this. */
  threshold: number;
  logistic: LogisticOptions;
}

export const DEFAULT_CODE_LEARN: CodeLearnOptions = { minPositives: 3, threshold: 0.5, logistic: DEFAULT_LOGISTIC };

/**
 * What the model reads of a passage: its words, the codes the codebook's patterns suggested and the term
 * groups that pulled it out (`suggested:instability.housing`, `retrieved:immigration`). `coded`, which
 * marks a passage a coder has decided on, is left out: it would give the answer away.
 */
export function codeDocument(e: Extract): ModelDocument {
  return { text: e.text, tokens: [...e.suggested.map((c) => `suggested:${c}`), ...e.retrievedBy.filter((g) => g !== "coded").map((g) => `retrieved:${g}`)] };
}

/** The codes to learn from a set of coded passages: used at least `minPositives` times and not on every passage. */
export function learnableCodes(codeSets: readonly ReadonlySet<string>[], minPositives: number): { codes: string[]; skipped: string[] } {
  const all = [...new Set(codeSets.flatMap((s) => [...s]))].filter((c) => c !== NO_CODE).sort();
  const codes: string[] = [];
  const skipped: string[] = [];
  for (const code of all) {
    const ys = codeSets.map((s) => s.has(code));
    (ys.filter(Boolean).length >= minPositives && canFit(ys) ? codes : skipped).push(code);
  }
  return { codes, skipped };
}

/**
 * Fit one model per code on the coded passages (`rows` of the corpus, with their code sets) and score
 * the `predict` rows: the codes at or above the threshold, highest first. Pure and deterministic.
 */
export function suggestCodes(corpus: Corpus, rows: readonly number[], codeSets: readonly ReadonlySet<string>[], codes: readonly string[], predict: readonly number[], opts: CodeLearnOptions = DEFAULT_CODE_LEARN): LearnedCode[][] {
  const out: LearnedCode[][] = predict.map(() => []);
  for (const code of codes) {
    const ys = codeSets.map((s) => s.has(code));
    if (!canFit(ys)) continue;
    const scores = scoreRows(fitBinary(corpus, rows, ys, opts.logistic), corpus, predict);
    scores.forEach((s, i) => {
      if (s >= opts.threshold) out[i].push({ code, confidence: s });
    });
  }
  for (const list of out) list.sort((a, b) => b.confidence - a.confidence || (a.code < b.code ? -1 : 1));
  return out;
}

/** Per-code agreement of out-of-fold suggestions with the coders' codes. */
export interface CodeCrossValidation {
  code: string;
  positives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  f1: number;
}

/** F1 from counts; 0 when the code was neither given nor predicted (no evidence of skill). */
export function f1Score(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * Per-code F1 by k-fold cross-validation over the coded passages: each passage's suggestions come from
 * models fitted on the other folds (folds stratified on the passage's first code, dealt with the seed).
 * Returns the predictions too, so agreement with the coders can be shown. Pure and deterministic.
 */
export function crossValidateCodes(
  docs: readonly ModelDocument[],
  codeSets: readonly ReadonlySet<string>[],
  opts: CodeLearnOptions & { folds: number; seed: number },
): { perCode: CodeCrossValidation[]; predicted: Set<string>[]; codes: string[] } {
  const corpus = buildCorpus(docs);
  const { codes } = learnableCodes(codeSets, opts.minPositives);
  const strata = codeSets.map((s) => [...s].sort()[0] ?? NO_CODE);
  const fold = stratifiedFolds(strata, opts.folds, opts.seed);
  const predicted = crossValidate(docs.length, fold, opts.folds, (train, test) =>
    suggestCodes(corpus, train, train.map((i) => codeSets[i]), codes, test, opts).map((l) => new Set(l.map((c) => c.code))),
  );
  const perCode = codes.map((code) => {
    let tp = 0, fp = 0, fn = 0;
    codeSets.forEach((s, i) => {
      const truth = s.has(code);
      const pred = predicted[i]?.has(code) ?? false;
      if (truth && pred) tp++;
      else if (pred) fp++;
      else if (truth) fn++;
    });
    return { code, positives: tp + fn, truePositives: tp, falsePositives: fp, falseNegatives: fn, f1: f1Score(tp, fp, fn) };
  });
  return { perCode, predicted: predicted.map((p) => p ?? new Set<string>()), codes };
}
