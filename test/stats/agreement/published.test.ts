import { describe, expect, it } from "vitest";
import { summariseAgreement, type AgreementReport } from "../../../src/stats/agreement/summarise.js";
import { toRatings } from "./load-vectors.js";

const N = null;
const s = (rows: (number | null)[][]) => rows.map((r) => r.map((v) => (v === null ? null : String(v))));
const pairs = (spec: [string, string, number][]) => {
  const a: string[] = [];
  const b: string[] = [];
  for (const [x, y, k] of spec) for (let i = 0; i < k; i++) (a.push(x), b.push(y));
  return [a, b];
};
function fleissWorkedExample(): string[][] {
  const counts = [[0,0,0,0,14],[0,2,6,4,2],[0,0,3,5,6],[0,3,9,2,0],[2,2,8,1,1],[7,7,0,0,0],[3,2,6,3,0],[2,5,3,2,2],[6,5,2,1,0],[0,2,2,3,7]];
  const raters = Array.from({ length: 14 }, () => [] as string[]);
  counts.forEach((row) => {
    const labels = row.flatMap((k, c) => Array<string>(k).fill(String(c + 1)));
    labels.forEach((l, j) => raters[j].push(l));
  });
  return raters;
}

// Published figures, to the digits they were published with.
const CASES: [string, (string | null)[][], keyof AgreementReport, number, number][] = [
  ["Krippendorff 2011, nominal, 4 observers with missing data", s([[1,2,3,3,2,1,4,1,2,N,N,N],[1,2,3,3,2,2,4,1,2,5,N,3],[N,3,3,3,2,3,4,2,2,5,1,N],[1,2,3,3,2,4,4,1,2,5,1,N]]), "krippendorff_alpha", 0.743, 3],
  ["Krippendorff 2011, binary, 2 observers", s([[0,1,0,0,0,0,0,0,1,0],[1,1,1,0,0,1,0,0,0,0]]), "krippendorff_alpha", 0.095, 3],
  ["Wikipedia, Krippendorff's alpha", s([[N,N,N,N,N,3,4,1,2,1,1,3,3,N,3],[1,N,2,1,3,3,4,3,N,N,N,N,N,N,N],[N,N,2,1,3,4,4,N,2,1,1,3,3,N,4]]), "krippendorff_alpha", 0.691358, 6],
  ["Fleiss' kappa worked example, 14 raters, 10 items", fleissWorkedExample(), "fleiss_kappa", 0.21, 3],
  ["Cohen's kappa, 20/5/10/15", pairs([["yes","yes",20],["yes","no",5],["no","yes",10],["no","no",15]]), "cohen_kappa", 0.4, 6],
  ["irrCAC README, cont3x3abstractors, Gwet's AC1", pairs([["E","E",13],["A","A",20],["A","N",7],["N","A",4],["N","N",56]]), "gwet_ac1", 0.8493305, 7],
  ["irrCAC README, cont3x3abstractors, Cohen's kappa", pairs([["E","E",13],["A","A",20],["A","N",7],["N","A",4],["N","N",56]]), "cohen_kappa", 0.7964094, 7],
  ["irrCAC README, cont3x3abstractors, Brennan-Prediger (= PABAK)", pairs([["E","E",13],["A","A",20],["A","N",7],["N","A",4],["N","N",56]]), "pabak", 0.835, 6],
];

describe("published worked examples", () => {
  it.each(CASES)("%s", (_name, raters, key, published, digits) => {
    const got = summariseAgreement(toRatings(raters))[key] as number;
    expect(Number(got.toFixed(digits))).toBe(published);
  });

  it("gives the SE of Gwet's AC1 that the irrCAC README publishes for cont3x3abstractors (0.04321747)", () => {
    const r = summariseAgreement(toRatings(pairs([["E","E",13],["A","A",20],["A","N",7],["N","A",4],["N","N",56]])));
    expect(Number(r.gwet_ac1_se!.toFixed(8))).toBe(0.04321747);
  });

  it("gives the FCE 1969 SE that R psych cohen.kappa reports for the 20/5/10/15 table (0.1269961)", () => {
    const r = summariseAgreement(toRatings(pairs([["yes","yes",20],["yes","no",5],["no","yes",10],["no","no",15]])));
    expect(Number(r.cohen_kappa_se!.toFixed(7))).toBe(0.1269961);
    expect(r.cohen_kappa_ci95!.map((x) => Number(x.toFixed(6)))).toEqual([0.151088, 0.648912]);
  });
});
