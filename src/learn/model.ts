import { DEFAULT_BUCKETS, hashedCounts, type ModelDocument } from "./features.js";
import { DEFAULT_LOGISTIC, fitLogistic, scoreLogistic, type LinearModel, type LogisticOptions } from "./logistic.js";
import { documentVector, fitIdf, type SparseVector } from "./tfidf.js";

/**
 * The one text model of the tool: hashed word 1–2-gram TF-IDF plus extra tokens, and a class-balanced
 * logistic regression per class. Screening relevance, the second opinion on routes and `code --learn`
 * all use it, through these functions.
 */

/**
 * Documents turned into vectors. The idf is fitted on every document of the task, labelled or not (as
 * ASReview fits its feature extractor on the whole set). Buckets are renumbered densely, the most common
 * first, so a model's weights stay small and the features most documents share sit together in memory
 * (on 100,000 passages that alone makes fitting several times faster).
 */
export interface Corpus {
  vectors: SparseVector[];
  /** Dense feature ids in use (the length of a model's weights). */
  buckets: number;
}

/** Vectorise a task's documents; `tokenWeight` weighs the extra tokens' block against the words' (see documentVector). Pure. */
export function buildCorpus(docs: readonly ModelDocument[], buckets = DEFAULT_BUCKETS, tokenWeight = 1): Corpus {
  const counts = docs.map((d) => hashedCounts(d, buckets));
  const wordIdf = fitIdf(counts.map((c) => c.words), buckets);
  const tokenIdf = fitIdf(counts.map((c) => c.tokens), buckets);
  return compact(counts.map((c) => documentVector(c, wordIdf, tokenIdf, tokenWeight)), buckets);
}

/** Renumber (in place) the buckets the vectors use: by how many documents use them (most first), then bucket. */
function compact(vectors: SparseVector[], buckets: number): Corpus {
  const df = new Uint32Array(buckets);
  for (const v of vectors) for (const k of v.index) df[k]++;
  const used: number[] = [];
  for (let k = 0; k < buckets; k++) if (df[k] > 0) used.push(k);
  used.sort((a, b) => df[b] - df[a] || a - b);
  const id = new Uint32Array(buckets);
  used.forEach((k, i) => (id[k] = i));
  // A vector's entries need no order: every use sums over them.
  for (const v of vectors) for (let j = 0; j < v.index.length; j++) v.index[j] = id[v.index[j]];
  return { vectors, buckets: used.length };
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
