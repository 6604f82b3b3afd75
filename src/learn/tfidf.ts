import type { HashedCounts, SparseCounts } from "./features.js";

/** A sparse vector: feature ids and their values (ids ascending until a corpus renumbers them). */
export interface SparseVector {
  index: Uint32Array;
  value: Float64Array;
}

/** Inverse document frequencies per bucket, learned from a corpus. */
export interface Idf {
  buckets: number;
  /** Documents the idf was fitted on. */
  documents: number;
  /** idf of each bucket; a bucket in no document gets the largest. */
  weight: Float64Array;
}

/**
 * Smoothed idf, as scikit-learn's TfidfVectorizer computes it: ln((1 + n) / (1 + df)) + 1, so a term in
 * every document still counts a little and an unseen one counts most. Pure.
 */
export function fitIdf(docs: readonly HashedCounts[], buckets: number): Idf {
  const df = new Float64Array(buckets);
  for (const d of docs) for (let i = 0; i < d.index.length; i++) df[d.index[i]]++;
  const n = docs.length;
  const weight = new Float64Array(buckets);
  for (let k = 0; k < buckets; k++) weight[k] = Math.log((1 + n) / (1 + df[k])) + 1;
  return { buckets, documents: n, weight };
}

/**
 * TF-IDF with sublinear term frequency (1 + ln tf: a patient with forty mentions of one phrase is not forty
 * times more about it), scaled to unit length so that long records and short ones compare. Pure.
 */
export function tfidf(doc: HashedCounts, idf: Idf): SparseVector {
  const value = new Float64Array(doc.index.length);
  let norm = 0;
  for (let i = 0; i < doc.index.length; i++) {
    const v = (1 + Math.log(doc.count[i])) * idf.weight[doc.index[i]];
    value[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < value.length; i++) value[i] /= norm;
  return { index: doc.index, value };
}

/**
 * A document's vector: its words' TF-IDF and its extra tokens' TF-IDF, each of unit length, side by side
 * with the tokens' block weighted by `tokenWeight` relative to the words', and scaled back to unit length.
 * Weighted as blocks, a handful of rule ids can count as much as a long passage's hundred words; weighted
 * token by token, they would drown. Pure.
 */
export function documentVector(doc: SparseCounts, wordIdf: Idf, tokenIdf: Idf, tokenWeight = 1): SparseVector {
  const a = tfidf(doc.words, wordIdf);
  const b = tfidf(doc.tokens, tokenIdf);
  if (b.index.length === 0 || tokenWeight === 0) return a;
  if (a.index.length === 0) return b;
  const sw = 1 / Math.sqrt(1 + tokenWeight * tokenWeight);
  const st = tokenWeight * sw;
  // Both blocks are sorted by bucket: merge them, adding where a word and a token share a bucket.
  const index = new Uint32Array(a.index.length + b.index.length);
  const value = new Float64Array(index.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.index.length || j < b.index.length) {
    const ka = i < a.index.length ? a.index[i] : Infinity;
    const kb = j < b.index.length ? b.index[j] : Infinity;
    index[n] = Math.min(ka, kb);
    value[n] = (ka <= kb ? a.value[i++] * sw : 0) + (kb <= ka ? b.value[j++] * st : 0);
    n++;
  }
  return { index: index.slice(0, n), value: value.slice(0, n) };
}
