import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import type { DecisionSheet } from "../../src/io/decision-workbook.js";
import { cellText, readWorkbook } from "../../src/io/workbook.js";
import { blindedRows, currentSample, SAMPLED } from "../../src/second-rater/blinded.js";
import { SAMPLED_COLUMNS } from "../../src/io/sampled-columns.js";
import { readRaterWorkbook, writeBlindedWorkbook } from "../../src/second-rater/files.js";
import { drawSample } from "../../src/second-rater/plan.js";
import { secondCoderSpec, codedExtractsSpec } from "../../src/stages/code/io/workbooks.js";
import { identificationSheet, secondRaterSheet as identifySecondRater } from "../../src/stages/identify/workbooks.js";
import { screeningSheet, secondRaterSheet as screenSecondRater } from "../../src/io/screening-workbooks.js";
import { tempDir } from "../helpers/cli.js";
import { fillWorkbook } from "../helpers/fill.js";
import { presetCodebook } from "../stages/code/helpers.js";
import { categories } from "../stages/identify/preset.js";

const sampling = { seed: 2015, first: 2, fraction: 0.5 };
const keys = (spec: DecisionSheet) => spec.evidence.map((c) => c.key);

describe("blindedRows", () => {
  it("gives each sampled patient its evidence and why it was sampled, in sample order", () => {
    const sample = [
      { id: "P1", why: "first" as const },
      { id: "P4", why: "random" as const },
    ];
    expect(blindedRows(sample, (id) => ({ group: id === "P4" ? "child" : "adult", n_mentions: 1 }))).toEqual([
      { id: "P1", evidence: { group: "adult", n_mentions: 1, why_sampled: "first" } },
      { id: "P4", evidence: { group: "child", n_mentions: 1, why_sampled: "random" } },
    ]);
  });

  it("adds no why column when the layout has none (extracts drawn at random only)", () => {
    expect(blindedRows([{ id: "e1", why: "random" }], () => ({ text: "t", status: "" }), { status: "status" })).toEqual([{ id: "e1", evidence: { text: "t", status: "" } }]);
  });
});

describe("currentSample", () => {
  it("leaves out rows kept only for their decisions after a redraw", () => {
    const read = {
      ids: ["P1", "P2", "P3"],
      evidence: new Map([
        ["P1", { why_sampled: "first" }],
        ["P2", { why_sampled: "no longer sampled" }],
        ["P3", { why_sampled: "random" }],
      ]),
    };
    expect(currentSample(read)).toEqual(["P1", "P3"]);
    expect(currentSample(read, { status: "status" })).toEqual(["P1", "P2", "P3"]);
  });
});

describe("the blinded workbooks' columns", () => {
  const book = presetCodebook();
  // What would unblind rater 2: the tool's suggestion, its rule or score, or rater 1's decision.
  it.each<[string, DecisionSheet, DecisionSheet, string[]]>([
    ["screening", screenSecondRater(), screeningSheet(), ["group", "why_sampled", "n_mentions", "evidence"]],
    ["identification", identifySecondRater(categories, { ...sampling, n: 3 }), identificationSheet(categories), ["group", "why_sampled", "mentions"]],
    ["coding", secondCoderSpec(book, 2015, 0.1), codedExtractsSpec(book, 2015), ["group", "date", "text", "status"]],
  ])("%s: shows only the evidence, never a suggestion or the first rater's decision", (_stage, blinded, first, evidence) => {
    expect(keys(blinded)).toEqual(evidence);
    expect(blinded.display ?? []).toEqual([]);
    const firstOnly = [...keys(first), ...(first.display ?? []).map((c) => c.key)].filter((k) => !evidence.includes(k));
    expect(firstOnly.length).toBeGreaterThan(0);
    for (const k of firstOnly) expect(keys(blinded)).not.toContain(k);
    for (const k of keys(blinded)) expect(k).not.toMatch(/suggest|rule|learned|model|rater1|final/);
  });

  it("opens a patient sample's workbook with the group and why it was sampled", () => {
    expect(screenSecondRater().evidence.slice(0, 2)).toEqual(SAMPLED_COLUMNS);
    expect(identifySecondRater(categories, { ...sampling, n: 0 }).evidence.slice(0, 2)).toEqual(SAMPLED_COLUMNS);
  });
});

