import { describe, expect, it } from "vitest";
import { renderJunit } from "../../../src/stages/agreement/render-junit.js";
import { escapeXml as xml } from "../../../src/io/escape-xml.js";
import { fixed, renderText, thresholdLine } from "../../../src/stages/agreement/render-text.js";
import { summariseAgreement } from "../../../src/stats/agreement/summarise.js";
import { checkThresholds, withVerdict, type Thresholds } from "../../../src/stats/agreement/thresholds.js";
import { toRatings } from "../../stats/agreement/load-vectors.js";

const two = summariseAgreement(toRatings([["a", "a", "b", "b", "<&>"], ["a", "b", "b", "b", "<&>"]]));
const run = (t: Thresholds) => {
  const checks = checkThresholds(two, t);
  const out = withVerdict(two, t, checks);
  const text = renderText(out, checks, ["r1.csv", "r2.csv"]);
  return { checks, out, text, junit: renderJunit(out, checks, text) };
};

describe("text report", () => {
  it("shows counts, figures, the confusion matrix and each threshold", () => {
    const { text } = run({ min_kappa: 0.5, min_alpha: 0.99 });
    expect(text).toMatch(/^Agreement between 2 raters: r1\.csv, r2\.csv\n/);
    expect(text).toMatch(/items\s+5 \(5 rated by both, 5 with two or more ratings\)/);
    expect(text).toMatch(/Cohen's kappa\s+0\.\d{3}\s+SE 0\.\d{3}\s+95% CI -?\d\.\d{3} to \d\.\d{3}/);
    expect(text).toMatch(/Confusion matrix \(rows r1\.csv, columns r2\.csv\)/);
    expect(text).toMatch(/PASS {2}Cohen's kappa 0\.\d{3} ≥ 0\.5 \(--min-kappa\)/);
    expect(text).toMatch(/FAIL {2}Krippendorff's alpha 0\.\d{3} < 0\.99 \(--min-alpha\)/);
  });

  it.each([
    [0.6999, 0.7, "0.6999"],
    [0.69999999, 0.7, "0.69999999"],
    [0.8123, 0.7, "0.812"],
    [0.7, 0.7, "0.700"],
  ])("writes %s against %s as %s, so it never looks equal to a threshold it missed", (x, min, want) => {
    expect(fixed(x, min)).toBe(want);
  });

  it("says when a thresholded figure could not be computed", () => {
    expect(thresholdLine({ threshold: "min_kappa", figure: "fleiss_kappa", min: 0.6, value: null, passed: false })).toBe(
      "FAIL  Fleiss' kappa could not be computed, so --min-kappa 0.6 is not met",
    );
  });
});

describe("JUnit report", () => {
  it.each([
    ["no threshold", {}, 1, 0],
    ["one met", { min_kappa: 0 }, 1, 0],
    ["one met, one missed", { min_kappa: 0, min_alpha: 0.99 }, 2, 1],
  ] as const)("%s: %i test cases, %i failures", (_n, t, cases, failures) => {
    const { junit } = run(t);
    expect(junit.match(/<testcase /g)).toHaveLength(cases);
    expect(junit.match(/<failure /g) ?? []).toHaveLength(failures);
    expect(junit).toContain(`<testsuites name="notes-analyse agreement" tests="${cases}" failures="${failures}" errors="0">`);
  });

  it("escapes category names and keeps the XML free of raw markup characters from the data", () => {
    const { junit } = run({});
    expect(junit).toContain("&lt;&amp;&gt;");
    expect(junit).not.toContain("<&>");
    expect(xml('a"b\u0001c')).toBe("a&quot;bc");
  });
});
