/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { cellText, readWorkbook } from "../../src/io/workbook.js";
import { join, relative } from "node:path";
import { cli, ensureBuilt, ROOT, tempDir } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv.js";

const DEMO = join(ROOT, "fixtures", "south-london-demo");

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const csvFiles = (dir: string) => listFiles(dir).filter((f) => f.endsWith(".csv"));

/** Every sheet's cell values as text, row by row. */
async function workbookCells(path: string): Promise<Record<string, string[][]>> {
  const wb = await readWorkbook(path);
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c) => cells.push(cellText(c)));
      rows.push(cells);
    });
    out[ws.name] = rows;
  }
  return out;
}

let first: string;
let firstRun: ReturnType<typeof cli>;

beforeAll(() => {
  ensureBuilt();
  first = tempDir("na-demo-");
  firstRun = cli(["run", "--demo", "--out", join(first, "out")], first);
}, 300_000);

describe("notes-analyse run --demo", () => {
  it("runs the whole pipeline with the bundled synthetic raters and ends with the report's path and a summary", () => {
    expect(firstRun.code, firstRun.stderr.slice(-500)).toBe(0);
    expect(firstRun.stderr).toContain(`run: report at ${join(first, "out", "report", "report.html")}`);
    expect(firstRun.stderr).toContain("returned 691, excluded 561, included 130 (95 adults, 35 children)");
    expect(firstRun.stderr).toMatch(/screening, second-rater sample: \d+ of \d+ agreed \(0\.\d{3}\), Cohen's kappa 0\.\d{3}/);
    expect(firstRun.stderr).toMatch(/themes \(child\): .*identity/);
  });

  it("gives, from agreement on the two screening workbooks, the figures consensus wrote for the report", () => {
    const dir = join(first, "out", "02-screening");
    const r = cli(["agreement", join(dir, "screening.xlsx"), join(dir, "second-rater.xlsx"), "--format", "json"], first);
    expect(r.code, r.stderr).toBe(0);
    const command = JSON.parse(r.stdout) as Record<string, unknown>;
    const report = JSON.parse(readFileSync(join(dir, "agreement.json"), "utf8")) as Record<string, unknown>;
    for (const key of ["items_compared", "items_agreed", "categories", "observed_agreement", "cohen_kappa", "cohen_kappa_ci95", "pabak", "gwet_ac1", "gwet_ac1_ci95", "krippendorff_alpha", "krippendorff_alpha_ci95", "confusion_matrix"]) {
      expect(command[key], key).toEqual(report[key]);
    }
  });

  it("reproduces the study's identification routes from the confirmed routes", () => {
    const summary = readCsv(join(first, "out", "03-identification", "summary.csv"));
    const cell = (group: string, category: string) => summary.find((r) => r.group === group && r.category === category && !r.service)?.formatted;
    expect(cell("adult", "other_service")).toBe("43% (41/95)");
    expect(cell("adult", "during_contact")).toBe("49% (47/95)");
    expect(cell("adult", "during_contact_recent")).toMatch(/\(9\/95\)$/);
    expect(cell("adult", "unknown")).toMatch(/\(7\/95\)$/);
    expect(cell("child", "other_service")).toMatch(/\(23\/35\)$/);
    expect(cell("child", "during_contact")).toMatch(/\(11\/35\)$/);
    expect(cell("child", "during_contact_recent")).toMatch(/\(3\/35\)$/);
    expect(cell("child", "unknown")).toMatch(/\(1\/35\)$/);
  });

  it("reproduces Table 1 of the study (SPEC §6) from the demo patients", () => {
    const t = readCsv(join(first, "out", "report", "table1.csv"));
    const n = (characteristic: string, category: string) => {
      const r = t.find((x) => x.characteristic === characteristic && x.category === category);
      return r ? [r.total_n, r.adult_n, r.child_n].map(Number) : undefined;
    };
    const gender = t.find((x) => x.category === "Female")!;
    expect([gender.total_n, gender.adult_n, gender.child_n].map(Number)).toEqual([101, 76, 25]);
    const region = t.filter((x) => ["Europe", "Africa", "Asia"].includes(x.category)).map((x) => [x.category, Number(x.total_n), Number(x.adult_n), Number(x.child_n)]);
    expect(region).toEqual([
      ["Europe", 22, 22, 0],
      ["Africa", 65, 47, 18],
      ["Asia", 27, 16, 11],
    ]);
    const ages = ["8–11", "12–15", "16–17", "18–25", "26–33", "34+"].map((band) => Number(t.find((x) => x.category === band)?.total_n));
    expect(ages).toEqual([6, 11, 18, 48, 35, 12]);
    expect(n(t.find((x) => x.category === "Sexual")!.characteristic, "Sexual")).toEqual([67, 55, 12]);
    expect(n(t.find((x) => x.category === "Domestic servitude")!.characteristic, "Domestic servitude")).toEqual([22, 10, 12]);
    expect(n(t.find((x) => x.category === "A&E")!.characteristic, "A&E")).toEqual([34, 28, 6]);
    expect(n(t.find((x) => x.category === "GP")!.characteristic, "GP")).toEqual([36, 31, 5]);
  });

  it("passes verify untouched, and verify catches a one-byte change to an output", () => {
    const out = join(first, "out");
    expect(cli(["verify", out]).code).toBe(0);
    const copy = tempDir("na-demo-copy-");
    // change one byte in a copy of an output, leaving the first run intact for other tests
    const flow = join(out, "02-screening", "flow.csv");
    copyFileSync(flow, join(copy, "flow.csv"));
    const bytes = readFileSync(flow);
    bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x30 ? 0x31 : 0x30;
    writeFileSync(flow, bytes);
    const r = cli(["verify", out]);
    copyFileSync(join(copy, "flow.csv"), flow);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("changed since the manifest was written: output 02-screening/flow.csv");
  });

  it("gives byte-identical CSVs and the same workbooks on a second run, and verify catches a one-byte change to an input", async () => {
    const dir = tempDir("na-demo-2-");
    // the second run reads a copy of the extract, so an input can be changed without touching the repo
    for (const f of ["notes.csv", "patients.csv"]) copyFileSync(join(DEMO, f), join(dir, f));
    const r = cli(["run", "--demo", "--notes", join(dir, "notes.csv"), "--patients", join(dir, "patients.csv"), "--out", join(dir, "out")], dir);
    expect(r.code, r.stderr.slice(-500)).toBe(0);
    const a = csvFiles(join(first, "out"));
    const b = csvFiles(join(dir, "out"));
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(join(dir, "out", f)).equals(readFileSync(join(first, "out", f))), f).toBe(true);
    // ... and workbooks with the same cell contents (backups aside: they carry the time they were made)
    const books = (root: string) => listFiles(root).filter((f) => f.endsWith(".xlsx") && !f.includes(".backup-"));
    expect(books(join(dir, "out"))).toEqual(books(join(first, "out")));
    for (const f of books(join(first, "out"))) {
      expect(await workbookCells(join(dir, "out", f)), f).toEqual(await workbookCells(join(first, "out", f)));
    }

    expect(cli(["verify", join(dir, "out")]).code).toBe(0);
    const notes = join(dir, "notes.csv");
    const bytes = readFileSync(notes);
    const i = Math.floor(bytes.length / 2);
    bytes[i] ^= 0x01;
    writeFileSync(notes, bytes);
    const v = cli(["verify", join(dir, "out")]);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain(`changed since the manifest was written: input ${notes}`);
  });

  const browser = process.env.CHROMIUM ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  if (!browser) console.warn("demo browser test skipped: no chromium found (install Debian's chromium or set CHROMIUM=/path/to/chrome)");
  it.skipIf(!browser)("opens report.html in headless Chromium without errors, showing its tables and figures", async () => {
    const b = await chromium.launch({
      executablePath: browser,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await b.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
      page.on("request", (r) => {
        if (!r.url().startsWith("file://")) problems.push(`request outside the file: ${r.url()}`);
      });
      await page.goto(`file://${join(first, "out", "report", "report.html")}`, { waitUntil: "load" });
      expect(problems).toEqual([]);
      await expect(page.title()).resolves.toContain("notes-analyse");
      for (const heading of ["Flow of patients", "Table 1", "Identification routes", "Agreement", "Themes", "Exemplar quotes"]) {
        expect(await page.getByRole("heading", { name: heading }).first().isVisible(), heading).toBe(true);
      }
      const visible = await page.evaluate(() => {
        const seen = (e: Element) => {
          const r = e.getBoundingClientRect();
          return r.width > 100 && r.height > 40;
        };
        return {
          tables: [...document.querySelectorAll("table")].filter(seen).length,
          figures: [...document.querySelectorAll("svg")].filter(seen).length,
          overflow: document.documentElement.scrollWidth > window.innerWidth,
          table1: document.body.innerText.includes("101 (78%)"),
          // A header cell whose text wraps inside a word: two letters of one word on different lines.
          brokenHeaders: [...document.querySelectorAll("th")].flatMap((th) => {
            const text = th.firstChild;
            if (!text || text.nodeType !== Node.TEXT_NODE) return [];
            const s = text.textContent ?? "";
            const range = document.createRange();
            const top = (i: number) => {
              range.setStart(text, i);
              range.setEnd(text, i + 1);
              return Math.round(range.getBoundingClientRect().top);
            };
            for (let i = 1; i < s.length; i++) if (/[^\s\-/–]/.test(s[i - 1]) && /\S/.test(s[i]) && top(i) !== top(i - 1)) return [s];
            return [];
          }),
        };
      });
      expect(visible.brokenHeaders).toEqual([]);
      expect(visible.tables).toBeGreaterThanOrEqual(6);
      expect(visible.figures).toBe(3);
      expect(visible.overflow).toBe(false);
      expect(visible.table1).toBe(true);
      const shot = await page.screenshot({ fullPage: true });
      expect(shot.length).toBeGreaterThan(200_000);
    } finally {
      await b.close();
    }
  });
});
