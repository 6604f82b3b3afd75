import { describe, expect, it } from "vitest";
import { cohenKappa } from "../../../src/stages/agreement/cohen.js";
import { fleissKappa } from "../../../src/stages/agreement/fleiss.js";
import { gwetAc1 } from "../../../src/stages/agreement/gwet.js";
import { krippendorffAlpha } from "../../../src/stages/agreement/krippendorff.js";
import { pabak, prevalenceBias } from "../../../src/stages/agreement/pabak.js";
import { summariseAgreement } from "../../../src/stages/agreement/summarise.js";
import { contingencyTable } from "../../../src/stages/agreement/table.js";
import { toRatings } from "./load-vectors.js";

const table = (pairs: [string, string][], cats?: string[]) => contingencyTable(pairs, cats);
const rep = (a: string, b: string, k: number) => Array.from({ length: k }, () => [a, b] as [string, string]);

describe("degenerate tables give the documented answer", () => {
  it.each([
    ["empty table", table([], ["no", "yes"]), null, null, null],
    ["one category only", table(rep("yes", "yes", 8)), 1, 1, 1],
    ["one category used, two in the scale", table(rep("yes", "yes", 8), ["no", "yes"]), 1, 1, 1],
    ["one item, agreeing", table(rep("a", "a", 1)), 1, 1, 1],
    ["one item, disagreeing", table(rep("a", "b", 1)), 0, -1, -1],
    ["perfect agreement, two categories", table([...rep("y", "y", 3), ...rep("n", "n", 2)]), 1, 1, 1],
  ] as const)("%s: kappa %s, AC1 %s, PABAK %s", (_n, t, kappa, ac1, pb) => {
    expect(cohenKappa(t)?.kappa ?? null).toBe(kappa);
    expect(gwetAc1(t)).toBe(ac1);
    expect(pabak(t)).toBe(pb);
  });

  it("gives SE 0 and the interval [1, 1] when both raters used one identical category", () => {
    expect(cohenKappa(table(rep("yes", "yes", 8)))).toEqual({ kappa: 1, se: 0, ci95: [1, 1], observed: 1, expected: 1 });
  });

  it.each([
    ["no rows", [], null],
    ["only single ratings", [["a", null], [null, "b"]], null],
    ["one value everywhere", [["a", "a"], ["a", null], ["a", "a"]], 1],
    ["one value among pairable, another unpairable", [["a", "a"], ["b", null]], 1],
  ] as const)("Krippendorff's alpha with %s is %s", (_n, rows, want) => {
    expect(krippendorffAlpha(rows)?.alpha ?? null).toBe(want);
  });

  it.each([
    ["no complete item", [["a", null], [null, "b"]], null],
    ["one category", [["x", "x", "x"], ["x", "x", "x"]], 1],
  ] as const)("Fleiss' kappa with %s is %s", (_n, rows, want) => {
    expect(fleissKappa(rows)?.kappa ?? null).toBe(want);
  });

  it("has prevalence and bias indices only for 2×2 tables", () => {
    expect(prevalenceBias(table([["a", "b"], ["c", "c"]]))).toBeNull();
    expect(prevalenceBias(table(rep("yes", "yes", 3)))).toBeNull();
    expect(prevalenceBias(table([], ["a", "b"]))).toBeNull();
  });

  it("leaves a figure out of the report, never NaN, when no item was rated by both", () => {
    const r = summariseAgreement(toRatings([["a", null, "b"], [null, "a", null]]));
    expect(r).toEqual({ raters: 2, items: 3, items_compared: 0, items_pairable: 0, categories: ["a", "b"] });
  });

  it("never writes NaN into a report", () => {
    const r = summariseAgreement(toRatings([Array(8).fill("yes"), Array(8).fill("yes")]));
    expect(JSON.stringify(r)).not.toMatch(/NaN|null/);
    expect(r.cohen_kappa).toBe(1);
    expect(r.krippendorff_alpha).toBe(1);
  });
});

describe("Byrt, Bishop & Carlin (1993): kappa = (PABAK − PI² + BI²)/(1 − PI² + BI²)", () => {
  it.each([
    ["balanced", [20, 5, 10, 15]],
    ["high prevalence", [40, 3, 5, 2]],
    ["biased", [10, 12, 1, 7]],
    ["low prevalence", [1, 2, 3, 44]],
  ] as const)("%s table", (_n, [a, b, c, d]) => {
    const t = table([...rep("p", "p", a), ...rep("p", "n", b), ...rep("n", "p", c), ...rep("n", "n", d)], ["p", "n"]);
    const { prevalence, bias } = prevalenceBias(t)!;
    const k = (pabak(t)! - prevalence ** 2 + bias ** 2) / (1 - prevalence ** 2 + bias ** 2);
    expect(cohenKappa(t)!.kappa).toBeCloseTo(k, 12);
    expect(prevalence).toBe(Math.abs(a - d) / (a + b + c + d));
    expect(bias).toBe(Math.abs(b - c) / (a + b + c + d));
  });
});
