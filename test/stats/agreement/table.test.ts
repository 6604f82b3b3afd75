import { describe, expect, it } from "vitest";
import { categoriesOf, compareCategories, contingencyTable } from "../../../src/stats/agreement/table.js";
import { toRatings } from "./load-vectors.js";

describe("category order", () => {
  it.each([
    [["10", "2", "1"], ["1", "2", "10"]],
    [["include", "exclude", "Unsure"], ["Unsure", "exclude", "include"]],
    [["b", "10", "a", "2"], ["2", "10", "a", "b"]],
    [["1.5", "1", "-1"], ["-1", "1", "1.5"]],
    [["1a", "10", "2", "0x10", "Infinity"], ["2", "10", "0x10", "1a", "Infinity"]],
  ])("%j sorts to %j", (input, want) => {
    expect([...input].sort(compareCategories)).toEqual(want);
  });

  it("lists every category of every rater, including ones on items only one rater rated", () => {
    expect(categoriesOf(toRatings([["a", null, "c"], ["b", "z", null]]))).toEqual(["a", "b", "c", "z"]);
  });
});

describe("contingency table", () => {
  it("counts rater 1 in rows and rater 2 in columns", () => {
    const t = contingencyTable([["a", "b"], ["a", "b"], ["b", "a"], ["b", "b"]]);
    expect(t).toEqual({ categories: ["a", "b"], counts: [[0, 2], [1, 1]], n: 4 });
  });

  it("refuses a rating outside the category list", () => {
    expect(() => contingencyTable([["a", "x"]], ["a", "b"])).toThrow(/"x"/);
  });
});
