import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import {
  buildDecisionWorkbook,
  decisionProblemsError,
  INTEGRITY,
  readDecisionWorkbook,
  writeDecisionWorkbook,
  type DecisionRow,
  type DecisionSheet,
} from "../../src/io/decision-workbook.js";
import { readWorkbook, workbookBytes, writeWorkbook } from "../../src/io/workbook.js";
import { tempDir } from "../helpers/cli.js";

/** A small decision sheet: two evidence columns, a drop-down decision, a multi-valued one, a free note. */
const SPEC: DecisionSheet = {
  sheet: "Decisions",
  idColumn: "patient_id",
  evidence: [
    { header: "hits", key: "hits", width: 10 },
    { header: "status", key: "status", width: 12 },
  ],
  decisions: [
    { header: "decision", key: "decision", allowed: ["include", "exclude"] },
    { header: "codes", key: "codes", allowed: ["a", "b", "c"], multiple: true },
    { header: "note", key: "note" },
  ],
  about: ["About this workbook", "Fill the decision cells."],
};

const ROWS: DecisionRow[] = [
  { id: "P1", evidence: { hits: 3, status: "" } },
  { id: "P2", evidence: { hits: 1, status: "" } },
  { id: "P3", evidence: { hits: 7, status: "" } },
];

const NOW = () => new Date(Date.UTC(2024, 4, 1, 12, 0, 0));

async function written(rows: DecisionRow[] = ROWS): Promise<string> {
  const path = join(tempDir("na-decisions-"), "decisions.xlsx");
  await writeWorkbook(buildDecisionWorkbook(SPEC, rows), path);
  return path;
}

/** Open the workbook as a rater would, change it, save it. */
async function edit(path: string, change: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = await readWorkbook(path);
  change(wb.getWorksheet(SPEC.sheet)!);
  await writeWorkbook(wb, path);
}

/** Columns of SPEC's sheet as written: id, the evidence, the decisions, the integrity hash. */
const COL = { id: 1, hits: 2, status: 3, decision: 4, codes: 5, note: 6, integrity: 7 };

