import { describe, expect, it } from "vitest";
import { performanceCard, type CardItem } from "../../src/report/performance/compute.js";
import { performanceHtml } from "../../src/report/performance/html.js";
import { performanceSheet } from "../../src/report/performance/sheet.js";
import { codeRules } from "../../src/report/performance/read-inputs.js";

const item = (i: number, suggested: string, final: string, rule: string): CardItem => ({ id: `P${i}`, suggested, rule, final, doc: { text: final === "include" ? `trafficked and forced to work ${i}` : `drug trafficking charge ${i}` } });

describe("performance card", () => {
  const screening = [
    ...Array.from({ length: 10 }, (_, i) => item(i, "include", "include", "affirmed")),
    ...Array.from({ length: 10 }, (_, i) => item(10 + i, "exclude", "exclude", "sense.drug")),
    item(20, "include", "exclude", "affirmed"),
    item(21, "unsure", "include", "unc.question"),
  ];
  const card = performanceCard({ seed: 3, screening });
  it("compares the rules' suggestions with the final decisions: confusion matrix and kappa", () => {
    const rules = card.comparisons.find((c) => c.source === "rules")!;
    expect(rules.categories).toEqual(["exclude", "include", "unsure"]);
    expect(rules.counts).toEqual([[10, 0, 0], [1, 10, 0], [0, 1, 0]]);
    expect(rules.n).toBe(22);
    expect(rules.kappa!.observed).toBeCloseTo(20 / 22, 12);
  });
  it("gives the model's out-of-fold figures beside them", () => {
    const model = card.comparisons.find((c) => c.source === "model")!;
    expect(model.n).toBe(22);
    expect(model.kappa!.kappa).toBeGreaterThan(0.8);
  });
  it("gives each rule id's precision, most fired first", () =>
    expect(card.rules).toEqual([
      { task: "screening", rule: "affirmed", fired: 11, agreed: 10 },
      { task: "screening", rule: "sense.drug", fired: 10, agreed: 10 },
      { task: "screening", rule: "unc.question", fired: 1, agreed: 0 },
    ]));
  it("says when there are too few decisions for the model", () => {
    const small = performanceCard({ seed: 3, screening: screening.slice(8, 14) });
    expect(small.comparisons.map((c) => c.source)).toEqual(["rules"]);
    expect(small.notes[0]).toMatch(/^screening: 6 decisions; the model needs 10/);
  });
  it("labels the model's figures as such, escapes every value, and fills the workbook sheet", () => {
    const html = performanceHtml({ ...card, rules: [...card.rules, { task: "screening", rule: "<script>", fired: 1, agreed: 1 }] });
    expect(html).toContain("Model (suggested at a model score ≥ 0.5), out-of-fold, 5-fold cross-validation, seed 3");
    expect(html).not.toContain("<script>");
    const sheet = performanceSheet(card);
    expect(sheet.rows.find((r) => r.measure === "cohen_kappa" && r.source === "rules")!.value).toBeCloseTo(card.comparisons[0].kappa!.kappa!, 4);
  });
  it("reads a pattern cell without the note's words", () => expect(codeRules('a.b ← "x; y" (pat*); c.d ← "z" (patterns[2])')).toEqual(["a.b (pat*)", "c.d (patterns[2])"]));
});