describe("writeBlindedWorkbook and readRaterWorkbook", () => {
  const spec = screenSecondRater();
  const ids = ["P1", "P2", "P3", "P4", "P5", "P6"];
  const evidence = (id: string) => ({ group: "adult", n_mentions: Number(id.slice(1)), evidence: `mentions of ${id}` });
  const opts = { force: false, now: () => new Date("2020-01-01T00:00:00Z") };

  it("writes the sample, reads it back, and keeps rater 2's decisions across a redraw", async () => {
    const dir = tempDir("na-second-rater-");
    const path = join(dir, "second-rater.xlsx");
    const sample = drawSample(ids, sampling);
    await writeBlindedWorkbook(path, spec, sample, evidence, opts);

    const ws = (await readWorkbook(path)).getWorksheet("Screening")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 5)).toEqual(["patient_id", "group", "why_sampled", "n_mentions", "evidence"]);
    expect(cellText(ws.getCell(2, 1))).toBe("P1");
    expect(cellText(ws.getCell(2, 3))).toBe("first");

    const [kept, dropped] = [sample[0].id, sample[sample.length - 1].id];
    await fillWorkbook(path, "Screening", "patient_id", { [kept]: { decision: "include" }, [dropped]: { decision: "exclude", exclusion_reason: "other" } });
    const read = await readRaterWorkbook(path, spec, { rerun: "consensus" });
    expect(read?.ids).toEqual(sample.map((s) => s.id));
    expect(read?.decisions.get(kept)).toEqual({ decision: "include" });

    // A redraw that leaves `dropped` out keeps its decision, marked, and it is no longer compared.
    const redrawn = sample.filter((s) => s.id !== dropped);
    const change = await writeBlindedWorkbook(path, spec, redrawn, evidence, opts);
    expect(change.dropped).toEqual([dropped]);
    const again = (await readRaterWorkbook(path, spec, { rerun: "consensus" }))!;
    expect(again.decisions.get(kept)).toEqual({ decision: "include" });
    expect(again.decisions.get(dropped)).toEqual({ decision: "exclude", exclusion_reason: "other" });
    expect(again.evidence.get(dropped)?.why_sampled).toBe(SAMPLED.dropped);
    expect(currentSample(again)).toEqual(redrawn.map((s) => s.id));
  });

  it("reports a missing workbook as undefined, or with the one message when it is required", async () => {
    const path = join(tempDir("na-second-rater-"), "second-rater.xlsx");
    await expect(readRaterWorkbook(path, spec, { rerun: "consensus" })).resolves.toBeUndefined();
    const required = readRaterWorkbook(path, spec, { rerun: "consensus", required: { workbook: "second-rater", writtenBy: "sample" } });
    await expect(required).rejects.toThrow(UserError);
    await expect(required).rejects.toThrow(`${path}: not found (run notes-analyse sample first to write the second-rater workbook)`);
  });

  it("stops at a workbook that no longer matches what was written, naming the cell and what to rerun", async () => {
    const path = join(tempDir("na-second-rater-"), "second-rater.xlsx");
    await writeBlindedWorkbook(path, spec, drawSample(ids, sampling), evidence, opts);
    const wb = await readWorkbook(path);
    wb.getWorksheet("Screening")!.getCell(3, 4).value = 99; // n_mentions of the second row, edited
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const read = readRaterWorkbook(path, spec, { rerun: "identify" });
    await expect(read).rejects.toThrow(/Screening!A3 \(patient_id P2\): row sorted, moved or edited .*; fix the workbook, save, and run notes-analyse identify again$/);
  });
});