describe("a decision workbook read back", () => {
  it("lists every id in order, with its evidence, and no decisions or problems before a rater fills it", async () => {
    const back = await readDecisionWorkbook(await written(), SPEC);
    expect(back.ids).toEqual(["P1", "P2", "P3"]);
    expect(back.problems).toEqual([]);
    expect(back.decisions.size).toBe(0);
    expect(back.evidence.get("P3")).toEqual({ hits: "7", status: "" });
    expect([...back.rowOf]).toEqual([["P1", 2], ["P2", 3], ["P3", 4]]);
    expect(back.columnOf).toEqual({ decision: "D", codes: "E", note: "F" });
  });

  it("locks the evidence, leaves the decision cells open, hides the integrity column and offers the allowed values", async () => {
    const wb = await readWorkbook(await written());
    const ws = wb.getWorksheet(SPEC.sheet)!;
    expect(ws.getRow(1).values).toEqual([undefined, "patient_id", "hits", "status", "decision", "codes", "note", INTEGRITY]);
    expect(ws.getColumn(COL.integrity).hidden).toBe(true);
    expect(ws.getCell(2, COL.decision).protection?.locked).toBe(false);
    expect(ws.getCell(2, COL.hits).protection?.locked).not.toBe(false);
    const validation = ws.getCell(3, COL.decision).dataValidation;
    expect(validation?.type).toBe("list");
    expect(validation?.formulae).toEqual(['"include,exclude"']);
    // Several codes go in one cell, so that column has no single-choice list.
    expect(ws.getCell(3, COL.codes).dataValidation?.type).toBeUndefined();
    expect(wb.getWorksheet("About")!.getCell(1, 1).value).toBe("About this workbook");
  });

  it("gives the same bytes for the same rows", async () => {
    const a = await workbookBytes(buildDecisionWorkbook(SPEC, ROWS));
    const b = await workbookBytes(buildDecisionWorkbook(SPEC, ROWS));
    expect(a.equals(b)).toBe(true);
  });

  it("reads what a rater typed, several codes joined by ';' whatever separated them", async () => {
    const path = await written();
    await edit(path, (ws) => {
      ws.getCell(2, COL.decision).value = "include";
      ws.getCell(2, COL.codes).value = "a, c";
      ws.getCell(4, COL.decision).value = " exclude ";
      ws.getCell(4, COL.note).value = "seen by two services";
    });
    const back = await readDecisionWorkbook(path, SPEC);
    expect(back.problems).toEqual([]);
    expect(Object.fromEntries(back.decisions)).toEqual({
      P1: { decision: "include", codes: "a;c" },
      P3: { decision: "exclude", note: "seen by two services" },
    });
  });

  it.each<[string, (ws: ExcelJS.Worksheet) => void, RegExp]>([
    ["a value outside the drop-down", (ws) => (ws.getCell(3, COL.decision).value = "maybe"), /Decisions!D3 \(patient_id P2\): "maybe" is not one of include, exclude/],
    ["a code not in the list", (ws) => (ws.getCell(2, COL.codes).value = "a;z"), /Decisions!E2 \(patient_id P1\): "z" is not one of a, b, c/],
    ["a decision below the table", (ws) => (ws.getCell(6, COL.decision).value = "include"), /Decisions!D6: a decision value in a row with no patient_id, outside the table \(rows 2–4\)/],
    ["an edited evidence cell", (ws) => (ws.getCell(3, COL.hits).value = 9), /Decisions!A3 \(patient_id P2\): row sorted, moved or edited outside the decision\/codes\/note cells/],
    [
      "two rows swapped",
      (ws) => {
        const [a, b] = [ws.getRow(2).values, ws.getRow(3).values];
        ws.getRow(2).values = b as ExcelJS.CellValue[];
        ws.getRow(3).values = a as ExcelJS.CellValue[];
      },
      /Decisions!A2 \(patient_id P2\): row sorted, moved/,
    ],
    ["a blanked id", (ws) => (ws.getCell(4, COL.id).value = null), /Decisions!A4: the patient_id cell is empty but the row was written with one/],
    ["a formula with no saved value", (ws) => (ws.getCell(2, COL.note).value = { formula: "B2" } as ExcelJS.CellFormulaValue), /Decisions!F2 \(patient_id P1\): a formula with no saved value/],
  ])("reports %s, naming the cell and the fix, and applies nothing from that cell", async (_, change, problem) => {
    const path = await written();
    await edit(path, change);
    const back = await readDecisionWorkbook(path, SPEC);
    expect(back.problems.join("\n")).toMatch(problem);
    expect(back.problems.join("\n")).toContain(path);
  });

  it("reports a row copied below the table as a moved row, and still reads the original", async () => {
    const path = await written();
    await edit(path, (ws) => {
      ws.getRow(5).values = ws.getRow(4).values as ExcelJS.CellValue[];
      ws.getCell(4, COL.decision).value = "include";
      ws.getCell(5, COL.decision).value = "exclude";
    });
    // The copy sits in row 5, where P3's hash (bound to row 4) does not fit.
    const back = await readDecisionWorkbook(path, SPEC);
    expect(back.problems).toHaveLength(1);
    expect(back.problems[0]).toMatch(/Decisions!A5 \(patient_id P3\): row sorted, moved/);
    expect(back.ids).toEqual(["P1", "P2", "P3"]);
  });

  it.each<[string, (wb: ExcelJS.Workbook) => void, RegExp]>([
    ["a renamed decision column", (wb) => (wb.getWorksheet(SPEC.sheet)!.getCell(1, COL.decision).value = "Decision!"), /sheet "Decisions" has no column "decision" \(columns must not be renamed or deleted\)/],
    ["a renamed sheet", (wb) => (wb.getWorksheet(SPEC.sheet)!.name = "Mine"), /no sheet named "Decisions" \(was it renamed\?\)/],
  ])("refuses %s with one line", async (_, change, message) => {
    const path = await written();
    const wb = await readWorkbook(path);
    change(wb);
    await writeWorkbook(wb, path);
    const err = await readDecisionWorkbook(path, SPEC).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("\n");
  });
});

