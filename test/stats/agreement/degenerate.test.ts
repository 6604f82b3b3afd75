import { describe, expect, it } from "vitest";
import { cohenKappa } from "../../../src/stats/agreement/cohen.js";
import { fleissKappa } from "../../../src/stats/agreement/fleiss.js";
import { gwetAc1 } from "../../../src/stats/agreement/gwet.js";
import { krippendorffAlpha } from "../../../src/stats/agreement/krippendorff.js";
import { pabak, prevalenceBias } from "../../../src/stats/agreement/pabak.js";
import { summariseAgreement } from "../../../src/stats/agreement/summarise.js";
import { contingencyTable } from "../../../src/stats/agreement/table.js";
import { toRatings } from "./load-vectors.js";

const table = (pairs: [string, string][], cats?: string[]) => contingencyTable(pairs, cats);
const rep = (a: string, b: string, k: number) => Array.from({ length: k }, () => [a, b] as [string, string]);

describe("degenerate tables give the documented answer", () => {
  // "absent": no data (the function gives null); null: undefined for these data, with a reason.
  it.each([
    ["empty table", table([], ["no", "yes"]), "absent", "absent", "absent"],
    ["one category only", table(rep("yes", "yes", 8)), null, null, null],
    ["one category used, two in the scale", table(rep("yes", "yes", 8), ["no", "yes"]), null, 1, 1],
    ["one item, agreeing", table(rep("a", "a", 1)), null, null, null],
    ["one item, disagreeing", table(rep("a", "b", 1)), 0, -1, -1],
    ["perfect agreement, two categories", table([...rep("y", "y", 3), ...rep("n", "n", 2)]), 1, 1, 1],
  ] as const)("%s: kappa %s, AC1 %s, PABAK %s", (_n, t, kappa, ac1, pb) => {
    const k = cohenKappa(t);
    const g = gwetAc1(t);
    const p = pabak(t);
    expect(k === null ? "absent" : k.kappa).toBe(kappa);
    expect(g === null ? "absent" : g.ac1).toBe(ac1);
    expect(p === null ? "absent" : p.value).toBe(pb);
    if (k?.kappa === null) expect(k.why.kappa).toMatch(/0\/0/);
    if (g?.ac1 === null) expect(g.why.ac1).toMatch(/one category/);
    if (p?.value === null) expect(p.why).toMatch(/one category/);
  });

  it("leaves kappa, its SE and its interval undefined when both raters used one identical category", () => {
    const k = cohenKappa(table(rep("yes", "yes", 8)))!;
    expect([k.kappa, k.se, k.ci95]).toEqual([null, null, null]);
    expect(k.why.kappa).toMatch(/same single category/);
  });

  it.each([
    ["perfect agreement", table([...rep("y", "y", 3), ...rep("n", "n", 2)]), 1],
    ["one rater used one category", table([...rep("i", "i", 3), ...rep("e", "i", 1)]), 0],
  ] as const)("gives no interval when the SE is 0 (%s): a point is not an interval", (_n, t, kappa) => {
    const k = cohenKappa(t)!;
    expect(k.kappa).toBe(kappa);
    expect(k.se).toBe(0);
    expect(k.ci95).toBeNull();
    expect(k.why.ci95).toMatch(/standard error is 0/);
  });

  it.each([
    ["kappa near 1 with a wide SE", [...rep("y", "y", 9), ...rep("n", "n", 1)]],
    ["kappa near -1", [...rep("y", "n", 4), ...rep("n", "y", 5), ...rep("y", "y", 1)]],
  ] as const)("bounds every interval to [-1, 1] (%s)", (_n, pairs) => {
    const t = table(pairs as [string, string][]);
    for (const ci of [cohenKappa(t)!.ci95, gwetAc1(t)!.ci95]) {
      if (!ci) continue;
      expect(ci[0]).toBeGreaterThanOrEqual(-1);
      expect(ci[1]).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ["no rows", [], "absent"],
    ["only single ratings", [["a", null], [null, "b"]], "absent"],
    ["one value everywhere", [["a", "a"], ["a", null], ["a", "a"]], null],
    ["one value among pairable, another unpairable", [["a", "a"], ["b", null]], null],
  ] as const)("Krippendorff's alpha with %s is %s", (_n, rows, want) => {
    const a = krippendorffAlpha(rows);
    expect(a === null ? "absent" : a.alpha).toBe(want);
    if (a?.alpha === null) expect(a.why).toMatch(/no variation/);
  });

  it.each([
    ["no complete item", [["a", null], [null, "b"]], "absent"],
    ["one category", [["x", "x", "x"], ["x", "x", "x"]], null],
  ] as const)("Fleiss' kappa with %s is %s", (_n, rows, want) => {
    const f = fleissKappa(rows);
    expect(f === null ? "absent" : f.kappa).toBe(want);
  });

  it("has prevalence and bias indices only for 2×2 tables", () => {
    expect(prevalenceBias(table([["a", "b"], ["c", "c"]]))).toBeNull();
    expect(prevalenceBias(table(rep("yes", "yes", 3)))).toBeNull();
    expect(prevalenceBias(table([], ["a", "b"]))).toBeNull();
  });

  it("leaves a figure out of the report, never NaN, when no item was rated by both", () => {
    const r = summariseAgreement(toRatings([["a", null, "b"], [null, "a", null]]));
    expect(r).toEqual({ raters: 2, items: 3, items_compared: 0, items_pairable: 0, categories: [], categories_not_compared: ["a", "b"] });
  });

  it("never writes NaN, 1 or 0 for an undefined figure: null, with the reason", () => {
    const r = summariseAgreement(toRatings([Array(8).fill("yes"), Array(8).fill("yes")]));
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
    expect(r.observed_agreement).toBe(1);
    expect(r.cohen_kappa).toBeNull();
    expect(r.krippendorff_alpha).toBeNull();
    expect(Object.keys(r.why_undefined!)).toEqual(["cohen_kappa", "pabak", "gwet_ac1", "krippendorff_alpha", "fleiss_kappa"]);
  });

  it("counts no category seen only on items one rater skipped (the same figures as on the compared items alone)", () => {
    const a = ["include", "include", "exclude", "include", "exclude", "unsure", "unsure"];
    const b = ["include", "exclude", "exclude", "include", "exclude", null, null];
    const all = summariseAgreement(toRatings([a, b]));
    const paired = summariseAgreement(toRatings([a.slice(0, 5), b.slice(0, 5)]));
    for (const key of ["observed_agreement", "cohen_kappa", "pabak", "gwet_ac1", "gwet_ac1_se", "krippendorff_alpha"] as const) expect(all[key]).toBe(paired[key]);
    expect(all.categories).toEqual(["exclude", "include"]);
    expect(all.categories_not_compared).toEqual(["unsure"]);
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
    const k = (pabak(t)!.value! - prevalence ** 2 + bias ** 2) / (1 - prevalence ** 2 + bias ** 2);
    expect(cohenKappa(t)!.kappa).toBeCloseTo(k, 12);
    expect(prevalence).toBe(Math.abs(a - d) / (a + b + c + d));
    expect(bias).toBe(Math.abs(b - c) / (a + b + c + d));
  });
});
