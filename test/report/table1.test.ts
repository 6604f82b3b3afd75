import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Group } from "../../src/core/types.js";
import { buildTable1, meanAge, table1CsvRows, type Table1, type Table1Patient } from "../../src/report/table1.js";
import { ROOT } from "../helpers/cli.js";
import { PRESET_TABLE1 } from "./vocabulary.js";

const p = (group: Group, age: number | null, gender: string, region: string, exploitation: string, referral: string): Table1Patient => ({
  group, age, gender, attributes: { region_of_origin: region, exploitation_type: exploitation, referral_route: referral },
});

const PATIENTS: Table1Patient[] = [
  p("adult", 19, "Female", "Europe", "Sexual", "A&E"),
  p("adult", 27, "female", "Africa", "Domestic servitude", "GP"),
  p("adult", 40, "Male", "Asia", "Other", "police"),
  p("adult", 25, "F", "Africa", "Sexual", ""),
  p("child", 9, "Female", "Africa", "domestic", "Other"),
  p("child", 16, "M", "Asia", "", "Other health"),
  p("child", 17.9, "Female", "Narnia", "Sexual", "Accident and Emergency"),
  p("unknown", null, "Non-binary", "", "Sexual", "GP"),
];

const cells = (t: Table1, characteristic: string) =>
  t.rows.filter((r) => r.characteristic === characteristic).map((r) => [r.category, r.cells.total, r.cells.adult, r.cells.child]);

describe("buildTable1 on a constructed set", () => {
  const t = buildTable1(PATIENTS, PRESET_TABLE1);

  it("sizes the columns; patients of unknown group count in the total only", () => {
    expect(t.n).toEqual({ total: 8, adult: 4, child: 3 });
    expect(t.unknownGroup).toBe(1);
    expect(t.rows[0]).toMatchObject({ characteristic: "Patients", category: "n", cells: { total: "8", adult: "4", child: "3" } });
  });

  it("gender: known spellings folded, other values before Unknown, percentages of the column (half up)", () => {
    expect(cells(t, "Gender")).toEqual([
      ["Female", "5 (63%)", "3 (75%)", "2 (67%)"],
      ["Male", "2 (25%)", "1 (25%)", "1 (33%)"],
      ["Non-binary", "1 (13%)", "0 (0%)", "0 (0%)"],
    ]);
  });

  it("region: the paper's order, any other region before Other and Unknown, which always show", () => {
    expect(cells(t, "Region of origin").map((r) => r[0])).toEqual(["Europe", "Africa", "Asia", "Narnia", "Other", "Unknown"]);
    expect(cells(t, "Region of origin")[5]).toEqual(["Unknown", "1 (13%)", "0 (0%)", "0 (0%)"]);
  });

  it("age: the study's bands (completed years), Unknown when any, then mean (SD, range)", () => {
    expect(cells(t, "Age at first contact (years)")).toEqual([
      ["8–11", "1 (13%)", "0 (0%)", "1 (33%)"],
      ["12–15", "0 (0%)", "0 (0%)", "0 (0%)"],
      ["16–17", "2 (25%)", "0 (0%)", "2 (67%)"],
      ["18–25", "2 (25%)", "2 (50%)", "0 (0%)"],
      ["26–33", "1 (13%)", "1 (25%)", "0 (0%)"],
      ["34+", "1 (13%)", "1 (25%)", "0 (0%)"],
      ["Unknown", "1 (13%)", "0 (0%)", "0 (0%)"],
      ["Mean (SD, range)", "22.0 (9.9, 9–40)", "27.8 (8.8, 19–40)", "14.3 (4.7, 9–17.9)"],
    ]);
    const mean = t.rows.find((r) => r.category === "Mean (SD, range)")!;
    expect(mean.counts).toEqual({ total: 7, adult: 4, child: 3 });
  });

  it("exploitation and referral: aliases folded into the study's categories, empty is Unknown", () => {
    expect(cells(t, "Type of exploitation")).toEqual([
      ["Sexual", "4 (50%)", "2 (50%)", "1 (33%)"],
      ["Domestic servitude", "2 (25%)", "1 (25%)", "1 (33%)"],
      ["Other", "1 (13%)", "1 (25%)", "0 (0%)"],
      ["Unknown", "1 (13%)", "0 (0%)", "1 (33%)"],
    ]);
    expect(cells(t, "Referral route to mental health services")).toEqual([
      ["A&E", "2 (25%)", "1 (25%)", "1 (33%)"],
      ["GP", "2 (25%)", "1 (25%)", "0 (0%)"],
      ["Other health", "1 (13%)", "0 (0%)", "1 (33%)"],
      ["Police/courts", "1 (13%)", "1 (25%)", "0 (0%)"],
      ["Other", "1 (13%)", "0 (0%)", "1 (33%)"],
      ["Unknown", "1 (13%)", "1 (25%)", "0 (0%)"],
    ]);
  });

  it("shows bands under 8 only when someone is in them", () => {
    expect(cells(buildTable1([p("child", 5, "Male", "Asia", "", "")], PRESET_TABLE1), "Age at first contact (years)").map((r) => r[0])).toEqual(
      ["4–7", "8–11", "12–15", "16–17", "18–25", "26–33", "34+", "Mean (SD, range)"],
    );
  });

  it("writes CSV rows with the raw counts after the formatted cells", () => {
    const female = table1CsvRows(t).find((r) => r[1] === "Female");
    expect(female).toEqual(["Gender", "Female", "5 (63%)", "3 (75%)", "2 (67%)", 5, 3, 2]);
  });
});

