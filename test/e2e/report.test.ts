import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cellText, readWorkbook } from "../../src/io/workbook.js";
import { cli, ensureBuilt, tempDir } from "../helpers/cli.js";
import { readCsv, readHeader } from "../helpers/csv.js";
import { writeStageOutputs } from "../report/stage-outputs.js";
import { xmlProblems } from "../report/xml.js";
import { CHROMIUM, chromium, measurePage, noChromiumLine } from "../helpers/chromium.js";

beforeAll(() => ensureBuilt());

function study(opts?: Parameters<typeof writeStageOutputs>[1], preset: string[] = ["--preset", "south-london-2015"]) {
  const root = tempDir();
  const { out, patients } = writeStageOutputs(root, opts);
  const run = (...extra: string[]) => cli(["report", "--out", out, "--patients", patients, ...preset, ...extra], root);
  return { root, out, dir: join(out, "report"), run };
}

describe("notes-analyse report (end to end)", () => {
  it("writes report.html, report.xlsx, table1.csv and flow.svg from the stage outputs", async () => {
    const s = study();
    const r = s.run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("report: Table 1 of 7 included patients (4 adult, 2 child)");
    expect(r.stderr).not.toContain("alert");

    expect(readHeader(join(s.dir, "table1.csv"))).toEqual(["characteristic", "category", "total", "adult", "child", "total_n", "adult_n", "child_n"]);
    const t1 = readCsv(join(s.dir, "table1.csv"));
    expect(t1.find((row) => row.category === "Female")).toEqual({ characteristic: "Gender", category: "Female", total: "5 (71%)", adult: "3 (75%)", child: "1 (50%)", total_n: "5", adult_n: "3", child_n: "1" });
    expect(t1.find((row) => row.category === "Police/courts")?.adult).toBe("1 (25%)");

    const svg = readFileSync(join(s.dir, "flow.svg"), "utf8");
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("Excluded on screening (n\u00a0=\u00a09)");

    const html = readFileSync(join(s.dir, "report.html"), "utf8");
    expect(html).not.toContain("not available yet");
    expect(html).not.toMatch(/<script|onload=|onclick=|<image|example\.org/);
    expect(html).toContain("Moved hostel again &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; lost her GP");
    expect(html).toContain(`<span class="flag">Name</span><span class="flag">Date</span>`);
    expect(html).toContain("50% (2/4)");
    expect(html).toContain("0.800 (0.100)");
    expect(html).toContain(`<svg id="theme-map-adult"`);
    expect(html).toContain(`marker-end="url(#theme-map-adult-arrow)"`);

    const wb = await readWorkbook(join(s.dir, "report.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Table 1", "Flow", "Routes", "Agreement", "Confusion matrices", "Coder agreement", "Themes", "Quotes"]);
    const rows = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(rows("Table 1")[0]).toEqual(["characteristic", "category", "total (n = 7)", "adult (n = 4)", "child (n = 2)", "total_n", "adult_n", "child_n"]);
    expect(rows("Table 1").find((row) => row[1] === "Female")).toEqual(["Gender", "Female", "5 (71%)", "3 (75%)", "1 (50%)", 5, 3, 1]);
    expect(rows("Flow").find((row) => row[1] === "drug_trafficking")).toEqual(["excluded", "drug_trafficking", "Drug trafficking", 4, 1, 0, 5]);
    // A table: one row per measure, one column per source, figures rounded to 3 places and still numbers.
    expect(rows("Agreement")[0]).toEqual(["measure", "Screening (two raters)"]);
    expect(rows("Agreement").find((row) => row[0] === "Cohen's kappa")).toEqual(["Cohen's kappa", 0.8]);
    for (const row of rows("Agreement").slice(1)) for (const v of row.slice(1)) if (typeof v === "number") expect(Number(v.toFixed(3))).toBe(v);
    expect(rows("Confusion matrices")[0][1]).toBe("rater 1 ↓ / rater 2 →");
    expect(rows("Coder agreement").find((row) => row[0] === "instability.accommodation")?.slice(6)).toEqual([0.95, 0.889, 0.889]);
    const quotes = wb.getWorksheet("Quotes")!;
    expect(cellText(quotes.getCell("A1"))).toBe("identifier_flags");
    // A quote that looks like a formula stays text in the workbook.
    const texts = quotes.getColumn(7).values.map((v) => String(v ?? ""));
    expect(texts.some((t) => t.startsWith("'=SUM(A1)"))).toBe(true);
  });

  it("without a preset: a neutral report, Table 1 of gender and age, and the columns it leaves out named", async () => {
    const s = study(undefined, []);
    const r = s.run();
    expect(r.code, r.stderr).toBe(0);
    const t1 = readCsv(join(s.dir, "table1.csv"));
    expect([...new Set(t1.map((row) => row.characteristic))]).toEqual(["Patients", "Gender", "Age at first contact (years)"]);
    const said = "The patients file's columns region_of_origin, exploitation_type and referral_route are not in Table 1: add a row for them to the study's Table 1 file (table1.json, or --table1) to show them.";
    expect(r.stderr).toContain(`report: ${said}`);
    const html = readFileSync(join(s.dir, "report.html"), "utf8");
    expect(html).toContain(said.replaceAll("'", "&#39;"));
    expect(html).toContain("<th scope=\"col\">How the team learned of the topic</th>");
    expect(html).toContain("Other service");
    expect(readFileSync(join(s.dir, "flow.svg"), "utf8")).toContain("Drug trafficking");
  });

  it("gives the same files for the same inputs (no timestamps)", () => {
    const s = study();
    expect(s.run().code).toBe(0);
    const first = ["report.html", "table1.csv", "flow.svg"].map((f) => readFileSync(join(s.dir, f), "utf8"));
    expect(s.run().code).toBe(0);
    expect(["report.html", "table1.csv", "flow.svg"].map((f) => readFileSync(join(s.dir, f), "utf8"))).toEqual(first);
  });

  it("shows a visible note in place of each section whose stage has not run", async () => {
    const s = study({ withThemes: false, withIdentification: false });
    const r = s.run("--json");
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(s.dir, "report.html"), "utf8");
    expect(html).toContain("not available yet: run notes-analyse identify (no 03-identification/summary.csv)");
    expect(html).toContain("not available yet: run notes-analyse code (no 04-themes/quotes.csv)");
    expect(html).toContain("<h2>Flow of patients</h2>");
    expect(JSON.parse(r.stdout)).toMatchObject({ included: 7, sections: { flow: true, "identification routes": false, quotes: false } });
    const wb = await readWorkbook(join(s.dir, "report.xlsx"));
    expect(cellText(wb.getWorksheet("Quotes")!.getCell("A2"))).toContain("run notes-analyse code");
  });

  it("exits 2 with a clear message when there is no eligible list", () => {
    const s = study();
    rmSync(join(s.out, "02-screening", "eligible.csv"));
    const r = s.run();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("eligible.csv: no eligible list yet (run notes-analyse consensus");
    expect(existsSync(join(s.dir, "report.html"))).toBe(false);
  });

  it("names file and line when flow.csv is damaged", () => {
    const s = study();
    writeFileSync(join(s.out, "02-screening", "flow.csv"), "step,reason,adult,child,unknown,total\nreturned,,ten,4,2,16\n");
    const r = s.run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/02-screening\/flow\.csv:2: column adult: expected a whole number/);
  });

  it("uses --eligible in place of the eligible list", () => {
    const s = study();
    const list = join(s.root, "mine.csv");
    writeFileSync(list, "patient_id\nP1\nP5\n");
    expect(s.run("--eligible", list).code).toBe(0);
    expect(readCsv(join(s.dir, "table1.csv"))[0]).toMatchObject({ total: "2", adult: "1", child: "1" });
  });
});

