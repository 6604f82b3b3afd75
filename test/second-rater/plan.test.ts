import { describe, expect, it } from "vitest";
import { describeSample, drawSample, percentText, SAMPLE_COLUMNS, sampleCsvRows, samplingRecord } from "../../src/second-rater/plan.js";

const ids = Array.from({ length: 691 }, (_, i) => `P${String(i).padStart(4, "0")}`);

describe("drawSample", () => {
  it("takes the first N plus a rounded-up fraction of the rest", () => {
    const s = drawSample(ids, { first: 10, fraction: 0.1, seed: 2015 });
    expect(s.filter((r) => r.why === "first").map((r) => r.id)).toEqual(ids.slice(0, 10));
    expect(s.filter((r) => r.why === "random")).toHaveLength(Math.ceil(0.1 * 681));
    expect(new Set(s.map((r) => r.id)).size).toBe(s.length);
  });

  it("is the same for the same seed and differs for another", () => {
    expect(drawSample(ids, { first: 10, fraction: 0.1, seed: 7 })).toEqual(drawSample(ids, { first: 10, fraction: 0.1, seed: 7 }));
    expect(drawSample(ids, { first: 10, fraction: 0.1, seed: 7 })).not.toEqual(drawSample(ids, { first: 10, fraction: 0.1, seed: 8 }));
  });

  it("pins the draw for seed 2015 so a change to the generator cannot pass unnoticed", () => {
    const random = drawSample(ids, { first: 10, fraction: 0.1, seed: 2015 }).filter((r) => r.why === "random").slice(0, 5).map((r) => r.id);
    expect(random).toMatchInlineSnapshot(`
      [
        "P0012",
        "P0020",
        "P0035",
        "P0044",
        "P0047",
      ]
    `);
  });

  it.each([
    [[], 10, 0.1, 0],
    [["a", "b"], 10, 0.5, 2],
    [["a", "b", "c"], 1, 0, 1],
    [["a", "b", "c"], 0, 1, 3],
  ])("handles small lists %j first=%i fraction=%f → %i items", (list, first, fraction, n) => {
    expect(drawSample(list as string[], { first, fraction, seed: 1 })).toHaveLength(n);
  });
});

describe("sample plan helpers", () => {
  const sampling = { seed: 2015, first: 10, fraction: 0.1 };

  it("writes sample.csv rows as patient, why, group in sample order", () => {
    const sample = drawSample(["a", "b", "c"], { first: 2, fraction: 1, seed: 1 });
    expect(SAMPLE_COLUMNS).toEqual(["patient_id", "why", "group"]);
    expect(sampleCsvRows(sample, (id) => (id === "b" ? "child" : "adult"))).toEqual([
      ["a", "first", "adult"],
      ["b", "first", "child"],
      ["c", "random", "adult"],
    ]);
  });

  it.each([
    [0.1, "10%"],
    [0.125, "13%"],
    [1, "100%"],
    [0, "0%"],
  ])("states fraction %f as %s", (fraction, text) => {
    expect(percentText(fraction)).toBe(text);
  });

  it("describes the draw in the words of the About sheet", () => {
    expect(describeSample(sampling, "returned patients")).toBe("the first 10 returned patients in patient id order plus 10% of the rest drawn at random with seed 2015");
  });

  it("heads agreement.json with seed, first, fraction and sampled, in that order", () => {
    expect(JSON.stringify(samplingRecord(sampling, 79))).toBe('{"seed":2015,"first":10,"fraction":0.1,"sampled":79}');
  });
});
