import { describe, expect, it } from "vitest";
import { features } from "../../../src/stages/code/learn/features.js";
import { formatLearned, predict, train } from "../../../src/stages/code/learn/naive-bayes.js";
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

describe("features", () => {
  it("stems words, drops stop words and masks, keeps negation in word pairs", () => {
    expect(features("She did not attend the ZZZZZ clinic")).toEqual(["attend", "attend_clinic", "clinic", "did", "not_attend"]);
  });
});

describe("naive Bayes learner", () => {
  const model = train(CODED.map(([text, codes]) => ({ text, codes })));
  it("learns every code with enough examples and skips the rest", () => {
    expect(model.codes.map((c) => c.code)).toEqual(["attendance", "housing"]);
    expect(train(CODED.slice(3, 6).map(([text, codes]) => ({ text, codes }))).skipped).toEqual(["attendance", "housing"]);
  });
  it.each([
    ["Moved from the hostel to a safe house.", ["housing"]],
    ["She did not attend her appointment today.", ["attendance"]],
    ["Sleep and appetite fine, mood stable.", []],
  ])("suggests %j → %j", (text, want) => expect(predict(model, text).map((c) => c.code)).toEqual(want));
  it("gives a confidence between 0.5 and 1 for what it suggests, the same every time", () => {
    const a = predict(model, "Evicted again and moved hostel.");
    expect(a[0].confidence).toBeGreaterThanOrEqual(0.5);
    expect(a[0].confidence).toBeLessThanOrEqual(1);
    expect(predict(train(CODED.map(([text, codes]) => ({ text, codes }))), "Evicted again and moved hostel.")).toEqual(a);
    expect(formatLearned([{ code: "housing", confidence: 0.9234 }])).toBe("housing (0.92)");
  });
});

describe("learnFromCoders", () => {
  const extract = (id: string, text: string): Extract => ({
    extractId: id, patientId: "P1", group: "adult", noteId: id, date: "", noteType: "", start: 0, end: text.length, text, retrievedBy: [], suggested: [], rules: [], highlights: [],
  });
  it("trains on coded extracts and suggests only for uncoded ones", () => {
    const extracts = [...CODED.map(([text], i) => extract(`c${i}`, text)), extract("u1", "She missed the appointment and did not attend."), extract("u2", "Evicted from the hostel.")];
    const decisions = new Map(CODED.map(([, codes], i) => [`c${i}`, { codes, memo: "" }]));
    const r = learnFromCoders(extracts, decisions);
    expect(r.trainedOn).toBe(10);
    expect([...r.learned.keys()].sort()).toEqual(["u1", "u2"]);
    expect(r.learned.get("u1")![0].code).toBe("attendance");
    expect(r.learned.get("u2")![0].code).toBe("housing");
  });
});
