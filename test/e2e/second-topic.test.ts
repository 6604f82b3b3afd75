import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/io/workbook.js";
import type { CliResult } from "../helpers/cli.js";
import { ensureBuilt, tempDir } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv.js";
import { FORCED_MARRIAGE, runScenarioStudy } from "../helpers/scenario-run.js";
import { unzipEntries } from "../helpers/unzip.js";
import { CHROMIUM, chromium, measurePage, noChromiumLine } from "../helpers/chromium.js";

// A study of another topic, forced marriage (fixtures/scenarios/forced-marriage), run end to end from
// its own preset-style files: its terms, reasons and senses, categories, codebook, Table 1 and topic.
// Nothing of the south-london-2015 study may show: no output says "traffick", and every label a reader
// sees is one of the scenario's.

const json = (file: string) => JSON.parse(readFileSync(join(FORCED_MARRIAGE, file), "utf8"));
const REASONS: { id: string; label: string }[] = json("context-rules.json").reasons;
const CATEGORIES = json("categories.json");
const TOPIC = json("topic.json");
const TABLE1 = json("table1.json");

let out = "";
let runs: CliResult[] = [];

beforeAll(async () => {
  ensureBuilt();
  out = join(tempDir(), "out");
  runs = await runScenarioStudy(FORCED_MARRIAGE, out);
}, 600_000);

