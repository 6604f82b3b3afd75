/**
 * What the text model sees of a document: word 1- and 2-grams of its text, and extra tokens that other
 * parts of the tool give it as plain strings (`rule:neg.denies`, `suggest:exclude`, later `section:plan`,
 * `note_type:letter`). Everything is hashed into a fixed number of buckets, so memory does not grow with
 * the vocabulary and no vocabulary has to be stored.
 */

/** A document as the model takes it: free text and extra tokens. */
export interface ModelDocument {
  text: string;
  /** Extra features as strings, `kind:value`; counted like words but never joined into word pairs. */
  tokens?: readonly string[];
}

/** Hashed counts: bucket ids ascending, with their counts. */
export interface HashedCounts {
  index: Uint32Array;
  count: Float64Array;
}

/** A document's hashed counts, words and extra tokens apart (each block is weighted as a whole, see tfidf.ts). */
export interface SparseCounts {
  words: HashedCounts;
  tokens: HashedCounts;
}

/** 2^18 buckets: collisions stay rare for the tens of thousands of distinct 1–2-grams of a study. */
export const DEFAULT_BUCKETS = 1 << 18;

const FNV_OFFSET_SEED = 0x811c9dc5;

/** FNV-1a over UTF-16 code units, then a final avalanche so that nearby strings spread. */
export function hashString(s: string, seed = FNV_OFFSET_SEED): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return avalanche(h);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A word pair's hash from its words' hashes: not the hash of any single word (order matters). */
function pairHash(a: number, b: number): number {
  return avalanche((Math.imul(a, 0x9e3779b1) ^ b ^ 0x5bd1e995) >>> 0);
}

/** Extra tokens live in their own hash space, so `rule:x` never lands where the word pair "rule x" would. */
const TOKEN_SEED = 0x01000193;

/**
 * Count a document's hashed features: lower-cased words of two or more letters or digits (the usual
 * TF-IDF token pattern), pairs of neighbouring words, and the extra tokens. Pure.
 */
export function hashedCounts(doc: ModelDocument, buckets = DEFAULT_BUCKETS): SparseCounts {
  const words = new Counter(buckets);
  let prev = -1;
  // Words are hashed while they are scanned, without cutting them out of the text: the scan is most of the time
  // the model spends on a large set of passages.
  const text = doc.text.toLowerCase();
  let h = FNV_OFFSET;
  let len = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isWordChar(c)) {
      h = Math.imul(h ^ c, 16777619);
      len++;
      continue;
    }
    if (len >= 2) {
      const w = avalanche(h);
      words.add(w % buckets);
      if (prev >= 0) words.add(pairHash(prev, w) % buckets);
      prev = w;
    }
    h = FNV_OFFSET;
    len = 0;
  }
  const tokens = new Counter(buckets);
  for (const t of doc.tokens ?? []) tokens.add(hashString(t, TOKEN_SEED) % buckets);
  return { words: words.take(), tokens: tokens.take() };
}

const FNV_OFFSET = 0x811c9dc5;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter, a digit or `_` (ASCII at once; anything else by its Unicode category). */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
  // A surrogate half is part of a letter outside the Basic Multilingual Plane only when its pair is; rare enough to count as a letter.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

/** Counts of a few buckets out of many: a scratch array shared by every count of the same size, and the buckets touched. */
class Counter {
  private static scratch = new Map<number, Float64Array>();
  private readonly counts: Float64Array;
  private readonly touched: number[] = [];
  constructor(buckets: number) {
    let c = Counter.scratch.get(buckets);
    if (!c) Counter.scratch.set(buckets, (c = new Float64Array(buckets)));
    this.counts = c;
  }
  add(k: number): void {
    if (this.counts[k] === 0) this.touched.push(k);
    this.counts[k]++;
  }
  /** The counts, buckets ascending; the scratch array is left clean for the next document. */
  take(): HashedCounts {
    const index = Uint32Array.from(this.touched).sort();
    const count = new Float64Array(index.length);
    for (let i = 0; i < index.length; i++) {
      count[i] = this.counts[index[i]];
      this.counts[index[i]] = 0;
    }
    return { index, count };
  }
}
