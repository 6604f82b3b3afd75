import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cellText } from "../../src/io/workbook.js";
import { readDecisionWorkbook } from "../../src/io/decision-workbook.js";
import { DEFAULT_SCREENING_REASONS } from "../../src/text/context/reasons.js";
import { screeningSheet } from "../../src/io/screening-workbooks.js";
import { cli, ensureBuilt, tempDir } from "../helpers/cli.js";
import { fillWorkbook } from "../helpers/fill.js";

const SCREENING_SHEET = screeningSheet(DEFAULT_SCREENING_REASONS);

beforeAll(() => ensureBuilt());

// Sentences written for this test: people trafficked for work or sex, and other senses of the word.
const RELEVANT = [
  "Disclosed she was trafficked to the UK and made to work in a nail bar without pay.",
  "Told the nurse he was trafficked and held in a house, forced to work on farms.",
  "Reports being trafficked for sexual exploitation; passport kept by the people who brought her.",
  "Was trafficked as a teenager and forced into domestic work for a family.",
];
const OTHER = [
  "Serving a sentence for drug trafficking; cannabis supply offences.",
  "The ward corridor is heavily trafficked at handover, which she finds noisy.",
  "Watched a documentary about people trafficking and wants to volunteer for a charity.",
  "Arrested for drug trafficking last year, now on licence.",
];

function writeStudy(dir: string, n: number): string[] {
  const rows = ["patient_id,note_id,date,text"];
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `P${String(i).padStart(3, "0")}`;
    ids.push(id);
    const text = i % 2 === 0 ? RELEVANT[i % RELEVANT.length] : OTHER[i % OTHER.length];
    rows.push(`${id},${id}-1,2011-03-${String((i % 27) + 1).padStart(2, "0")},"Seen in clinic. ${text} Plan: review in two weeks."`);
  }
  writeFileSync(join(dir, "notes.csv"), `${rows.join("\n")}\n`);
  return ids;
}

async function sheet(path: string): Promise<{ ids: string[]; col: (id: string, header: string) => string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet("Screening")!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const id = cellText(ws.getRow(r).getCell(1));
    ids.push(id);
    rowOf.set(id, r);
  }
  return { ids, col: (id, h) => cellText(ws.getRow(rowOf.get(id)!).getCell(header.indexOf(h))) };
}

describe("screen --rank", () => {
  it("orders the undecided rows by a model score once enough are decided, keeping every decision", async () => {
    const dir = tempDir();
    const ids = writeStudy(dir, 30);
    const study = ["--notes", join(dir, "notes.csv"), "--preset", "south-london-2015", "--out", join(dir, "out")];
    expect(cli(["search", ...study]).code).toBe(0);
    const path = join(dir, "out", "02-screening", "screening.xlsx");

    const first = cli(["screen", ...study, "--rank"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("screen --rank: not ranked yet: 0 decided (0 include, 0 exclude); the model ranks from 10 decided with at least 2 of each");
    expect((await sheet(path)).ids).toEqual(ids);

    // Raters decide twelve patients (and are unsure about one), whatever the suggestions said.
    const decided: Record<string, Record<string, string>> = {};
    ids.slice(0, 12).forEach((id, i) => (decided[id] = i % 2 === 1 ? { decision: "include", comment: `seen ${i}` } : { decision: "exclude", exclusion_reason: "other" }));
    decided[ids[12]] = { decision: "unsure" };
    await fillWorkbook(path, "Screening", "patient_id", decided);
    const before = await readDecisionWorkbook(path, SCREENING_SHEET);

    const ranked = cli(["screen", ...study, "--rank"]);
    expect(ranked.code, ranked.stderr).toBe(0);
    expect(ranked.stderr).toContain("screen --rank: 17 undecided patients ordered by model score (learned from 6 include and 6 exclude decisions)");
    const after = await readDecisionWorkbook(path, SCREENING_SHEET);
    expect(after.problems).toEqual([]);
    expect(after.decisions).toEqual(before.decisions);
    const s = await sheet(path);
    const open = ids.slice(13);
    expect(s.ids.slice(0, open.length).sort()).toEqual(open);
    expect(s.ids.slice(open.length)).toEqual(ids.slice(0, 13));
    // Undecided rows: a score and a rank, most relevant first, and still no decision.
    const scores = s.ids.slice(0, open.length).map((id) => Number(s.col(id, "model_score")));
    expect(s.ids.slice(0, open.length).map((id) => Number(s.col(id, "model_rank")))).toEqual(open.map((_, k) => k + 1));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const id of open) expect(s.col(id, "decision")).toBe("");
    // The even-numbered patients were written as trafficked: the model puts them first.
    const top = s.ids.slice(0, 8);
    expect(top.filter((id) => Number(id.slice(1)) % 2 === 0).length).toBeGreaterThanOrEqual(7);
    // Decided rows carry no score (the model learned from them); the unsure one is not ranked.
    for (const id of ids.slice(0, 13)) expect(s.col(id, "model_score")).toBe("");

    // Re-running re-ranks from the new decisions, and the same decisions give the same bytes of order.
    await fillWorkbook(path, "Screening", "patient_id", { [s.ids[0]]: { decision: "include" } });
    const again = cli(["screen", ...study, "--rank"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("16 undecided patients ordered by model score (learned from 7 include and 6 exclude decisions)");
    const s2 = await sheet(path);
    expect(s2.col(s.ids[0], "decision")).toBe("include");
    expect(s2.col(s.ids[0], "model_rank")).toBe("");
    expect(s2.ids.slice(0, 16)).not.toContain(s.ids[0]);

    // Without --rank the workbook goes back to patient order, decisions untouched.
    const plain = cli(["screen", ...study]);
    expect(plain.code, plain.stderr).toBe(0);
    expect((await sheet(path)).ids).toEqual(ids);
    expect((await readDecisionWorkbook(path, SCREENING_SHEET)).decisions.get(s.ids[0])).toEqual({ decision: "include" });
  });

  it("simulate replays screening on labelled patients, the same bytes for the same seed", () => {
    const dir = tempDir();
    const ids = writeStudy(dir, 40);
    const study = ["--notes", join(dir, "notes.csv"), "--preset", "south-london-2015", "--out", join(dir, "out")];
    expect(cli(["search", ...study]).code).toBe(0);
    expect(cli(["screen", ...study]).code).toBe(0);
    writeFileSync(join(dir, "gold.csv"), `patient_id,eligible\n${ids.map((id, i) => `${id},${i % 2 === 1 ? "yes" : "no"}`).join("\n")}\n`);
    const sim = () => cli(["simulate", ...study, "--labels", join(dir, "gold.csv"), "--seeds", "2", "--batch", "3", "--stop-after", "5", "--json"]);
    const a = sim();
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/mean: WSS@95 \d+\.\d%/);
    const summary = JSON.parse(a.stdout);
    expect(summary).toMatchObject({ patients: 40, relevant: 20, seeds: [2015, 2016], batch: 3, stop_after: 5 });
    expect(summary.wss_at_95.mean).toBeGreaterThan(0.3);
    const csv = readFileSync(join(dir, "out", "simulation", "simulation.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("seed,records,relevant,start_decisions,start_relevant,wss_at_95,recall_at_10,recall_at_25,stop_after,stopped,stop_screened,stop_recall");
    expect(sim().code).toBe(0);
    expect(readFileSync(join(dir, "out", "simulation", "simulation.csv"), "utf8")).toBe(csv);
    const bad = cli(["simulate", ...study, "--labels", join(dir, "notes.csv")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
