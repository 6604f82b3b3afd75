import { describe, expect, it } from "vitest";
import { caseClashes, mergeRaters } from "../../../src/stats/agreement/raters.js";

describe("lining raters up by id", () => {
  it("keeps first-appearance order and marks ids a file lacks as missing", () => {
    const r = mergeRaters([
      { name: "a.csv", ratings: new Map([["p1", "yes"], ["p2", null], ["p3", "no"]]) },
      { name: "b.csv", ratings: new Map([["p3", "no"], ["p4", "yes"], ["p1", "no"]]) },
    ]);
    expect(r).toEqual({
      raters: ["a.csv", "b.csv"],
      items: ["p1", "p2", "p3", "p4"],
      values: [["yes", "no"], [null, null], ["no", "no"], [null, "yes"]],
    });
  });
});

describe("categories that differ only in case", () => {
  it.each([
    [["exclude", "include"], []],
    [["Include", "exclude", "include"], [["Include", "include"]]],
    [["A", "a", "B", "b", "c"], [["A", "a"], ["B", "b"]]],
  ])("%j → %j", (cats, want) => {
    expect(caseClashes(cats)).toEqual(want);
  });
});
