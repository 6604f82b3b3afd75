import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cellText } from "../../src/io/workbook.js";
import { cli, ensureBuilt, tempDir } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv.js";
import { fillWorkbook, readColumn } from "../helpers/fill.js";

beforeAll(() => ensureBuilt());

const TINY = join(import.meta.dirname, "..", "..", "..", "shared", "contract", "tiny");
const FIXTURE = existsSync(TINY) ? TINY : join(import.meta.dirname, "..", "..", "fixtures", "scenarios", "notes-basic");

function study(out: string): string[] {
  return ["--notes", join(FIXTURE, "notes.csv"), "--patients", join(FIXTURE, "patients.csv"), "--preset", "south-london-2015", "--out", out];
}

describe("screen → sample → fill → consensus (end to end)", () => {
  it("runs the study's screening loop with workbooks filled by people", async () => {
    const out = tempDir();
    expect(cli(["search", ...study(out)]).code).toBe(0);
    const s = cli(["screen", ...study(out)]);
    expect(s.code, s.stderr).toBe(0);
    const dir = join(out, "02-screening");
    const suggestions = readCsv(join(dir, "suggestions.csv"));
    const ids = suggestions.map((r) => r.patient_id);
    expect(ids.length).toBeGreaterThan(2);
    for (const r of suggestions) {
      expect(["include", "exclude", "unsure"]).toContain(r.suggestion);
      expect(r.rule).not.toBe("");
      expect(r.evidence).toMatch(/«.+»/);
    }

    // the rater-1 workbook: evidence locked, decision cells open with drop-downs, integrity column hidden
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "screening.xlsx"));
    const ws = wb.getWorksheet("Screening")!;
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
    const dec = header.indexOf("decision");
    expect(ws.getRow(2).getCell(dec).dataValidation?.formulae?.[0]).toBe('"include,exclude,unsure"');
    expect(ws.getRow(2).getCell(dec).protection?.locked).toBe(false);
    expect(ws.getColumn(header.indexOf("_integrity")).hidden).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    // sample: blinded workbook — no suggestion, reason or rule column
    const sm = cli(["sample", ...study(out), "--first", "2", "--fraction", "0.5", "--seed", "3"]);
    expect(sm.code, sm.stderr).toBe(0);
    const sample = readCsv(join(dir, "sample.csv"));
    expect(sample.filter((r) => r.why === "first").map((r) => r.patient_id)).toEqual(ids.slice(0, 2));
    const r2 = new ExcelJS.Workbook();
    await r2.xlsx.readFile(join(dir, "second-rater.xlsx"));
    const r2Header = (r2.getWorksheet("Screening")!.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
    for (const hidden of ["suggestion", "reason", "rule"]) expect(r2Header).not.toContain(hidden);

    // consensus before anyone filled anything: a pending human step, cells named
    const pending = cli(["consensus", ...study(out)]);
    expect(pending.code).toBe(3);
    expect(pending.stderr).toMatch(/screening\.xlsx: \d+ decision cells still empty: \S+ \([A-Z]+2\)/);

    // rater 1 follows the suggestions, rater 2 disagrees on the first sampled patient
    const r1: Record<string, Record<string, string>> = {};
    for (const r of suggestions) r1[r.patient_id] = { decision: r.suggestion === "unsure" ? "include" : r.suggestion, exclusion_reason: r.reason };
    await fillWorkbook(join(dir, "screening.xlsx"), "Screening", "patient_id", r1);
    const r2Values: Record<string, Record<string, string>> = {};
    sample.forEach((row, i) => {
      const d = r1[row.patient_id].decision;
      r2Values[row.patient_id] = { decision: i === 0 ? (d === "include" ? "exclude" : "include") : d, exclusion_reason: i === 0 && d === "include" ? "other" : r1[row.patient_id].exclusion_reason };
    });
    await fillWorkbook(join(dir, "second-rater.xlsx"), "Screening", "patient_id", r2Values);

    const c1 = cli(["consensus", ...study(out)]);
    expect(c1.code).toBe(3);
    expect(c1.stderr).toContain("discrepancies.xlsx: 1 consensus cell still empty");
    const agreement = JSON.parse(readFileSync(join(dir, "agreement.json"), "utf8"));
    expect(agreement).toMatchObject({ seed: 3, raters: 2, items_compared: sample.length });
    expect(agreement.observed_agreement).toBeCloseTo((sample.length - 1) / sample.length, 12);

    // the raters agree rater 2 was right
    const first = sample[0].patient_id;
    await fillWorkbook(join(dir, "discrepancies.xlsx"), "Discrepancies", "patient_id", {
      [first]: { consensus: r2Values[first].decision, consensus_reason: r2Values[first].exclusion_reason },
    });
    const c2 = cli(["consensus", ...study(out)]);
    expect(c2.code, c2.stderr).toBe(0);
    const eligible = readCsv(join(dir, "eligible.csv"));
    const included = Object.entries(r1).filter(([id, d]) => (id === first ? r2Values[first].decision : d.decision) === "include").map(([id]) => id);
    expect(eligible.map((e) => e.patient_id)).toEqual(included.sort());
    expect(eligible.find((e) => e.patient_id === first)?.decided_by ?? "consensus").toBe("consensus");
    const flow = readCsv(join(dir, "flow.csv"));
    expect(flow[0]).toMatchObject({ step: "returned", total: String(ids.length) });
    expect(flow.find((f) => f.step === "included")?.total).toBe(String(included.length));
    const excludedAll = Number(flow.find((f) => f.step === "excluded" && f.reason === "all")!.total);
    expect(excludedAll + included.length).toBe(ids.length);

    // re-running screen keeps every decision, and says so; a backup is left
    const again = cli(["screen", ...study(out)]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`kept ${ids.length} decisions`);
    const kept = await readColumn(join(dir, "screening.xlsx"), "Screening", "patient_id", "decision");
    for (const id of ids) expect(kept[id]).toBe(r1[id].decision);
    expect(readdirSync(dir).some((f) => /^screening\.backup-.*\.xlsx$/.test(f))).toBe(true);
  });

  it("catches an edited evidence cell and refuses to overwrite without --force", async () => {
    const out = tempDir();
    cli(["search", ...study(out)]);
    cli(["screen", ...study(out)]);
    const path = join(out, "02-screening", "screening.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("Screening")!;
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
    ws.getRow(3).getCell(header.indexOf("suggestion")).value = "include?";
    ws.getRow(2).getCell(header.indexOf("decision")).value = "include";
    await wb.xlsx.writeFile(path);
    const id = cellText(ws.getRow(3).getCell(1));

    const r = cli(["screen", ...study(out)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Screening!A3 (patient_id ${id}): row sorted, moved or edited`);
    const forced = cli(["screen", ...study(out), "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(join(out, "02-screening")).filter((f) => f.includes(".backup-"))).toHaveLength(1);
  });

  it("rejects a decision that is not in the list, naming the cell", async () => {
    const out = tempDir();
    cli(["search", ...study(out)]);
    cli(["screen", ...study(out)]);
    const path = join(out, "02-screening", "screening.xlsx");
    const ids = readCsv(join(out, "02-screening", "suggestions.csv")).map((r) => r.patient_id);
    await fillWorkbook(path, "Screening", "patient_id", { [ids[0]]: { decision: "maybe" } });
    const r = cli(["consensus", ...study(out)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Screening!I2 \(patient_id \S+\): "maybe" is not one of include, exclude, unsure/);
  });

  it("draws the same sample for the same seed", () => {
    const a = tempDir();
    const b = tempDir();
    for (const out of [a, b]) {
      cli(["search", ...study(out)]);
      expect(cli(["sample", ...study(out), "--first", "1", "--fraction", "0.5", "--seed", "11"]).code).toBe(0);
    }
    expect(readFileSync(join(a, "02-screening", "sample.csv"))).toEqual(readFileSync(join(b, "02-screening", "sample.csv")));
  });
});
