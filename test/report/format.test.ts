import { describe, expect, it } from "vitest";
import { countPercent, humanise, percentOf, wholePercent } from "../../src/report/format.js";

describe("wholePercent (round half up, in integers)", () => {
  it.each([
    ["exactly half rounds up: 1/8 = 12.5%", 1, 8, 13],
    ["exactly half rounds up: 5/8 = 62.5%", 5, 8, 63],
    ["exactly half rounds up: 1/40 = 2.5%", 1, 40, 3],
    ["below half rounds down: 1/7 = 14.29%", 1, 7, 14],
    ["above half rounds up: 2/3 = 66.67%", 2, 3, 67],
    ["the study's 41/95 = 43.16%", 41, 95, 43],
    ["the study's 101/130 = 77.69%", 101, 130, 78],
    ["none", 0, 35, 0],
    ["all", 35, 35, 100],
  ])("%s", (_name, n, d, want) => {
    expect(wholePercent(n, d)).toBe(want);
  });

  it("has no percentage for an empty column", () => {
    expect(wholePercent(0, 0)).toBeNull();
    expect(countPercent(0, 0)).toBe("0");
    expect(percentOf(0, 0)).toBe("– (0/0)");
  });

  it.each([
    [76, 95, "76 (80%)"],
    [3, 130, "3 (2%)"],
    [0, 95, "0 (0%)"],
  ])("countPercent(%i, %i) = %s", (n, d, want) => expect(countPercent(n, d)).toBe(want));

  it("writes routes the study's way", () => expect(percentOf(41, 95)).toBe("43% (41/95)"));
  it("humanises ids", () => expect(humanise("drug_trafficking")).toBe("Drug trafficking"));
});
