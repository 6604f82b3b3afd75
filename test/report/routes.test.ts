import { describe, expect, it } from "vitest";
import { agreementView } from "../../src/report/agreement-view.js";
import type { CsvTable } from "../../src/report/report-inputs.js";
import { matrixLabel, routeSchemeOf, routesView } from "../../src/report/routes.js";
import { PRESET_VOCABULARY } from "./vocabulary.js";

const HEADER = ["group", "category", "service", "n", "denominator", "percent", "formatted", "n_confirmed"];
const row = (...v: string[]) => Object.fromEntries(HEADER.map((h, i) => [h, v[i] ?? ""]));

// The shape identify writes: per group, a reporting group's total before its members, services under other_service.
const SUMMARY: CsvTable = {
  file: "03-identification/summary.csv",
  columns: HEADER,
  rows: [
    row("adult", "other_service", "", "41", "95", "43.2", "43% (41/95)", "41"),
    row("adult", "other_service", "gp", "7", "95", "7.4", "7.4% (7/95)", "5"),
    row("adult", "during_contact", "", "47", "95", "49.5", "49% (47/95)", "47"),
    row("adult", "during_contact_historical", "", "38", "95", "40.0", "40% (38/95)", "38"),
    row("adult", "unknown", "", "7", "95", "7.4", "7.4% (7/95)", "7"),
    row("child", "other_service", "", "23", "35", "65.7", "66% (23/35)", "23"),
    row("child", "other_service", "social_services", "10", "35", "28.6", "29% (10/35)", "10"),
    row("child", "unknown", "", "1", "35", "2.9", "2.9% (1/35)", "1"),
    row("total", "other_service", "", "64", "130", "49.2", "49% (64/130)", "64"),
  ],
};

describe("routesView", () => {
  const view = routesView(SUMMARY, PRESET_VOCABULARY.routes)!;

  it("has a column per group, adults and children first, with the group's size", () => {
    expect(view.columns).toEqual([
      { group: "adult", label: "Adults (n = 95)" },
      { group: "child", label: "Children (n = 35)" },
      { group: "total", label: "Total (n = 130)" },
    ]);
  });

  it("lists categories in the file's order, with the categories file's labels, their services and members under them", () => {
    expect(view.rows.map((r) => [r.label, r.sub])).toEqual([
      ["Informed by another service", false],
      ["GP", true],
      ["Social services", true],
      ["Identified during contact", false],
      ["During contact: disclosed past trafficking", true],
      ["Unknown", false],
    ]);
  });

  it("without a categories file, makes ids readable and puts a category named after a group under it", () => {
    expect(routesView(SUMMARY)!.rows.map((r) => [r.label, r.level])).toEqual([
      ["Other service", 0],
      ["Gp", 1],
      ["Social services", 1],
      ["During contact", 0],
      ["During contact historical", 1],
      ["Unknown", 0],
    ]);
  });

  it("nests by the categories file's groups, whatever the ids, so only top-level rows add up to the column", () => {
    // A domestic-abuse scheme whose sub-categories are not named after their group, and whose
    // service category is itself a member of a group: its services sit one level deeper.
    const scheme = routeSchemeOf({
      categories: [
        { id: "told_by_agency", label: "Told by another agency", group: "outside" },
        { id: "disclosed", label: "Disclosed to the team", group: "in_contact" },
        { id: "asked", label: "Asked by the team (routine enquiry)", group: "in_contact" },
        { id: "unknown", label: "Not recorded" },
      ],
      groups: [
        { id: "outside", label: "From outside the team" },
        { id: "in_contact", label: "During contact" },
      ],
      services: [{ id: "marac_idva", label: "MARAC or IDVA" }],
    });
    const r = (category: string, service: string, n: string) => row("adult", category, service, n, "20", "", "", n);
    const table: CsvTable = {
      file: "s.csv",
      columns: HEADER,
      rows: [r("outside", "", "6"), r("told_by_agency", "", "6"), r("told_by_agency", "marac_idva", "6"), r("in_contact", "", "12"), r("disclosed", "", "9"), r("asked", "", "3"), r("unknown", "", "2")],
    };
    const rows = routesView(table, scheme)!.rows;
    expect(rows.map((x) => [x.label, x.level])).toEqual([
      ["From outside the team", 0],
      ["Told by another agency", 1],
      ["MARAC or IDVA", 2],
      ["During contact", 0],
      ["Disclosed to the team", 1],
      ["Asked by the team (routine enquiry)", 1],
      ["Not recorded", 0],
    ]);
    const top = rows.filter((x) => x.level === 0).reduce((sum, x) => sum + (x.counts.adult.n ?? 0), 0);
    expect(top).toBe(20);
  });

  it("shows the study's style and only a shortfall of rater confirmation", () => {
    expect(view.rows[0].cells.adult).toEqual({ text: "43% (41/95)" });
    expect(view.rows[1].cells.adult).toEqual({ text: "7.4% (7/95)", confirmed: "5" });
    expect(view.rows[2].cells.adult).toBeUndefined();
  });

  it("formats n/denominator itself when the file has no formatted column", () => {
    const bare: CsvTable = { file: "s.csv", columns: ["group", "category", "n", "denominator"], rows: [{ group: "adult", category: "unknown", n: "7", denominator: "95" }] };
    expect(routesView(bare)!.rows[0].cells.adult).toEqual({ text: "7% (7/95)" });
  });

  it("gives up (so the file is shown as written) without group and category", () => {
    expect(routesView({ file: "s.csv", columns: ["route", "n"], rows: [] })).toBeNull();
  });
});