describe("writing a decision workbook again", () => {
  it("keeps every decision by id, adds new rows, keeps a dropped row that holds decisions, and backs up the old file", async () => {
    const path = await written();
    await edit(path, (ws) => {
      ws.getCell(2, COL.decision).value = "include";
      ws.getCell(3, COL.decision).value = "exclude";
    });
    const rows: DecisionRow[] = [
      { id: "P3", evidence: { hits: 7, status: "" } },
      { id: "P1", evidence: { hits: 3, status: "" } },
      { id: "P4", evidence: { hits: 2, status: "" } },
    ];
    const result = await writeDecisionWorkbook(path, SPEC, rows, { force: false, now: NOW, statusColumn: "status", droppedStatus: "no longer returned" });
    expect(result).toMatchObject({ kept: 1, added: ["P4"], dropped: ["P2"] });
    expect(result.backup).toBe(path.replace(/\.xlsx$/, ".backup-2024-05-01T12-00-00-000Z.xlsx"));
    expect((await readDecisionWorkbook(result.backup!, SPEC)).decisions.get("P2")).toEqual({ decision: "exclude" });

    const back = await readDecisionWorkbook(path, SPEC);
    expect(back.problems).toEqual([]);
    expect(back.ids).toEqual(["P3", "P1", "P4", "P2"]);
    expect(Object.fromEntries(back.decisions)).toEqual({ P1: { decision: "include" }, P2: { decision: "exclude" } });
    expect(back.evidence.get("P2")).toEqual({ hits: "", status: "no longer returned" });
  });

  it("never overwrites a workbook with a problem unless forced, and then keeps a backup", async () => {
    const path = await written();
    await edit(path, (ws) => {
      ws.getCell(2, COL.decision).value = "include";
      ws.getCell(3, COL.hits).value = 99;
    });
    const before = readFileSync(path);
    const err = await writeDecisionWorkbook(path, SPEC, ROWS, { force: false, now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/row sorted, moved or edited .*; or rerun with --force \(a backup is kept\)$/);
    expect(readFileSync(path).equals(before)).toBe(true);

    const forced = await writeDecisionWorkbook(path, SPEC, ROWS, { force: true, now: NOW });
    expect(readFileSync(forced.backup!).equals(before)).toBe(true);
    const back = await readDecisionWorkbook(path, SPEC);
    expect(back.problems).toEqual([]);
    expect(back.decisions.size).toBe(0);
  });

  it("keeps the five newest backups outside a command's write set", async () => {
    const path = await written();
    for (let minute = 0; minute < 7; minute++) {
      await writeDecisionWorkbook(path, SPEC, ROWS, { force: false, now: () => new Date(Date.UTC(2024, 0, 1, 0, minute)) });
    }
    const backups = readdirSync(join(path, "..")).filter((n) => n.includes(".backup-")).sort();
    expect(backups).toHaveLength(5);
    expect(backups[0]).toContain("T00-02-00");
    expect(existsSync(path)).toBe(true);
  });
});

describe("decisionProblemsError", () => {
  it("is one line for one problem, with the fix after it", () => {
    expect(decisionProblemsError(["a.xlsx › S!D2: bad"], "fix it").message).toBe("a.xlsx › S!D2: bad; fix it");
  });

  it("shows the first five of many, and how many more", () => {
    const problems = Array.from({ length: 7 }, (_, i) => `p${i}`);
    expect(decisionProblemsError(problems, "fix them").message.split("\n")).toEqual(["p0", "p1", "p2", "p3", "p4", "2 more problems like these; fix them"]);
  });
});