describe("meanAge", () => {
  it.each([
    ["no ages", [], "–"],
    ["one age has no SD", [30], "30.0 (–, 30–30)"],
    ["sample SD (n − 1)", [18, 20, 22], "20.0 (2.0, 18–22)"],
  ])("%s", (_name, ages, want) => expect(meanAge(ages)).toBe(want));
});

// SPEC §6: the demo extract mirrors the study's Table 1. The truth's eligible=yes patients are the 130.
const DEMO = join(ROOT, "fixtures", "south-london-demo");
describe.skipIf(!existsSync(join(DEMO, "truth", "patients.csv")))("Table 1 of the demo extract (SPEC §6)", () => {
  const read = (f: string) => parse(readFileSync(join(DEMO, f), "utf8"), { columns: true, bom: true }) as Record<string, string>[];
  const truth = new Map(read("truth/patients.csv").map((r) => [r.patient_id, r]));
  const patients = read("patients.csv")
    .filter((r) => truth.get(r.patient_id)?.eligible === "yes")
    .map((r) => p(Number(r.age_at_first_contact) < 18 ? "child" : "adult", Number(r.age_at_first_contact), r.gender, r.region_of_origin, r.exploitation_type, r.referral_route));
  const t = buildTable1(patients, PRESET_TABLE1);
  const counts = (characteristic: string, category: string) => {
    const row = t.rows.find((r) => r.characteristic === characteristic && r.category === category)!;
    return [row.counts.total, row.counts.adult, row.counts.child];
  };

  it("has the study's 130 patients: 95 adults, 35 children", () => expect(t.n).toEqual({ total: 130, adult: 95, child: 35 }));

  it.each([
    ["Gender", "Female", [101, 76, 25]],
    ["Region of origin", "Europe", [22, 22, 0]],
    ["Region of origin", "Africa", [65, 47, 18]],
    ["Region of origin", "Asia", [27, 16, 11]],
    ["Region of origin", "Other", [13, 8, 5]],
    ["Region of origin", "Unknown", [3, 2, 1]],
    ["Type of exploitation", "Sexual", [67, 55, 12]],
    ["Type of exploitation", "Domestic servitude", [22, 10, 12]],
    ["Type of exploitation", "Other", [8, 8, 0]],
    ["Type of exploitation", "Unknown", [33, 22, 11]],
    ["Referral route to mental health services", "A&E", [34, 28, 6]],
    ["Referral route to mental health services", "GP", [36, 31, 5]],
    ["Referral route to mental health services", "Other health", [29, 22, 7]],
    ["Referral route to mental health services", "Police/courts", [7, 5, 2]],
    // SPEC §6 prints 23/6/15 for Other; 6 + 15 is 21, and only 21 makes the referral routes sum to 130.
    ["Referral route to mental health services", "Other", [21, 6, 15]],
    ["Referral route to mental health services", "Unknown", [3, 3, 0]],
  ])("%s %s: %j", (characteristic, category, want) => expect(counts(characteristic, category)).toEqual(want));

  it.each([
    ["8–11", 6],
    ["12–15", 11],
    ["16–17", 18],
    ["18–25", 48],
    ["26–33", 35],
    ["34+", 12],
  ])("age %s: %i", (band, n) => expect(counts("Age at first contact (years)", band)[0]).toBe(n));

  it("formats the study's cells", () => {
    const female = t.rows.find((r) => r.category === "Female")!;
    expect(female.cells).toEqual({ total: "101 (78%)", adult: "76 (80%)", child: "25 (71%)" });
  });
});