/** Every file under a folder, hidden ones included. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const ZIPPED = new Set([".xlsx", ".qdpx"]);
const decode = (xml: string) => xml.replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const texts = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, "gs"))].map((m) => decode(m[1].replace(/<[^>]+>/g, "")));

describe("a study of another topic, end to end (forced marriage)", () => {
  it("runs to its report, stopping at each human step until the raters' decisions are in", () => {
    expect(runs.map((r) => r.code), runs.map((r) => r.stderr).join("\n---\n")).toEqual([3, 3, 3, 3, 0]);
    expect(runs.slice(0, -1).map((r) => JSON.parse(r.stdout).stopped_at)).toEqual(["consensus", "consensus", "identify", "code"]);
    expect(existsSync(join(out, "report", "report.html"))).toBe(true);
  });

  it('writes no output that says "traffick": every CSV, workbook (its XML), page, figure and file', () => {
    const all = files(out);
    expect(all.filter((f) => extname(f) === ".xlsx").length).toBeGreaterThanOrEqual(8);
    const found: string[] = [];
    for (const f of all) {
      const bytes = readFileSync(f);
      const parts = ZIPPED.has(extname(f)) ? [...unzipEntries(bytes)].map(([name, data]) => [`${relative(out, f)}!${name}`, data.toString("utf8")] as const) : [[relative(out, f), bytes.toString("utf8")] as const];
      for (const [name, text] of parts) if (/traffick/i.test(text)) found.push(name);
    }
    expect(found).toEqual([]);
    for (const r of runs) expect(r.stderr + r.stdout).not.toMatch(/traffick/i);
  });

  it("counts its own exclusion reasons, in its order, in flow.csv and the workbooks' drop-downs", () => {
    expect(readCsv(join(out, "02-screening", "flow.csv")).filter((r) => r.step === "excluded" && r.reason !== "all").map((r) => [r.reason, r.total])).toEqual([
      ["hepatitis_b", "2"],
      ["service_or_policy", "1"],
      ["study_or_work", "2"],
      ["denied_or_ruled_out", "2"],
      ["someone_else", "2"],
      ["other_reason", "0"],
    ]);
    const sheet = unzipEntries(readFileSync(join(out, "02-screening", "screening.xlsx"))).get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheet).toContain(`<formula1>&quot;${REASONS.map((r) => r.id).join(",")}&quot;</formula1>`);
    expect(readCsv(join(out, "02-screening", "suggestions.csv")).filter((s) => s.suggestion === "exclude").map((s) => s.reason).every((r) => REASONS.some((x) => x.id === r))).toBe(true);
  });

  it("shows only the scenario's labels: flow chart, routes, Table 1, headings", () => {
    const html = readFileSync(join(out, "report", "report.html"), "utf8");
    expect(texts(html, "h1")).toEqual([TOPIC.title]);
    expect(texts(html.split("</head>")[0], "title")).toEqual([TOPIC.title]);

    // The flow chart names each reason with patients by the scenario's label.
    const svg = readFileSync(join(out, "report", "flow.svg"), "utf8");
    const bullets = texts(svg, "text").filter((t) => t.startsWith("• ")).map((t) => t.slice(2).replace(/\s*\(n\u00a0=\u00a0\d+\)$/, ""));
    expect(bullets).toEqual(["HBV meaning hepatitis B", "A policy or leaflet named after the topic", "Studies or works on the issue", "Forced marriage denied or ruled out", "Someone else's marriage"]);
    const flowRows = texts(html.split('<section id="flow">')[1].split("</section>")[0], "td").filter((t) => !/^\d+$/.test(t));
    expect(flowRows).toEqual(["Returned by the search", "Excluded on screening", ...REASONS.map((r) => r.label), "Included"]);

    // Routes: the heading, the categories file's labels, groups before their members, services under their category.
    const routes = html.split('<section id="routes">')[1].split("</section>")[0];
    expect(texts(routes, "th")[0]).toBe(TOPIC.routesHeading);
    const label = (id: string) => [...CATEGORIES.categories, ...CATEGORIES.groups, ...CATEGORIES.services].find((x: { id: string }) => x.id === id).label;
    const rowLabels = [...routes.matchAll(/<tr><td( class="[^"]*")?>([^<]*)<\/td>/g)].map((m) => [decode(m[2]), m[1] ?? ""]);
    expect(rowLabels).toEqual([
      [label("told_by_agency"), ""],
      ...["police", "fmu", "school", "social_care", "gp", "charity"].map((s) => [label(s), ' class="sub"']),
      [label("in_contact"), ""],
      [label("disclosed"), ' class="sub"'],
      [label("raised_by_team"), ' class="sub"'],
      [label("not_recorded"), ""],
    ]);

    // Table 1: the file's rows and categories, and the patients file's column it leaves out, named.
    const t1 = readCsv(join(out, "report", "table1.csv"));
    expect([...new Set(t1.map((r) => r.characteristic))]).toEqual(["Patients", ...TABLE1.rows.map((r: { label: string }) => r.label)]);
    const allowed = new Set<string>(["n", "Unknown"]);
    for (const r of TABLE1.rows) {
      for (const c of r.categories ?? []) allowed.add(c.label);
      for (const b of r.bands ?? []) allowed.add(b.label);
      if (r.missing?.label) allowed.add(r.missing.label);
      if (r.meanLabel) allowed.add(r.meanLabel);
    }
    expect(t1.map((r) => r.category).filter((c) => !allowed.has(c))).toEqual([]);
    expect(t1.find((r) => r.category === "South Asian")).toMatchObject({ total: "13 (65%)" });
    const note = "The patients file's column borough is not in Table 1";
    expect(decode(html)).toContain(note);
    expect(runs[runs.length - 1].stderr).toContain(note);
  });

  it("puts the same labels in report.xlsx and the study's words in the identification workbook", async () => {
    const wb = await readWorkbook(join(out, "report", "report.xlsx"));
    const rows = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
    expect(rows("Flow").filter((r) => r[0] === "excluded" && r[1] !== "all").map((r) => r[2])).toEqual(REASONS.map((r) => r.label));
    const routeLabels = rows("Routes").map((r) => String(r[0]).trim());
    const known = new Set([...CATEGORIES.categories, ...CATEGORIES.groups, ...CATEGORIES.services].map((x: { label: string }) => x.label));
    expect(routeLabels.filter((l) => !known.has(l))).toEqual([]);
    expect(rows("Routes").filter((r) => r[3] === 0).reduce((sum: number, r) => sum + Number(r[11]), 0)).toBe(20);
    expect(rows("Table 1").map((r) => String(r[0] ?? "")).filter((c) => c.startsWith("Note: "))).toEqual([expect.stringContaining("The patients file's column borough is not in Table 1")]);

    const about = (await readWorkbook(join(out, "03-identification", "identification.xlsx"))).getWorksheet("About")!.getSheetValues().slice(1).map((r) => String((r as unknown[])[1]));
    expect(about[0]).toContain(`came to be ${TOPIC.identifiedAs}.`);
    expect(about.join("\n")).toContain(`The first way the team learned of ${TOPIC.topic} counts.`);
  });
});

if (!CHROMIUM) console.warn(noChromiumLine("second-topic browser test"));

describe.skipIf(!CHROMIUM)("the second topic's report in a real browser (headless Chromium)", () => {
  it("loads without console errors, shows its tables and figures, and nothing overflows", () => {
    const page = join(out, "report", "report.html");
    const dom = chromium(["--dump-dom", `file://${page}`]);
    expect(dom.status).toBe(0);
    expect(dom.stderr.split("\n").filter((l) => l.includes(":CONSOLE"))).toEqual([]);
    expect(dom.stdout).toContain(TOPIC.routesHeading);

    const found = measurePage(page, `
  figures: [...document.querySelectorAll("figure svg")].filter((s) => box(s).width > 100 && box(s).height > 40).length,
  overflow: document.documentElement.scrollWidth > window.innerWidth,
  flowTextInside,
  routesRows: document.querySelectorAll("#routes tbody tr").length,`);
    expect(found).toEqual({ figures: 3, overflow: false, flowTextInside: true, routesRows: 11 });

    const shot = join(tempDir(), "screenshot.png");
    const r = chromium(["--window-size=1200,3000", `--screenshot=${shot}`, `file://${page}`]);
    expect(r.status).toBe(0);
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(statSync(shot).size).toBeGreaterThan(100_000);
  });
});
