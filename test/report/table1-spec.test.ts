import { describe, expect, it } from "vitest";
import { compileTopic, NEUTRAL_TOPIC } from "../../src/config/topic.js";
import { UserError } from "../../src/core/errors.js";
import type { Patient } from "../../src/core/types.js";
import { table1ColumnNotes } from "../../src/report/read-inputs.js";
import { buildTable1, table1CsvRows, type Table1Patient } from "../../src/report/table1.js";
import { compileTable1Spec, DEFAULT_TABLE1, readTable1Spec } from "../../src/report/table1-spec.js";

/** A domestic-abuse study's Table 1: its own attributes, categories, missing label and age bands. */
const SPEC = {
  rows: [
    { column: "gender", label: "Gender", categories: [{ label: "Woman", values: ["f", "female"] }, { label: "Man", values: ["m", "male"] }] },
    {
      column: "ethnicity",
      label: "Ethnic group",
      categories: [{ label: "Asian" }, { label: "Black" }, { label: "White", values: ["white british", "white other"] }, { label: "Other" }],
      othersBefore: "Other",
      missing: { label: "Not stated", values: ["declined"], show: "always" },
    },
    { column: "relationship", label: "Relationship to the person who harmed", categories: [{ label: "Partner" }, { label: "Ex-partner" }, { label: "Family member", show: "if_present" }] },
    { age: true, label: "Age (years)", bands: [{ label: "Under 18", from: 0, to: 17 }, { label: "18–39", from: 18, to: 39 }, { label: "40+", from: 40 }], mean: true, meanLabel: "Mean age (SD, range)" },
  ],
};

const p = (group: Table1Patient["group"], age: number | null, gender: string, attributes: Record<string, string>): Table1Patient => ({ group, age, gender, attributes });

const PATIENTS = [
  p("adult", 22, "F", { ethnicity: "White British", relationship: "Partner" }),
  p("adult", 45, "female", { ethnicity: "declined", relationship: "ex-partner" }),
  p("adult", 31, "Male", { ethnicity: "Mixed", relationship: "Partner" }),
  p("child", 16, "Female", { ethnicity: "", relationship: "" }),
];

describe("Table 1 from the study's file", () => {
  const t = buildTable1(PATIENTS, compileTable1Spec(SPEC, "table1.json"));
  const rows = (label: string) => t.rows.filter((r) => r.characteristic === label).map((r) => [r.category, r.cells.total]);

  it("shows each row in the file's order with its own labels", () => {
    expect([...new Set(t.rows.map((r) => r.characteristic))]).toEqual(["Patients", "Gender", "Ethnic group", "Relationship to the person who harmed", "Age (years)"]);
    expect(rows("Gender")).toEqual([["Woman", "3 (75%)"], ["Man", "1 (25%)"]]);
  });

  it("folds values into categories, puts others before othersBefore, and counts missing under its own label", () => {
    expect(rows("Ethnic group")).toEqual([["Asian", "0 (0%)"], ["Black", "0 (0%)"], ["White", "1 (25%)"], ["Mixed", "1 (25%)"], ["Other", "0 (0%)"], ["Not stated", "2 (50%)"]]);
  });

  it("hides an if_present category nobody is in; shows Unknown only when someone is missing", () => {
    expect(rows("Relationship to the person who harmed")).toEqual([["Partner", "2 (50%)"], ["Ex-partner", "1 (25%)"], ["Unknown", "1 (25%)"]]);
  });

  it("bands ages by the file's bounds and labels the mean as asked", () => {
    expect(rows("Age (years)")).toEqual([["Under 18", "1 (25%)"], ["18–39", "2 (50%)"], ["40+", "1 (25%)"], ["Mean age (SD, range)", "28.5 (12.6, 16–45)"]]);
  });

  it("writes the same CSV shape as before", () => {
    expect(table1CsvRows(t)[1]).toEqual(["Gender", "Woman", "3 (75%)", "2 (67%)", "1 (100%)", 3, 2, 1]);
  });

  it("without a file: gender and age in the study's bands", () => {
    const d = buildTable1(PATIENTS, readTable1Spec(undefined));
    expect([...new Set(d.rows.map((r) => r.characteristic))]).toEqual(["Patients", "Gender", "Age at first contact (years)"]);
    expect(compileTable1Spec(DEFAULT_TABLE1).rows).toHaveLength(2);
  });
});

