import { describe, expect, it } from "vitest";
import { compileCodebook } from "../../../src/stages/code/codebook/compile.js";
import { cooccurrence } from "../../../src/stages/code/results/cooccurrence.js";
import { effectiveCodes, type CodedExtract } from "../../../src/stages/code/results/effective.js";
import { frequencies, frequencyRow, groupSizes } from "../../../src/stages/code/results/frequencies.js";
import { patientThemes } from "../../../src/stages/code/results/patient-themes.js";
import { pickQuotes, quoteText } from "../../../src/stages/code/results/quotes.js";
import { themeMapData } from "../../../src/stages/code/results/theme-map-data.js";
import { coderAgreement } from "../../../src/stages/code/coder-agreement.js";
import type { Extract } from "../../../src/stages/code/types.js";
import type { Group } from "../../../src/core/types.js";
import { tinyCodebook } from "./helpers.js";

const book = compileCodebook(tinyCodebook(), "tiny.json");
let n = 0;
function ex(patientId: string, group: Group, suggested: string[], text = `A passage long enough to quote about housing and age number ${++n}.`): Extract {
  return { extractId: `${patientId}-${++n}:0-${text.length}`, patientId, group, noteId: `${patientId}-n`, date: "2010-01-01", noteType: "", start: 0, end: text.length, text, retrievedBy: [], suggested, rules: [], highlights: [] };
}

describe("effectiveCodes", () => {
  const e = ex("P1", "adult", ["housing.hostel"]);
  it.each([
    ["suggestions when no coder has coded", undefined, [], false, ["housing.hostel"], "suggested"],
    ["a coder's codes over suggestions", { codes: ["housing.moves"], memo: "" }, [], false, ["housing.moves"], "coder"],
    ["none as no codes at all", { codes: ["none"], memo: "" }, [], false, [], "coder"],
    ["an empty decision as not coded yet", { codes: [], memo: "a memo only" }, [], false, ["housing.hostel"], "suggested"],
    ["learned codes only when asked", undefined, [{ code: "housing.moves", confidence: 0.8 }], true, ["housing.hostel", "housing.moves"], "suggested"],
    ["no learned codes unless asked", undefined, [{ code: "housing.moves", confidence: 0.8 }], false, ["housing.hostel"], "suggested"],
  ] as const)("uses %s", (_, decision, learned, use, codes, source) => {
    const c = effectiveCodes(e, decision as never, learned as never, use);
    expect([c.codes, c.source]).toEqual([codes, source]);
  });
});

describe("results per group", () => {
  const coded: CodedExtract[] = [
    effectiveCodes(ex("A1", "adult", ["housing.hostel", "housing.moves"]), undefined),
    effectiveCodes(ex("A1", "adult", ["housing.hostel"]), undefined),
    effectiveCodes(ex("A2", "adult", ["housing.hostel"]), { codes: ["none"], memo: "" }),
    effectiveCodes(ex("C1", "child", ["age.assessment"]), { codes: ["age.assessment", "housing"], memo: "" }),
    effectiveCodes(ex("U1", "unknown", ["housing.moves"]), undefined),
  ];
  it("patient-themes: one row per patient and theme, coder codes over suggestions", () => {
    expect(patientThemes(book, coded).map((r) => [r.patientId, r.theme, r.nExtracts, r.codes.join(";"), r.nCoderCoded])).toEqual([
      ["A1", "housing", 2, "housing.hostel;housing.moves", 0],
      ["C1", "housing", 1, "housing", 1],
      ["C1", "age", 1, "age.assessment", 1],
      ["U1", "housing", 1, "housing.moves", 0],
    ]);
  });
  it("frequencies: patients and extracts per theme and code, by group, with percentages of eligible patients", () => {
    const f = frequencies(book, coded);
    const housing = f.find((x) => x.id === "housing")!;
    expect([housing.patients, housing.extracts]).toEqual([
      { adult: 1, child: 1, unknown: 1, total: 3 },
      { adult: 2, child: 1, unknown: 1, total: 4 },
    ]);
    const sizes = groupSizes(["adult", "adult", "child", "unknown"]);
    expect(frequencyRow(housing, sizes).slice(0, 13)).toEqual(["theme", "housing", "housing", "Housing", 1, 1, 3, 2, 1, 4, "50.0", "100.0", "75.0"]);
    expect(f.map((x) => x.id)).toEqual(["housing", "housing.hostel", "housing.moves", "age", "age.assessment"]);
  });
  it("co-occurrence of themes and codes in patients and extracts", () => {
    const c = cooccurrence(book, coded);
    expect(c.filter((x) => x.group === "total").map((x) => [x.level, x.a, x.b, x.patients, x.extracts])).toEqual([
      ["theme", "housing", "age", 1, 1],
      ["code", "housing.hostel", "housing.moves", 1, 1],
    ]);
  });
  it("theme maps show the group's themes only, with zero counts and a note for an empty group", () => {
    const f = frequencies(book, coded);
    expect(themeMapData(book, f, "adult", 2).themes.map((t) => [t.id, t.patients])).toEqual([["housing", 1]]);
    expect(themeMapData(book, f, "child", 1).themes.map((t) => [t.id, t.patients])).toEqual([["housing", 1], ["age", 1]]);
    const empty = themeMapData(book, [], "child", 0);
    expect(empty.note).toMatch(/No eligible children/);
    expect(empty.themes.every((t) => t.patients === 0 && t.codes.every((c) => c.patients === 0))).toBe(true);
  });
});

