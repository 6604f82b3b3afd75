import { describe, expect, it } from "vitest";
import { hashedCounts, hashString } from "../../src/learn/features.js";
import { buildCorpus } from "../../src/learn/model.js";

const has = (c: { index: Uint32Array; count: Float64Array }, k: number) => c.count[c.index.indexOf(k)] ?? 0;

describe("hashed features", () => {
  it("counts lower-cased words of two or more letters or digits, and each neighbouring pair", () => {
    const c = hashedCounts({ text: "Forced labour; FORCED labour, a 2 x" }, 1 << 20);
    const forced = hashString("forced") % (1 << 20);
    const labour = hashString("labour") % (1 << 20);
    expect(has(c.words, forced)).toBe(2);
    expect(has(c.words, labour)).toBe(2);
    // words: forced labour forced labour (a, 2, x are too short) → 4 words + 3 pairs, two of them the same pair
    expect([...c.words.count].reduce((a, b) => a + b, 0)).toBe(7);
    expect(c.tokens.index.length).toBe(0);
  });
  it("keeps extra tokens apart from the words, in their own hash space", () => {
    const c = hashedCounts({ text: "rule", tokens: ["rule:neg.denies", "section:plan", "rule:neg.denies"] });
    expect(c.tokens.index.length).toBe(2);
    expect([...c.tokens.count].sort()).toEqual([1, 2]);
    expect(c.tokens.index).not.toContain(hashString("rule:neg.denies") % (1 << 18));
  });
  it("reads letters beyond ASCII as letters", () => expect(hashedCounts({ text: "Café naïve" }).words.index.length).toBe(3));
  it("is deterministic, and a corpus renumbers the features it uses densely, the commonest first", () => {
    const docs = [{ text: "trafficked to the uk" }, { text: "trafficked for work" }, { text: "drug trafficking" }];
    const a = buildCorpus(docs);
    expect(buildCorpus(docs)).toEqual(a);
    expect(a.buckets).toBeLessThan(20);
    for (const v of a.vectors) {
      expect(Math.max(...v.index)).toBeLessThan(a.buckets);
      expect(v.value.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 12);
    }
    // "trafficked" is in two documents: it gets id 0
    expect([...a.vectors[0].index]).toContain(0);
    expect([...a.vectors[1].index]).toContain(0);
  });
});