describe("what Table 1 leaves out is said, not dropped", () => {
  const patient = (attributes: Record<string, string>): Patient => ({ patientId: "x", group: "adult", age: 30, gender: "Female", attributes });
  it("names the patients file's columns no row shows, and a row's column the file lacks", () => {
    const notes = table1ColumnNotes(new Map([["a", patient({ ethnicity: "White", postcode_district: "SE5", relationship: "Partner" })]]), compileTable1Spec({ rows: [SPEC.rows[1], { column: "borough", label: "Borough" }] }));
    expect(notes).toEqual([
      "The patients file's columns postcode_district and relationship are not in Table 1: add a row for them to the study's Table 1 file (table1.json, or --table1) to show them.",
      'Table 1 has a row for the column borough, which the patients file does not have: every patient counts as missing there (check the name, or map it under "columns" in the config).',
    ]);
  });

  it("says nothing without a patients file (that has its own note)", () => {
    expect(table1ColumnNotes(new Map(), compileTable1Spec(SPEC))).toEqual([]);
  });
});

describe("compileTable1Spec rejects a bad file, naming the row and field", () => {
  const row = (over: Record<string, unknown>) => ({ rows: [{ column: "ethnicity", label: "Ethnic group", categories: [{ label: "White" }], ...over }] });
  const age = (bands: unknown[]) => ({ rows: [{ age: true, label: "Age", bands }] });
  it.each([
    ["no rows", { rows: [] }, "t.json › rows: expected at least one row"],
    ["an unknown key", row({ colour: "red" }), "t.json › rows[0]: unknown key colour"],
    ["neither column nor age", { rows: [{ label: "X" }] }, 't.json › rows[0] "X": give exactly one of "column" (a patients-file column) or "age": true'],
    ["a value in two categories", row({ categories: [{ label: "White", values: ["w"] }, { label: "Whiter", values: ["W"] }] }), 't.json › rows[0] "Ethnic group" › categories[1]: the value "w" already counts as White'],
    ["othersBefore naming no category", row({ othersBefore: "Other" }), 't.json › rows[0] "Ethnic group" › othersBefore: expected the label of one of the row\'s categories (White)'],
    ["missing that is also a category", row({ missing: { values: ["white"] } }), '"white" is both missing and the category White'],
    ["bands on an attribute", row({ bands: [{ label: "x", from: 0 }] }), "bands and mean are for the age row"],
    ["a bad show", row({ categories: [{ label: "White", show: "sometimes" }] }), "t.json › rows[0].categories[0].show: expected always or if_present"],
    ["a gap between bands", age([{ label: "0–17", from: 0, to: 17 }, { label: "20+", from: 20 }]), 't.json › rows[0] "Age" › bands[1] "20+" › from: expected 18'],
    ["bands not from 0", age([{ label: "18+", from: 18 }]), '› bands[0] "18+" › from: expected 0'],
    ["an open band before the last", age([{ label: "0+", from: 0 }, { label: "18+", from: 18 }]), '› bands[0] "0+" › to: only the last band may be open'],
    ["a closed last band", age([{ label: "0–17", from: 0, to: 17 }]), "› bands[0] › to: the last band must be open"],
    ["two rows for one column", { rows: [row({}).rows[0], row({}).rows[0]] }, 't.json › rows[1] "Ethnic group" › column: "ethnicity" already has a row'],
    ["two age rows", { rows: [age([{ label: "all", from: 0 }]).rows[0], age([{ label: "all", from: 0 }]).rows[0]] }, 't.json › rows[1] "Age": only one age row'],
  ])("%s", (_name, raw, message) => {
    let caught: unknown;
    try {
      compileTable1Spec(raw, "t.json");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toContain(message);
  });
});

describe("compileTopic", () => {
  it("takes the study's words and fills in neutral ones", () => {
    expect(compileTopic({ topic: "the abuse" })).toEqual({ topic: "the abuse", identifiedAs: NEUTRAL_TOPIC.identifiedAs, routesHeading: "How the team learned of the abuse" });
    expect(compileTopic({})).toEqual(NEUTRAL_TOPIC);
    expect(compileTopic({ title: "Forced marriage", routesHeading: "How the team came to know" })).toMatchObject({ title: "Forced marriage", routesHeading: "How the team came to know" });
  });

  it.each([
    [{ topik: "x" }, "topic.json › topik: unknown key (remove it or check its spelling)"],
    [{ topic: "" }, "topic.json › topic: expected a non-empty text"],
    [{ title: "two\nlines" }, "topic.json › title: expected one line"],
  ])("rejects %j", (raw, message) => {
    expect(() => compileTopic(raw, "topic.json")).toThrow(message);
  });
});
