import { describe, expect, it } from "vitest";
import { notRated, pairRatings, sampleRatings } from "../../src/second-rater/compare.js";

type D = { decision: string };
const first = new Map<string, D>([
  ["a", { decision: "include" }],
  ["b", { decision: "exclude" }],
  ["c", { decision: "" }],
  ["x", { decision: "include" }],
]);
const second = new Map<string, D>([
  ["b", { decision: "include" }],
  ["a", { decision: "include" }],
  ["c", { decision: "exclude" }],
]);
const rated = (d: D) => d.decision !== "";

describe("pairRatings", () => {
  it("pairs the sampled items both raters rated, in sample order, and lists the rest", () => {
    const { pairs, unrated } = pairRatings(["a", "b", "c", "d"], first, second, rated);
    expect(pairs).toEqual([
      { id: "a", first: { decision: "include" }, second: { decision: "include" } },
      { id: "b", first: { decision: "exclude" }, second: { decision: "include" } },
    ]);
    expect(unrated).toEqual(["c", "d"]);
  });

  it("never pairs an item outside the sample", () => {
    expect(pairRatings(["b"], first, second, rated).pairs.map((p) => p.id)).toEqual(["b"]);
    expect(pairRatings([], first, second, rated)).toEqual({ pairs: [], unrated: [] });
  });
});

describe("notRated", () => {
  it.each([
    ["second rater", second, ["d"]],
    ["first rater", first, ["c", "d"]],
  ])("lists the sampled items the %s has not rated", (_who, decisions, expected) => {
    expect(notRated(["a", "b", "c", "d"], decisions, rated)).toEqual(expected);
  });
});

describe("sampleRatings", () => {
  it("labels every sampled item for both raters, null where a rater gave none", () => {
    const [r1, r2] = sampleRatings(["a", "c", "d"], first, second, (d) => d?.decision || null);
    expect(r1.name).toBe("rater1");
    expect(r2.name).toBe("rater2");
    expect([...r1.ratings]).toEqual([["a", "include"], ["c", null], ["d", null]]);
    expect([...r2.ratings]).toEqual([["a", "include"], ["c", "exclude"], ["d", null]]);
  });
});
