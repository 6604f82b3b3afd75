import { describe, expect, it } from "vitest";
import { patientDocument } from "../../src/learn/relevance/documents.js";
import { orderByRanking, screeningLabels } from "../../src/learn/relevance/order-rows.js";
import { rankByRelevance, rankReadiness } from "../../src/learn/relevance/rank.js";
import { buildDecisionWorkbook, readDecisionWorkbook, rowIntegrity } from "../../src/io/decision-workbook.js";
import { DEFAULT_SCREENING_REASONS } from "../../src/text/context/reasons.js";
import { screeningSheet } from "../../src/io/screening-workbooks.js";
import { writeWorkbook } from "../../src/io/workbook.js";
import { tempDir } from "../helpers/cli.js";
import { join } from "node:path";

const SCREENING_SHEET = screeningSheet(DEFAULT_SCREENING_REASONS);

describe("what the relevance model reads of a patient", () => {
  it("words around each case hit, and the rules' suggestion, reason, every rule id fired and note types as tokens", () => {
    const doc = patientDocument(
      [
        { patientId: "P1", left: "charged with drug", match: "trafficking", right: "offences", noteType: "Letter" },
        { patientId: "P1", left: "no concerns of", match: "trafficking", right: "raised", noteType: "letter" },
      ],
      { suggestion: "exclude", reason: "drug_trafficking", rule: "sense.drug.before", rulesFired: ["neg.no", "sense.drug.before"] },
    );
    expect(doc).toEqual({
      text: "charged with drug trafficking offences\nno concerns of trafficking raised",
      tokens: ["suggest:exclude", "reason:drug_trafficking", "rule:sense.drug.before", "rule:neg.no", "note_type:letter"],
    });
  });
});

describe("ranking readiness", () => {
  const labels = (inc: number, exc: number) => new Map([...Array(inc)].map((_, i) => [`i${i}`, true] as [string, boolean]).concat([...Array(exc)].map((_, i) => [`e${i}`, false])));
  it.each([
    [7, 2, false],
    [8, 2, true],
    [9, 1, false],
    [2, 8, true],
    [5, 5, true],
  ])("%d include, %d exclude → ready %s", (inc, exc, ready) => expect(rankReadiness(labels(inc, exc)).ready).toBe(ready));
  it("says what is missing", () => expect(rankReadiness(labels(9, 1)).missing).toBe("10 decided (9 include, 1 exclude); the model ranks from 10 decided with at least 2 of each"));
});

describe("rankByRelevance and the ranked workbook rows", () => {
  const ids = Array.from({ length: 20 }, (_, i) => `P${String(i).padStart(2, "0")}`);
  const docs = ids.map((_, i) => ({ text: i % 2 ? "disclosed being trafficked and forced to work unpaid" : "charged with drug trafficking and cannabis supply" }));
  const labels = new Map(ids.slice(0, 10).map((id, i) => [id, i % 2 === 1] as [string, boolean]));
  const ranking = rankByRelevance(ids, docs, labels, undefined, new Set([...labels.keys(), "P10"]));
  it("ranks only the undecided (an unsure decision is not ranked), relevant ones first, deterministically", () => {
    expect(ranking.order).toHaveLength(9);
    expect(ranking.order).not.toContain("P10");
    expect(ranking.order.slice(0, 4).every((id) => Number(id.slice(1)) % 2 === 1)).toBe(true);
    expect(rankByRelevance(ids, docs, labels, undefined, new Set([...labels.keys(), "P10"]))).toEqual(ranking);
  });
  it("puts ranked rows first with score and rank, decided rows after, evidence untouched", () => {
    const rows = ids.map((id) => ({ id, evidence: { suggestion: "include" } }));
    const ordered = orderByRanking(rows, ranking);
    expect(ordered.map((r) => r.id)).toEqual([...ranking.order, ...ids.filter((id) => !ranking.rank.has(id))]);
    expect(ordered[0].display).toEqual({ model_score: Number(ranking.score.get(ranking.order[0])!.toFixed(3)), model_rank: 1 });
    expect(ordered.every((r) => r.evidence.suggestion === "include")).toBe(true);
  });
  it("learns from include and exclude only", () => expect(screeningLabels(new Map<string, Record<string, string>>([["a", { decision: "include" }], ["b", { decision: "exclude" }], ["c", { decision: "unsure" }], ["d", { comment: "x" }]]))).toEqual(new Map([["a", true], ["b", false]])));
});

describe("display columns of a decision workbook", () => {
  it("are written after the decision cells, outside the integrity hash, and never read back as decisions", async () => {
    const path = join(tempDir(), "s.xlsx");
    const evidence = { group: "adult", status: "returned", n_mentions: 1, evidence: "x", suggestion: "include", reason: "", rule: "affirmed" };
    await writeWorkbook(buildDecisionWorkbook(SCREENING_SHEET, [{ id: "P1", evidence, display: { model_score: 0.9, model_rank: 1 } }, { id: "P2", evidence }]), path);
    const read = await readDecisionWorkbook(path, SCREENING_SHEET);
    expect(read.problems).toEqual([]);
    expect(read.decisions.size).toBe(0);
    expect(rowIntegrity("P1", evidence, SCREENING_SHEET.evidence)).toBe(rowIntegrity("P1", { ...evidence }, SCREENING_SHEET.evidence));
    expect(read.columnOf.decision).toBe("I");
  });
});
