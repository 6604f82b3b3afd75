import { DEFAULT_BUCKETS, hashedCounts, type ModelDocument } from "./features.js";
import { DEFAULT_LOGISTIC, fitLogistic, scoreLogistic, type LinearModel, type LogisticOptions } from "./logistic.js";
import { documentVector, fitIdf, type SparseVector } from "./tfidf.js";

/**
 * The one text model of the tool: hashed word 1–2-gram TF-IDF plus extra tokens, and a class-balanced
 * logistic regression per class. Screening relevance, the second opinion on routes and `code --learn`
 * all use it, through these functions.
 */
export interface TextModelOptions {
  buckets: number;
  logistic: LogisticOptions;
}

export const DEFAULT_TEXT_MODEL: TextModelOptions = { buckets: DEFAULT_BUCKETS, logistic: DEFAULT_LOGISTIC };

/** Documents turned into vectors. The idf is fitted on every document of the task, labelled or not (as ASReview fits its feature extractor on the whole set). */
export interface Corpus {
  vectors: SparseVector[];
  buckets: number;
}

/** Vectorise a task's documents; `tokenWeight` weighs the extra tokens' block against the words' (see documentVector). Pure. */
export function buildCorpus(docs: readonly ModelDocument[], buckets = DEFAULT_BUCKETS, tokenWeight = 1): Corpus {
  const counts = docs.map((d) => hashedCounts(d, buckets));
  const wordIdf = fitIdf(counts.map((c) => c.words), buckets);
  const tokenIdf = fitIdf(counts.map((c) => c.tokens), buckets);
  return { vectors: counts.map((c) => documentVector(c, wordIdf, tokenIdf, tokenWeight)), buckets };
}

/** A binary model fitted on some of a corpus's documents. */
export function fitBinary(corpus: Corpus, rows: readonly number[], labels: readonly boolean[], opts: LogisticOptions = DEFAULT_LOGISTIC): LinearModel {
  return fitLogistic(rows.map((r) => corpus.vectors[r]), labels, corpus.buckets, opts);
}

/** Scores (0–1) of the given documents under a fitted model. */
export function scoreRows(model: LinearModel, corpus: Corpus, rows: readonly number[]): number[] {
  return rows.map((r) => scoreLogistic(model, corpus.vectors[r]));
}

/** Both classes present: the least a binary model needs. */
export function canFit(labels: readonly boolean[], minEach = 1): boolean {
  let pos = 0;
  for (const y of labels) if (y) pos++;
  return pos >= minEach && labels.length - pos >= minEach;
}

/**
 * One-vs-rest over several classes: a score per class for each document, from a binary model per class
 * (a class with no example, or with every example, gets no model and a score of 0). Pure.
 */
export function oneVsRest(corpus: Corpus, rows: readonly number[], labels: readonly string[], classes: readonly string[], predictRows: readonly number[], opts: LogisticOptions = DEFAULT_LOGISTIC): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const cls of classes) {
    const ys = labels.map((l) => l === cls);
    out.set(cls, canFit(ys) ? scoreRows(fitBinary(corpus, rows, ys, opts), corpus, predictRows) : predictRows.map(() => 0));
  }
  return out;
}
