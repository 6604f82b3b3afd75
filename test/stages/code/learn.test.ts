import { describe, expect, it } from "vitest";
import { formatLearned } from "../../../src/stages/code/learn/format.js";
import { codeDocument, crossValidateCodes, f1Score, learnableCodes } from "../../../src/stages/code/learn/linear.js";
import { learnFromCoders } from "../../../src/stages/code/learn/apply.js";
import type { Extract } from "../../../src/stages/code/types.js";

const CODED: [string, string[]][] = [
  ["Moved to another hostel again, third move this year.", ["housing"]],
  ["Hostel asked her to leave, now in emergency accommodation.", ["housing"]],
  ["No fixed abode, sleeping at a friend's flat.", ["housing"]],
  ["Evicted from the hostel after arrears.", ["housing"]],
  ["Did not attend clinic, second missed appointment.", ["attendance"]],
  ["DNA today; letter sent offering another appointment.", ["attendance"]],
  ["Missed her psychology session again.", ["attendance"]],
  ["Mood low, sleep poor, no thoughts of self harm.", ["none"]],
  ["Medication reviewed, sertraline continued.", ["none"]],
  ["Hostel move planned and she missed the appointment.", ["housing", "attendance"]],
];

const extract = (id: string, text: string, suggested: string[] = [], retrievedBy: string[] = []): Extract => ({
  extractId: id, patientId: "P1", group: "adult", noteId: id, date: "", noteType: "", start: 0, end: text.length, text, retrievedBy, suggested, rules: [], highlights: [],
});

describe("what the code model reads", () => {
  it("words, plus the codes the patterns suggested and the term groups that found the passage, never the coded marker", () => {
    expect(codeDocument(extract("e", "Evicted.", ["housing.unstable"], ["accommodation", "coded"]))).toEqual({ text: "Evicted.", tokens: ["suggested:housing.unstable", "retrieved:accommodation"] });
  });
  it("learns a code used at least minPositives times and not on every passage", () => {
    const sets = CODED.map(([, c]) => new Set(c));
    expect(learnableCodes(sets, 3)).toEqual({ codes: ["attendance", "housing"], skipped: [] });
    expect(learnableCodes(sets.slice(3, 6), 3)).toEqual({ codes: [], skipped: ["attendance", "housing"] });
  });
});

describe("learnFromCoders", () => {
  const extracts = [...CODED.map(([text], i) => extract(`c${i}`, text)), extract("u1", "She missed the appointment and did not attend."), extract("u2", "Evicted from the hostel."), extract("u3", "Sleep and appetite fine, mood stable.")];
  const decisions = new Map(CODED.map(([, codes], i) => [`c${i}`, { codes, memo: "" }]));
  const r = learnFromCoders(extracts, decisions);
  it("trains on coded extracts and suggests only for uncoded ones, with the model's score", () => {
    expect(r.trainedOn).toBe(10);
    expect(r.codes).toEqual(["attendance", "housing"]);
    expect(r.learned.has("c0")).toBe(false);
    expect(r.learned.get("u1")![0].code).toBe("attendance");
    expect(r.learned.get("u2")![0].code).toBe("housing");
    expect(r.learned.get("u3") ?? []).toEqual([]);
    for (const list of r.learned.values()) for (const c of list) expect(c.confidence).toBeGreaterThanOrEqual(0.5);
  });
  it("is deterministic", () => expect(learnFromCoders(extracts, decisions)).toEqual(r));
  it("formats suggestions with their score", () => expect(formatLearned([{ code: "housing", confidence: 0.9234 }])).toBe("housing (0.92)"));
});

describe("per-code F1 by cross-validation", () => {
  it("f1", () => {
    expect(f1Score(0, 0, 0)).toBe(0);
    expect(f1Score(3, 1, 2)).toBeCloseTo(6 / 9, 12);
  });
  it("scores each passage with a model that never saw it, and counts per code", () => {
    const words = ["hostel moved evicted accommodation", "missed appointment did not attend", "mood sleep medication reviewed"];
    const docs = Array.from({ length: 30 }, (_, i) => ({ text: `${words[i % 3]} note ${i}` }));
    const sets = docs.map((_, i) => new Set([["housing"], ["attendance"], ["none"]][i % 3]));
    const cv = crossValidateCodes(docs, sets, { minPositives: 3, threshold: 0.5, logistic: { c: 4, balanced: true, tolerance: 1e-3, maxEpochs: 100, seed: 1 }, folds: 5, seed: 3 });
    expect(cv.codes).toEqual(["attendance", "housing"]);
    for (const c of cv.perCode) {
      expect(c.positives).toBe(10);
      expect(c.f1).toBe(1);
    }
    // A code whose words are shared by every passage cannot be told apart: cross-validation says so.
    const noisy = crossValidateCodes(docs.map(() => ({ text: "same words every time" })), sets, { minPositives: 3, threshold: 0.5, logistic: { c: 4, balanced: true, tolerance: 1e-3, maxEpochs: 100, seed: 1 }, folds: 5, seed: 3 });
    expect(Math.max(...noisy.perCode.map((c) => c.f1))).toBeLessThan(0.6);
  });
});
