import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitLogistic, scoreLogistic } from "../../src/learn/logistic.js";
import { fitIdf, tfidf } from "../../src/learn/tfidf.js";
import type { SparseVector } from "../../src/learn/tfidf.js";

// Made by test/vectors/learn/make-vectors.py (scikit-learn's liblinear dual solver and TfidfTransformer).
const vectors = JSON.parse(readFileSync(new URL("../vectors/learn/vectors.json", import.meta.url), "utf8")) as {
  logistic: { name: string; c: number; dims: number; rows: { index: number[]; value: number[] }[]; labels: boolean[]; weights: number[]; bias: number; proba: number[] }[];
  tfidf: { counts: number[][]; idf: number[]; tfidf: number[][] };
};

const sparse = (r: { index: number[]; value: number[] }): SparseVector => ({ index: Uint32Array.from(r.index), value: Float64Array.from(r.value) });

describe("logistic regression (dual coordinate descent) against scikit-learn's liblinear", () => {
  it.each(vectors.logistic.map((c) => [c.name, c] as const))("%s: same optimum", (_name, c) => {
    const xs = c.rows.map(sparse);
    const m = fitLogistic(xs, c.labels, c.dims, { c: c.c, balanced: true, tolerance: 1e-10, maxEpochs: 100_000, seed: 1 });
    for (let j = 0; j < c.dims; j++) expect(m.weights[j]).toBeCloseTo(c.weights[j], 5);
    expect(m.bias).toBeCloseTo(c.bias, 5);
    xs.forEach((x, i) => expect(scoreLogistic(m, x)).toBeCloseTo(c.proba[i], 5));
  });

  it("is deterministic: the same inputs and seed give the same weights bit for bit", () => {
    const c = vectors.logistic[1];
    const xs = c.rows.map(sparse);
    const a = fitLogistic(xs, c.labels, c.dims, { c: c.c, balanced: true, tolerance: 1e-3, maxEpochs: 50, seed: 9 });
    const b = fitLogistic(xs, c.labels, c.dims, { c: c.c, balanced: true, tolerance: 1e-3, maxEpochs: 50, seed: 9 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.bias).toBe(b.bias);
  });

  it("balancing lifts the rare class's scores", () => {
    const c = vectors.logistic[1];
    const xs = c.rows.map(sparse);
    const opts = { c: c.c, tolerance: 1e-6, maxEpochs: 10_000, seed: 1 };
    const bal = fitLogistic(xs, c.labels, c.dims, { ...opts, balanced: true });
    const plain = fitLogistic(xs, c.labels, c.dims, { ...opts, balanced: false });
    const mean = (m: typeof bal) => xs.reduce((s, x) => s + scoreLogistic(m, x), 0) / xs.length;
    expect(mean(bal)).toBeGreaterThan(mean(plain));
  });
});

describe("TF-IDF against scikit-learn's TfidfTransformer (sublinear tf, smooth idf, l2)", () => {
  const counts = vectors.tfidf.counts.map((row) => {
    const index = row.map((v, j) => (v > 0 ? j : -1)).filter((j) => j >= 0);
    return { index: Uint32Array.from(index), count: Float64Array.from(index.map((j) => row[j])) };
  });
  const idf = fitIdf(counts, 9);
  it("idf", () => vectors.tfidf.idf.forEach((v, j) => expect(idf.weight[j]).toBeCloseTo(v, 12)));
  it("vectors", () =>
    counts.forEach((c, i) => {
      const v = tfidf(c, idf);
      const dense = new Array<number>(9).fill(0);
      v.index.forEach((j, k) => (dense[j] = v.value[k]));
      dense.forEach((x, j) => expect(x).toBeCloseTo(vectors.tfidf.tfidf[i][j], 12));
    }));
});