describe("agreementView", () => {
  const report = {
    seed: 2015, first: 10, fraction: 0.1, sampled: 79, raters: 2, items: 79, items_compared: 79, categories: ["exclude", "include"],
    observed_agreement: 0.9493670886, cohen_kappa: 0.857, cohen_kappa_se: 0.0693, cohen_kappa_ci95: [0.7212, 0.9928], pabak: 0.8987,
    confusion_matrix: { exclude: { exclude: 59, include: 4 }, include: { exclude: 0, include: 16 } },
  };
  const view = agreementView([{ label: "Screening", file: "a.json", report }, { label: "Routes", file: "b.json", report: { raters: 2, items: 5, items_compared: 5, observed_agreement: 1 } }]);

  it("puts the figures side by side, to 3 places, with the kappa's SE and interval", () => {
    const get = (m: string) => view.rows.find((r) => r.measure === m)?.values;
    expect(get("Observed agreement")).toEqual(["0.949", "1.000"]);
    expect(get("Cohen's kappa (SE)")).toEqual(["0.857 (0.069)", "–"]);
    expect(get("Cohen's kappa 95% CI")).toEqual(["0.721 to 0.993", "–"]);
    expect(get("Second-rater sample")).toEqual(["first 10 + 10% at random, seed 2015: 79 patients", "–"]);
    expect(get("Gwet's AC1")).toBeUndefined();
  });

  it("writes counts as 'n of m agreed (p)', undefined figures with their reason, and each interval's method", () => {
    const undefinedKappa = { raters: 2, items: 6, items_compared: 6, items_agreed: 6, observed_agreement: 1, cohen_kappa: null, cohen_kappa_se: null, cohen_kappa_ci95: null, why_undefined: { cohen_kappa: "both raters put every item in the same single category" } };
    const withCi = { ...report, items_agreed: 75, gwet_ac1: 0.9219, gwet_ac1_se: 0.0394, gwet_ac1_ci95: [0.8446, 0.9992], methods: { gwet_ac1_ci95: "AC1 ± 1.96·SE" } };
    const v = agreementView([{ label: "A", file: "a.json", report: withCi }, { label: "B", file: "b.json", report: undefinedKappa }]);
    const get = (m: string) => v.rows.find((r) => r.measure === m)?.values;
    expect(get("Observed agreement")).toEqual(["75 of 79 agreed (0.949)", "6 of 6 agreed (1.000)"]);
    expect(get("Cohen's kappa (SE)")).toEqual(["0.857 (0.069)", "undefined (both raters put every item in the same single category)"]);
    expect(get("Gwet's AC1 95% CI")).toEqual(["0.845 to 0.999", "–"]);
    expect(v.methods).toEqual(["Gwet's AC1: AC1 ± 1.96·SE."]);
    const cell = (m: string) => v.cells.find((r) => r.measure === m)?.values;
    expect(cell("Cohen's kappa")).toEqual([0.857, "undefined (both raters put every item in the same single category)"]);
    expect(cell("Gwet's AC1 95% CI upper")).toEqual([0.999, ""]);
    expect(cell("Items agreed")).toEqual([75, 6]);
  });

  it("keeps each confusion matrix in category order", () => {
    expect(view.matrices).toEqual([{ source: "Screening", categories: ["exclude", "include"], counts: [[59, 4], [0, 16]] }]);
  });

  it("names a matrix's route and service categories by the study's labels, keeping other ids as recorded", () => {
    const scheme = routeSchemeOf({
      categories: [{ id: "told_by_agency", label: "Told by another agency" }, { id: "disclosed", label: "The patient disclosed it" }],
      groups: [],
      services: [{ id: "charity", label: "A specialist charity" }],
    });
    const routes = { raters: 2, items: 3, categories: ["disclosed", "told_by_agency:charity", "told_by_agency:unspecified", "other"], confusion_matrix: { disclosed: { disclosed: 2 } } };
    const v = agreementView([{ label: "Routes", file: "r.json", report: routes }], matrixLabel(scheme));
    expect(v.matrices[0].categories).toEqual(["The patient disclosed it", "Told by another agency: A specialist charity", "Told by another agency: Service not given", "other"]);
    expect(v.matrices[0].counts[0]).toEqual([2, 0, 0, 0]);
    expect(agreementView([{ label: "Screening", file: "a.json", report }], matrixLabel(scheme)).matrices[0].categories).toEqual(["exclude", "include"]);
  });
});
