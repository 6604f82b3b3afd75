import { spawnSync, execSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "notes-analyse.js");
let dir: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "agreement", ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(name: string, rows: [string, string][], opts: { bom?: boolean; header?: string } = {}): string {
  const body = [opts.header ?? "patient_id,decision", ...rows.map(([id, v]) => `${id},${v}`)].join("\r\n");
  writeFileSync(join(dir, name), `${opts.bom ? "\uFEFF" : ""}${body}\r\n`);
  return name;
}

/** Cohen's worked example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → kappa 0.4. */
const first: [string, string][] = [];
const second: [string, string][] = [];
for (const [a, b, k] of [["yes", "yes", 20], ["yes", "no", 5], ["no", "yes", 10], ["no", "no", 15]] as const) {
  for (let i = 0; i < k; i++) {
    const id = `p${String(first.length + 1).padStart(2, "0")}`;
    first.push([id, a]);
    second.push([id, b]);
  }
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) execSync("npm run build", { cwd: ROOT, stdio: "ignore" });
  dir = mkdtempSync(join(tmpdir(), "agreement-e2e-"));
  csv("r1.csv", first);
  csv("r2.csv", second, { bom: true });
  csv("r3.csv", second.map(([id, v], i) => [id, i % 7 === 0 ? "" : v]));
  csv("other-columns-1.csv", first, { header: "BrcId,screen" });
  csv("other-columns-2.csv", second, { header: "BrcId,screen" });
  csv("other-ids.csv", second.map(([id, v]) => [`x${id}`, v]));
  // Rater 1 again as a workbook: a notes sheet first, the ratings on the second sheet under a title row.
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("About").addRow(["Screening decisions, rater 1"]);
  const ws = wb.addWorksheet("Decisions");
  ws.addRow(["Second-rater screening"]);
  ws.addRow(["patient_id", "comment", "decision"]);
  for (const [id, v] of first) ws.addRow([id, "", v]);
  await wb.xlsx.writeFile(join(dir, "r1.xlsx"));
});

