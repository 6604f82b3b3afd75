import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readRatings } from "../../src/io/read-ratings.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "read-ratings-"));
});

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function read(path: string, id = "patient_id", rating = "decision") {
  const warnings: string[] = [];
  const ratings = await readRatings(path, { id, rating, warn: (m) => warnings.push(m) });
  return { ratings: Object.fromEntries(ratings), warnings };
}

async function xlsx(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const row of rows) ws.addRow(row);
  }
  const p = join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe("reading a rater's CSV", () => {
  it.each([
    ["plain", "patient_id,decision\nA,include\nB,exclude\n", { A: "include", B: "exclude" }],
    ["BOM and CRLF", "\uFEFFpatient_id,decision\r\nA,include\r\n", { A: "include" }],
    ["whitespace trimmed, case kept", "patient_id , decision\n A ,  Include \n", { A: "Include" }],
    ["empty cell is a missing rating", "patient_id,decision\nA,\nB,  \n", { A: null, B: null }],
    ["other columns ignored", "note,patient_id,x,decision\nn,A,1,include\n", { A: "include" }],
    ["same id twice, same rating", "patient_id,decision\nA,include\nA,include\n", { A: "include" }],
    ["same id, empty then rated", "patient_id,decision\nA,\nA,exclude\n", { A: "exclude" }],
    ["quoted fields with commas", 'patient_id,decision\n"A,1","include, probably"\n', { "A,1": "include, probably" }],
  ])("%s", async (_name, content, want) => {
    expect((await read(file("r.csv", content))).ratings).toEqual(want);
  });

  it("reads a TSV by its extension", async () => {
    expect((await read(file("r.tsv", "patient_id\tdecision\nA\tinclude\n"))).ratings).toEqual({ A: "include" });
  });

  it("skips a row without an id and says so when it had a rating", async () => {
    const { ratings, warnings } = await read(file("noid.csv", "patient_id,decision\nA,include\n,exclude\n,\n"));
    expect(ratings).toEqual({ A: "include" });
    expect(warnings).toEqual([expect.stringMatching(/noid\.csv:3: a rating without an id/)]);
  });

  it.each([
    ["a conflicting second rating", "patient_id,decision\nA,include\nB,x\nA,exclude\n", /dup\.csv:4: id "A" is rated again with a different rating \(first at line 2\)/],
    ["no id column", "id,decision\nA,include\n", /dup\.csv: no column "patient_id" \(columns found: "id", "decision"; name the right one with --id\)/],
    ["no rating column", "patient_id,verdict\nA,include\n", /dup\.csv: no column "decision" \(columns found: "patient_id", "verdict"; name the right one with --column\)/],
    ["an empty file", "", /dup\.csv: the file is empty/],
  ])("refuses %s", async (_name, content, message) => {
    await expect(read(file("dup.csv", content))).rejects.toThrow(message);
  });

  it("refuses a missing file and old Excel files by name", async () => {
    await expect(read(join(dir, "none.csv"))).rejects.toThrow(/none\.csv: file not found/);
    await expect(read(file("old.xls", "x"))).rejects.toThrow(/old\.xls: \.xls workbooks are not read/);
    await expect(read(file("fake.xlsx", "patient_id,decision\n"))).rejects.toThrow(/fake\.xlsx: cannot read as an Excel workbook/);
  });
});

describe("reading a rater's XLSX", () => {
  it("finds the sheet and header row that have the id column", async () => {
    const p = await xlsx("r.xlsx", {
      Notes: [["read me"], ["decision", "other"]],
      Decisions: [["Screening, rater 2"], [], ["patient_id", "decision"], ["A", "include"], [101, " Exclude "], ["C", null], [null, null]],
    });
    expect((await read(p)).ratings).toEqual({ A: "include", "101": "Exclude", C: null });
  });

  it("reads rich text, formula results and error values", async () => {
    const p = await xlsx("cells.xlsx", {
      S: [
        ["patient_id", "decision"],
        ["A", { richText: [{ text: "inc" }, { text: "lude" }] }],
        ["B", { formula: '"exclude"', result: "exclude" }],
        ["C", { error: "#N/A" }],
      ],
    });
    expect((await read(p)).ratings).toEqual({ A: "include", B: "exclude", C: null });
  });

  it.each([
    ["no id column anywhere", { First: [["id", "decision"]], Second: [["x"]] }, /no\.xlsx › sheet "First": no column "patient_id" \(columns found: "id", "decision"; name the right one with --id\)/],
    ["no rating column on the id's sheet", { S: [["patient_id", "verdict"]] }, /no\.xlsx › sheet "S": no column "decision" \(columns found: "patient_id", "verdict"/],
  ])("refuses a workbook with %s, listing the columns found", async (_name, sheets, message) => {
    await expect(read(await xlsx("no.xlsx", sheets))).rejects.toThrow(message);
  });
});
