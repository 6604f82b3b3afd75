import { describe, expect, it } from "vitest";
import { termHitLines, termHits } from "../../../src/stages/search/term-hits.js";

const terms = [
  { group: "case", term: "trafficked", at: "terms.txt:1" },
  { group: "case", term: "traffiked", at: "terms.txt:2" },
  { group: "immigration", term: "asylum", at: "terms.txt:4" },
  { group: "immigration", term: "Home Ofice", at: "terms.txt:5" },
];
const hits = [
  { group: "case", term: "trafficked", patientId: "P1" },
  { group: "case", term: "trafficked", patientId: "P1" },
  { group: "case", term: "trafficked", patientId: "P2" },
  { group: "immigration", term: "asylum", patientId: "P2" },
  { group: "case", term: "sex slave", patientId: "P3" },
];

describe("hits per term", () => {
  it("lists every term in file order with hits and patients, zero-hit terms included, unlisted ones last", () => {
    expect(termHits(terms, hits)).toEqual([
      { group: "case", term: "trafficked", at: "terms.txt:1", hits: 3, patients: 2 },
      { group: "case", term: "traffiked", at: "terms.txt:2", hits: 0, patients: 0 },
      { group: "immigration", term: "asylum", at: "terms.txt:4", hits: 1, patients: 1 },
      { group: "immigration", term: "Home Ofice", at: "terms.txt:5", hits: 0, patients: 0 },
      { group: "case", term: "sex slave", hits: 1, patients: 1 },
    ]);
  });

  it("says which terms matched nothing, for the search summary", () => {
    const lines = termHitLines(termHits(terms, hits));
    expect(lines).toContain("       0  traffiked  (no hits: check the spelling)");
    expect(lines).toContain("  [immigration] 1 hits from 1 of 2 terms; no hits: Home Ofice");
  });
});