describe("notes-analyse agreement", () => {
  it("prints one JSON object with the SPEC §7 keys and Cohen's published kappa", () => {
    const r = cli("r1.csv", "r2.csv", "--format", "json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.cohen_kappa).toBeCloseTo(0.4, 12);
    expect(j).toMatchObject({ raters: 2, items: 50, items_compared: 50, categories: ["no", "yes"], thresholds: {}, passed: true });
    for (const key of ["observed_agreement", "cohen_kappa_se", "cohen_kappa_ci95", "pabak", "gwet_ac1", "prevalence_index", "bias_index", "krippendorff_alpha", "fleiss_kappa"]) {
      expect(j, key).toHaveProperty(key);
    }
    expect(j.confusion_matrix).toEqual({ no: { no: 15, yes: 10 }, yes: { no: 5, yes: 20 } });
  });

  it("prints the same single object for --json as for --format json", () => {
    const a = cli("r1.csv", "r2.csv", "--format", "json");
    const b = cli("r1.csv", "r2.csv", "--json");
    expect(b.stdout).toBe(a.stdout);
  });

  it("reads an XLSX rater file (second sheet, header under a title row) like its CSV", () => {
    const fromCsv = JSON.parse(cli("r1.csv", "r2.csv", "--format", "json").stdout);
    const r = cli("r1.xlsx", "r2.csv", "--format", "json");
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(fromCsv);
  });

  it.each([
    ["kappa met", ["--min-kappa", "0.35"], 0, true],
    ["kappa missed", ["--min-kappa", "0.45"], 1, false],
    ["kappa exactly met", ["--min-kappa", "0.4"], 0, true],
    ["alpha missed", ["--min-alpha", "0.9"], 1, false],
    ["one of two missed", ["--min-kappa", "0.1", "--min-alpha", "0.9"], 1, false],
  ])("exits by the thresholds: %s", (_name, flags, code, passed) => {
    const r = cli("r1.csv", "r2.csv", "--format", "json", ...flags);
    expect(r.code).toBe(code);
    expect(JSON.parse(r.stdout).passed).toBe(passed);
    if (code === 1) expect(r.stderr).toMatch(/threshold not met/);
  });

  it.each([
    ["no threshold: one passing case with the figures", [], 1, 0],
    ["one threshold met", ["--min-kappa", "0.3"], 1, 0],
    ["two thresholds, one missed", ["--min-kappa", "0.3", "--min-alpha", "0.9"], 2, 1],
  ])("writes JUnit XML: %s", (_name, flags, cases, failures) => {
    const r = cli("r1.csv", "r2.csv", "--format", "junit", ...flags);
    expect(r.code).toBe(failures ? 1 : 0);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(r.stdout.match(/<testcase /g)?.length).toBe(cases);
    expect(r.stdout.match(/<failure /g)?.length ?? 0).toBe(failures);
    expect(r.stdout).toContain(`failures="${failures}"`);
    expect(r.stdout.trimEnd().endsWith("</testsuites>")).toBe(true);
  });

  it("prints a readable table by default", () => {
    const r = cli("r1.csv", "r2.csv", "--min-kappa", "0.3");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Cohen's kappa\s+0\.400\s+SE 0\.127\s+95% CI 0\.151 to 0\.649/);
    expect(r.stdout).toMatch(/PASS {2}Cohen's kappa 0\.400 ≥ 0\.3/);
  });

  it("gives Fleiss' kappa and alpha, not the two-rater figures, for three raters with missing ratings", () => {
    const j = JSON.parse(cli("r1.csv", "r2.csv", "r3.csv", "--format", "json", "--min-kappa", "0").stdout);
    expect(j.raters).toBe(3);
    expect(j.items_compared).toBe(42);
    expect(j.items_pairable).toBe(50);
    expect(typeof j.fleiss_kappa).toBe("number");
    expect(typeof j.krippendorff_alpha).toBe("number");
    expect(j).not.toHaveProperty("cohen_kappa");
    expect(j).not.toHaveProperty("confusion_matrix");
  });

  it("takes other column names with --id and --column", () => {
    const r = cli("other-columns-1.csv", "other-columns-2.csv", "--id", "BrcId", "--column", "screen", "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cohen_kappa).toBeCloseTo(0.4, 12);
  });

  it("gives weighted kappa over the --order scale, checked by --min-kappa", () => {
    csv("ord1.csv", ["none", "mild", "severe", "mild", "none", "severe", "mild", "none"].map((v, i) => [`u${i}`, v]));
    csv("ord2.csv", ["none", "severe", "severe", "mild", "mild", "severe", "none", "none"].map((v, i) => [`u${i}`, v]));
    const j = JSON.parse(cli("ord1.csv", "ord2.csv", "--order", "none,mild,moderate,severe", "--weights", "quadratic", "--format", "json").stdout);
    expect(j.categories).toEqual(["none", "mild", "moderate", "severe"]);
    expect(j.weights).toBe("quadratic");
    expect(typeof j.weighted_kappa).toBe("number");
    expect(j.weighted_kappa).not.toBeCloseTo(j.cohen_kappa, 6);
    expect(j.methods.weighted_kappa_ci95).toMatch(/quadratic weights over none < mild < moderate < severe/);
    const gate = cli("ord1.csv", "ord2.csv", "--order", "none,mild,moderate,severe", "--weights", "quadratic", "--min-kappa", String(j.weighted_kappa - 0.01));
    expect(gate.code).toBe(0);
    expect(gate.stdout).toMatch(/PASS {2}weighted kappa/);
  });

  it("says undefined, with the reason, for a figure the data leave 0/0, and fails a threshold on it", () => {
    csv("same1.csv", Array.from({ length: 6 }, (_, i) => [`s${i}`, "include"] as [string, string]));
    csv("same2.csv", Array.from({ length: 6 }, (_, i) => [`s${i}`, "include"] as [string, string]));
    const j = JSON.parse(cli("same1.csv", "same2.csv", "--format", "json").stdout);
    expect(j.cohen_kappa).toBeNull();
    expect(j.krippendorff_alpha).toBeNull();
    expect(j.observed_agreement).toBe(1);
    expect(j.why_undefined.cohen_kappa).toMatch(/same single category/);
    const text = cli("same1.csv", "same2.csv", "--min-kappa", "0.6");
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Cohen's kappa\s+undefined \(both raters put every item in the same single category/);
    expect(text.stdout).toMatch(/agreed\s+6 of 6 agreed \(1\.000\)/);
    expect(text.stdout).toMatch(/FAIL {2}Cohen's kappa could not be computed \(both raters/);
  });

  it("draws the same bootstrap interval for alpha with the same seed, and says how", () => {
    const a = JSON.parse(cli("r1.csv", "r2.csv", "--format", "json", "--seed", "7", "--resamples", "200").stdout);
    const b = JSON.parse(cli("r1.csv", "r2.csv", "--format", "json", "--seed", "7", "--resamples", "200").stdout);
    const c = JSON.parse(cli("r1.csv", "r2.csv", "--format", "json", "--seed", "8", "--resamples", "200").stdout);
    expect(a.krippendorff_alpha_ci95).toEqual(b.krippendorff_alpha_ci95);
    expect(a.krippendorff_alpha_ci95).not.toEqual(c.krippendorff_alpha_ci95);
    expect(a.krippendorff_alpha_bootstrap).toEqual({ resamples: 200, used: 200, seed: 7 });
    expect(a.methods.krippendorff_alpha_ci95).toMatch(/percentile bootstrap over items .*200 resamples, seed 7/);
    expect(a.krippendorff_alpha_ci95[0]).toBeLessThan(a.krippendorff_alpha);
    expect(a.krippendorff_alpha_ci95[1]).toBeGreaterThan(a.krippendorff_alpha);
    expect(a.gwet_ac1_ci95[1]).toBeLessThanOrEqual(1);
    expect(JSON.parse(cli("r1.csv", "r2.csv", "--format", "json", "--resamples", "0").stdout).krippendorff_alpha_ci95).toBeUndefined();
  });

  it.each([
    ["one file", ["r1.csv"], /two or more rater files/],
    ["a missing file", ["r1.csv", "nope.csv"], /nope\.csv: file not found/],
    ["a missing rating column", ["r1.csv", "r2.csv", "--column", "verdict"], /r1\.csv: no column "verdict" \(columns found: "patient_id", "decision"; name the right one with --column\)/],
    ["a bad threshold", ["r1.csv", "r2.csv", "--min-kappa", "high"], /--min-kappa: expected a number/],
    ["a threshold in percent", ["r1.csv", "r2.csv", "--min-alpha", "80"], /use 0\.8/],
    ["an unknown format", ["r1.csv", "r2.csv", "--format", "xml"], /--format: expected one of text, json, junit/],
    ["an id column one file lacks", ["r1.csv", "other-columns-1.csv"], /other-columns-1\.csv: no column "patient_id" \(columns found: "BrcId", "screen"; name the right one with --id\)/],
    ["no id in common", ["r1.csv", "other-ids.csv"], /no item has ratings in two files/],
    ["unknown weights", ["r1.csv", "r2.csv", "--weights", "cubic"], /--weights: expected one of linear, quadratic/],
    ["a rating off the --order scale", ["r1.csv", "r2.csv", "--order", "no,maybe"], /a rating "yes" is not in --order no,maybe/],
    ["an --order category twice", ["r1.csv", "r2.csv", "--order", "no,yes,no"], /--order: category "no" is listed twice/],
    ["weights with three raters", ["r1.csv", "r2.csv", "r3.csv", "--weights", "linear"], /weighted kappa is for two raters/],
    ["a bad resample count", ["r1.csv", "r2.csv", "--resamples", "-3"], /--resamples: expected a whole number/],
  ])("exits 2 with one clear line for %s", (_name, args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
