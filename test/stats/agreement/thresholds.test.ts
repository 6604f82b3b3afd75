import { describe, expect, it } from "vitest";
import { checkThresholds } from "../../../src/stats/agreement/thresholds.js";
import type { AgreementReport } from "../../../src/stats/agreement/summarise.js";

const base = { items: 10, items_compared: 10, items_pairable: 10, categories: ["a", "b"] };
const two: AgreementReport = { ...base, raters: 2, cohen_kappa: 0.4, fleiss_kappa: 0.39, krippendorff_alpha: 0.41 };
const three: AgreementReport = { ...base, raters: 3, fleiss_kappa: 0.6, krippendorff_alpha: 0.62 };
const noFleiss: AgreementReport = { ...base, raters: 3, items_compared: 0, krippendorff_alpha: 0.5 };

describe("thresholds", () => {
  it.each([
    ["two raters: kappa is Cohen's", two, { min_kappa: 0.4 }, [["cohen_kappa", 0.4, true]]],
    ["two raters: kappa below", two, { min_kappa: 0.45 }, [["cohen_kappa", 0.4, false]]],
    ["rounding slack", { ...two, cohen_kappa: 0.3999999999999999 }, { min_kappa: 0.4 }, [["cohen_kappa", 0.3999999999999999, true]]],
    ["three raters: kappa is Fleiss'", three, { min_kappa: 0.7 }, [["fleiss_kappa", 0.6, false]]],
    ["alpha", three, { min_alpha: 0.6 }, [["krippendorff_alpha", 0.62, true]]],
    ["both", two, { min_kappa: 0.3, min_alpha: 0.5 }, [["cohen_kappa", 0.4, true], ["krippendorff_alpha", 0.41, false]]],
    ["a figure that could not be computed fails", noFleiss, { min_kappa: 0 }, [["fleiss_kappa", null, false]]],
    ["no thresholds", two, {}, []],
  ] as const)("%s", (_n, report, thresholds, want) => {
    const got = checkThresholds(report, thresholds).map((c) => [c.figure, c.value, c.passed]);
    expect(got).toEqual(want);
  });
});
