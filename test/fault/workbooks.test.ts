import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";
import { streamProblems } from "./harness/checks.js";
import { figure } from "./harness/figures.js";
import { runCli, seeds } from "./harness/run.js";
import { makeStudy, type Study } from "./harness/study.js";
import { decisionsOf, fillDecisions, openBook, overlaps, SCREENING, sheetXml, tamper, TAMPERS, validationRanges } from "./harness/workbook.js";

/**
 * Issue 14, problems 2, 4, 5, 13 and 15: a filled screening workbook damaged between two runs (rows
 * sorted, decisions shifted, an id blanked, a row duplicated, a value below the table, a formula with no
 * value, evidence edited) is reported by cell and nothing is applied or written; an intact one keeps
 * every decision on its own patient. Cases are generated from seeds.
 */
const SEEDS = seeds(1, 11);

describe.each(SEEDS)("a damaged screening workbook, seed %i", (seed) => {
  let study: Study;
  let filled: Map<string, string>;
  let pristine: Buffer;
  const book = () => join(study.out, "02-screening", "screening.xlsx");

  beforeAll(async () => {
    study = makeStudy({ seed, patients: 16 });
    expect(runCli(["search", ...study.args], study.dir).code).toBe(0);
    expect(runCli(["screen", ...study.args], study.dir).code).toBe(0);
    filled = await fillDecisions(book(), SCREENING, createRandom(seed), 0.8);
    pristine = readFileSync(book());
  });

  it("keeps every decision on its own patient when the workbook is intact", async () => {
    const r = runCli(["screen", ...study.args], study.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(streamProblems(r, study.markers)).toEqual([]);
    const after = await decisionsOf(book(), SCREENING);
    figure("decisions checked", filled.size);
    figure("decisions lost or moved", [...filled].filter(([id, d]) => after.get(id) !== d).length);
    for (const [id, d] of filled) expect(after.get(id), id).toBe(d);
    expect(after.size).toBe(filled.size);
    // put the first version back for the damage cases
    copyFileSync(join(study.out, "02-screening", readdirSync(join(study.out, "02-screening")).filter((n) => n.startsWith("screening.backup-")).sort().pop()!), book());
    expect(readFileSync(book()).equals(pristine)).toBe(true);
  });

  it.each(TAMPERS)("%s: reported by cell, nothing applied, the workbook untouched", async (how) => {
    copyFileSync(book(), `${book()}.keep`);
    const what = await tamper(book(), SCREENING, how, createRandom(`${seed}-${how}`));
    const damaged = readFileSync(book());
    const before = readdirSync(join(study.out, "02-screening")).sort();
    const r = runCli(["screen", ...study.args], study.dir);
    const left = readFileSync(book());
    copyFileSync(`${book()}.keep`, book());
    figure("damaged workbooks");
    figure("damaged workbooks reported by cell, nothing applied", r.code === 2 && left.equals(damaged) && /Screening![A-Z]+\d+/.test(r.stderr) ? 1 : 0);
    expect(r.code, `${what}: ${r.stderr}`).toBe(2);
    expect(left.equals(damaged), "the damaged workbook was replaced").toBe(true);
    expect(r.stderr, what).toMatch(/screening\.xlsx › Screening![A-Z]+\d+/);
    expect(streamProblems(r, study.markers)).toEqual([]);
    // nothing written: no new backup, the damaged file as the rater left it
    expect(readdirSync(join(study.out, "02-screening")).sort()).toEqual(before);
  });

  it("protects the sheet with a password, sorting and row insertion off", async () => {
    const xml = (await sheetXml(book())).find((s) => s.xml.includes("<sheetProtection"))!.xml;
    const tag = /<sheetProtection\b[^>]*>/.exec(xml)![0];
    expect(tag).toMatch(/hashValue="[A-Za-z0-9+/=]{80,}"/);
    expect(tag).toContain('algorithmName="SHA-512"');
    // absent attributes mean "not allowed" in the file format
    expect(tag).not.toMatch(/\b(sort|insertRows|deleteRows)="0"/);
  });
});

describe("every workbook the tool writes, as Excel reads it (issue 14, problem 15)", () => {
  let out: string;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "na-fault-books-"));
    out = join(dir, "out");
    const r = runCli(["run", "--demo", "--out", out], dir);
    expect(r.code, r.stderr.slice(-400)).toBe(0);
    expect(runCli(["code", "--out", out, "--familiarise", "3", "--preset", "south-london-2015", "--notes", join(import.meta.dirname, "..", "..", "fixtures", "south-london-demo", "notes.csv")], dir).code).toBe(0);
  }, 240_000);

  const books = () => {
    const found: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith(".xlsx") && !e.name.includes(".backup-")) found.push(join(d, e.name));
      }
    };
    walk(out);
    return found.sort();
  };

  it("writes the seven kinds of workbook", () => {
    const names = books().map((b) => b.slice(out.length + 1));
    for (const n of ["01-search/search.xlsx", "02-screening/screening.xlsx", "02-screening/second-rater.xlsx", "02-screening/discrepancies.xlsx", "03-identification/identification.xlsx", "04-themes/coded-extracts.xlsx", "04-themes/familiarisation.xlsx", "report/report.xlsx"]) {
      expect(names).toContain(n);
    }
  });

  it("has no overlapping or repeated data-validation ranges in any sheet", async () => {
    let checked = 0;
    for (const b of books()) {
      for (const { sheet, sqref } of await validationRanges(b)) {
        expect(overlaps(sqref), `${b} ${sheet}`).toEqual([]);
        checked += sqref.length;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("writes dates as dates", async () => {
    for (const [file, sheet] of [["01-search/search.xlsx", undefined], ["03-identification/identification.xlsx", "Identification"]] as const) {
      const wb = await openBook(join(out, file));
      const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets.find((w) => w.getRow(1).values && (w.getRow(1).values as unknown[]).includes("date"))!;
      const col = (ws.getRow(1).values as unknown[]).indexOf("date");
      const values = Array.from({ length: Math.min(ws.rowCount - 1, 20) }, (_, i) => ws.getCell(i + 2, col).value).filter((v) => v !== null && v !== "");
      expect(values.length, file).toBeGreaterThan(0);
      for (const v of values) expect(v, file).toBeInstanceOf(Date);
    }
  });
});