if (!CHROMIUM) console.warn(noChromiumLine("report browser test"));

describe.skipIf(!CHROMIUM)("report.html in a real browser (headless Chromium)", () => {
  it("loads without console errors or blocked loads, and shows its tables and figures", () => {
    const s = study();
    expect(s.run().code).toBe(0);
    const page = join(s.dir, "report.html");
    const dom = chromium(["--dump-dom", `file://${page}`]);
    expect(dom.status).toBe(0);
    // With --enable-logging every console message (errors, CSP refusals) is a CONSOLE line on stderr.
    expect(dom.stderr.split("\n").filter((l) => l.includes(":CONSOLE"))).toEqual([]);
    expect((dom.stdout.match(/<table/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(dom.stdout).toContain("Table 1. Characteristics of the included patients");
    expect((dom.stdout.match(/<svg/g) ?? []).length).toBe(3);

    // Measure the rendered page: a copy with a probe script (the report itself allows no scripts).
    const measured = measurePage(page, `
  tables: [...document.querySelectorAll("table")].filter((t) => box(t).width > 100 && box(t).height > 40).length,
  figures: [...document.querySelectorAll("figure svg")].filter((s) => box(s).width > 100 && box(s).height > 40).length,
  overflow: document.documentElement.scrollWidth > window.innerWidth,
  flowTextInside,`);
    expect(measured).toEqual({ tables: 7, figures: 3, overflow: false, flowTextInside: true });

    const shot = join(s.dir, "screenshot.png");
    const r = chromium(["--window-size=1200,3000", `--screenshot=${shot}`, `file://${page}`]);
    expect(r.status).toBe(0);
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 3000]);
    // A blank page compresses to a few kilobytes; tables, text and figures do not.
    expect(statSync(shot).size).toBeGreaterThan(100_000);
  });
});