describe("pickQuotes", () => {
  const short = "Hostel.";
  const coded = [
    effectiveCodes(ex("A1", "adult", ["housing.hostel"], "She lives in a hostel and was moved out of area twice this year."), undefined),
    effectiveCodes(ex("A1", "adult", ["housing.hostel", "housing.moves"], "Hostel again, and moved out of area; another borough took over her care."), undefined),
    effectiveCodes(ex("A2", "adult", ["housing.hostel"], short), undefined),
    effectiveCodes(ex("A3", "adult", ["housing.moves"], "Mrs Okafor was moved out of area, tel 07700 900123, DOB 03/11/1994."), undefined),
    effectiveCodes(ex("A4", "adult", ["housing.moves"], "Moved out of area by NASS to a hostel in ZZZZZ, seen by Dr ZZZZZ."), { codes: ["housing.moves"], memo: "" }),
  ];
  const quotes = pickQuotes(book, coded, ["adult", "child"]);
  it("picks up to three per theme, one per patient, most codes first, then coder-coded, then shortest", () => {
    expect(quotes.map((q) => [q.theme, q.rank, q.coded.extract.patientId])).toEqual([
      ["housing", 1, "A1"],
      ["housing", 2, "A4"],
      ["housing", 3, "A3"],
    ]);
    expect(quotes[0].codes).toEqual(["housing.hostel", "housing.moves"]);
  });
  it("flags identifiers that escaped de-identification and leaves masked text alone", () => {
    expect(quotes.find((q) => q.coded.extract.patientId === "A3")!.identifierFlags).toMatch(/^name_after_title@4-10; phone@38-50; date_of_birth@52-66$/);
    expect(quotes.find((q) => q.coded.extract.patientId === "A4")!.identifierFlags).toBe("");
  });
});

describe("quoteText", () => {
  const text = "Mood low. She was evicted from the hostel. Sleep poor. Moved out of area again.";
  const e = { ...ex("A1", "adult", ["housing.hostel", "housing.moves"], text), highlights: [
    { start: text.indexOf("hostel"), end: text.indexOf("hostel") + 6, code: "housing.hostel" },
    { start: text.indexOf("Moved"), end: text.indexOf("Moved") + 22, code: "housing.moves" },
  ] };
  it.each([
    ["one code's sentence", ["housing.hostel"], "She was evicted from the hostel."],
    ["the sentences of the theme's codes, not the unrelated one between them", ["housing.hostel", "housing.moves"], "She was evicted from the hostel. … Moved out of area again."],
  ])("quotes %s", (_, codes, want) => expect(quoteText(effectiveCodes(e, undefined), codes)).toBe(want));
  it("cuts a coder-coded extract to the sentence carrying the coder's code", () => {
    expect(quoteText(effectiveCodes(e, { codes: ["housing.moves"], memo: "" }), ["housing.moves"])).toBe("Moved out of area again.");
  });
  it("falls back to the theme's other hits, then to the whole extract", () => {
    const inHousing = (code: string) => code.startsWith("housing");
    expect(quoteText(effectiveCodes(e, { codes: ["housing"], memo: "" }), ["housing"], inHousing)).toBe("She was evicted from the hostel. … Moved out of area again.");
    expect(quoteText(effectiveCodes(e, { codes: ["age.assessment"], memo: "" }), ["age.assessment"])).toBe(text);
  });
  it("drops a near-duplicate: a template with a word changed", () => {
    const a = "Letter from the Home Office: her asylum claim is refused and she may appeal within 14 days.";
    const b = "Letter from the Home Office: his asylum claim is refused and he may appeal within 14 days.";
    const quotes = pickQuotes(book, [effectiveCodes(ex("D1", "adult", ["housing.hostel"], a), undefined), effectiveCodes(ex("D2", "adult", ["housing.hostel"], b), undefined)], ["adult"]);
    expect(quotes).toHaveLength(1);
  });
  it("never quotes the same wording twice", () => {
    const same = "Lives in a hostel, third move this year, no fixed abode now.";
    const quotes = pickQuotes(book, [effectiveCodes(ex("B1", "adult", ["housing.hostel"], same), undefined), effectiveCodes(ex("B2", "adult", ["housing.hostel"], same.toUpperCase()), undefined)], ["adult"]);
    expect(quotes).toHaveLength(1);
  });
});

describe("coderAgreement", () => {
  it("gives kappa and alpha per code and per theme over the extracts both coded", () => {
    const pairs = [
      { first: ["housing.hostel"], second: ["housing.hostel"] },
      { first: ["housing.hostel"], second: ["housing.moves"] },
      { first: ["none"], second: ["none"] },
      { first: ["age.assessment"], second: ["age.assessment"] },
    ];
    const rows = coderAgreement(book, pairs);
    expect(rows.map((r) => `${r.level}:${r.code}`)).toEqual(["theme:housing", "theme:age", "code:housing.hostel", "code:housing.moves", "code:age.assessment"]);
    const hostel = rows.find((r) => r.code === "housing.hostel")!;
    expect([hostel.both, hostel.firstOnly, hostel.secondOnly, hostel.neither]).toEqual([1, 1, 0, 2]);
    expect(hostel.kappa).toBeCloseTo(0.5, 12);
    const age = rows.find((r) => r.code === "age")!;
    expect([age.kappa, age.alpha]).toEqual([1, 1]);
  });
});
