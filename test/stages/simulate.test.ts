import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { recallAt, roundHalfEven, stoppingPoint, wssAt } from "../../src/stages/simulate/metrics.js";
import { parseLabel } from "../../src/stages/simulate/labels.js";
import { simulate } from "../../src/stages/simulate/simulate.js";
import { recallCurveSvg } from "../../src/stages/simulate/recall-svg.js";

// Made by test/vectors/learn/make-vectors.py, which repeats asreview-insights' numpy code.
const vectors = JSON.parse(readFileSync(new URL("../vectors/learn/vectors.json", import.meta.url), "utf8")) as {
  asreview: { name: string; labels: number[]; recall10: number; recall25: number; wss95: number; wss100: number }[];
};

describe("ASReview's definitions", () => {
  it.each(vectors.asreview.map((v) => [v.name, v] as const))("%s: recall after 10%% and 25%%, WSS@95 and WSS@100", (_n, v) => {
    expect(recallAt(v.labels, 0.1)).toBeCloseTo(v.recall10, 12);
    expect(recallAt(v.labels, 0.25)).toBeCloseTo(v.recall25, 12);
    expect(wssAt(v.labels, 0.95)).toBeCloseTo(v.wss95, 12);
    expect(wssAt(v.labels, 1)).toBeCloseTo(v.wss100, 12);
  });
  it("rounds half to even like numpy", () => expect([0.5, 1.5, 2.5, 3.5, 2.4999].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2]));
});

describe("stopping rule", () => {
  it.each([
    ["stops at the Nth irrelevant in a row", [1, 0, 1, 0, 0, 0, 1], 3, { stopped: true, screened: 6, recall: 2 / 3 }],
    ["a relevant record resets the count", [0, 0, 1, 0, 0, 1], 3, { stopped: false, screened: 6, recall: 1 }],
  ] as const)("%s", (_n, labels, run, want) => expect(stoppingPoint(labels, run)).toEqual(want));
});

describe("labels", () => {
  it.each([["yes", true], ["Include", true], ["1", true], ["no", false], ["exclude", false], ["0", false], ["maybe", undefined]] as const)("%s → %s", (v, want) => expect(parseLabel(v)).toBe(want));
});

describe("simulate", () => {
  const docs = Array.from({ length: 80 }, (_, i) => ({ text: i % 5 === 0 ? `was trafficked and exploited, case ${i}` : `road traffic collision on the motorway, note ${i}`, tokens: [i % 5 === 0 ? "suggest:include" : "suggest:exclude"] }));
  const labels = docs.map((_, i) => i % 5 === 0);
  const run = () => simulate(docs, labels, { seeds: [1, 2], batch: 1, stopAfter: 20 });
  it("finds the relevant records first when the words tell them apart, and saves most of the work", () => {
    for (const r of run()) {
      expect(r.start).toBeGreaterThanOrEqual(10);
      expect(r.labels.slice(0, r.relevant).every((y) => y === 1)).toBe(true);
      expect(r.wss95).toBeGreaterThan(0.6);
      expect(r.stop).toEqual({ stopped: true, screened: r.relevant + 20, recall: 1 });
    }
  });
  it("is reproducible by seed, and seeds differ in their start", () => {
    const [a, b] = [run(), run()];
    expect(a).toEqual(b);
    expect(recallCurveSvg(a, "t", 20)).toBe(recallCurveSvg(b, "t", 20));
  });
  it("does no better than chance when the words carry nothing", () => {
    const flat = simulate(docs.map((_, i) => ({ text: `note ${i}` })), labels, { seeds: [3], batch: 4, stopAfter: 20 });
    expect(flat[0].wss95).toBeLessThan(0.35);
  });
});
