import { describe, expect, it } from "vitest";
import { compileCodebook, codingValues, themeOf } from "../../../src/stages/code/codebook/compile.js";
import { UserError } from "../../../src/core/errors.js";
import { presetCodebook, tinyCodebook } from "./helpers.js";

type Edit = (book: any) => void;

// Each case breaks one field; the message must name the code (or theme) and the field.
const BROKEN: [string, Edit, RegExp][] = [
  ["an unknown key", (b) => (b.themes[0].codes[0].pattern = ["x"]), /code housing\.hostel: unknown key pattern/],
  ["a missing label", (b) => delete b.themes[0].codes[1].label, /code housing\.moves › label: expected a text/],
  ["an id with capitals", (b) => (b.themes[0].codes[0].id = "Housing.Hostel"), /code Housing\.Hostel › id: expected an id of lower-case letters/],
  ["a malformed regex", (b) => (b.themes[0].codes[1].patterns = ["ok", "/unclosed(/"]), /code housing\.moves › patterns\[1\]: invalid regular expression/],
  ["a short wildcard", (b) => (b.themes[0].codes[0].unless = ["ho*"]), /code housing\.hostel › unless\[0\]: a wildcard needs at least 3 letters/],
  ["a stem pattern with no word", (b) => (b.themes[0].codes[0].patterns = ["stem:  "]), /code housing\.hostel › patterns\[0\]: "stem:" needs at least one word/],
  ["a duplicate id", (b) => (b.themes[1].codes[0].id = "housing.moves"), /code housing\.moves: id "housing\.moves" is already used by code housing\.moves/],
  ["a code group outside its theme's", (b) => (b.themes[1].codes[0].groups = ["adult"]), /code age\.assessment › groups: "adult" is not a group of its theme age/],
  ["an unknown group", (b) => (b.themes[0].groups = ["elderly"]), /theme housing › groups\[0\]: expected one of adult, child/],
  ["the reserved id none", (b) => (b.themes[0].codes[1].id = "none"), /code none: "none" is reserved/],
  ["a bad colour", (b) => (b.themes[0].color = "blue"), /theme housing › color: expected a colour like #1F77B4/],
  ["no themes", (b) => (b.themes = []), /themes: expected at least one theme/],
];

describe("compileCodebook", () => {
  it("compiles a valid codebook: codes in order, groups inherited, patterns compiled", () => {
    const book = compileCodebook(tinyCodebook(), "tiny.json");
    expect(book.codes.map((c) => c.id)).toEqual(["housing.hostel", "housing.moves", "age.assessment"]);
    expect(book.codeById.get("age.assessment")!.groups).toEqual(["child"]);
    expect(book.codeById.get("housing.hostel")!.groups).toEqual(["adult", "child"]);
    expect(book.codeById.get("housing.hostel")!.patterns.map((p) => [p.kind, p.ref])).toEqual([
      ["terms", "patterns[0]"],
      ["stem", "patterns[1]"],
    ]);
    expect(book.codeById.get("housing.hostel")!.patterns[1].stems).toEqual(["evict"]);
    expect(codingValues(book)).toEqual(["housing.hostel", "housing.moves", "age.assessment", "housing", "age", "none"]);
    expect([themeOf(book, "age.assessment"), themeOf(book, "housing"), themeOf(book, "none")]).toEqual(["age", "housing", undefined]);
  });

  it.each(BROKEN)("rejects %s with a message naming the code and field", (_, edit, message) => {
    const data = tinyCodebook();
    edit(data);
    let error: unknown;
    try {
      compileCodebook(data, "tiny.json");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^tiny\.json › /);
    expect((error as Error).message).toMatch(message);
  });

  it("reports every problem at once, one line each", () => {
    const data = tinyCodebook() as any;
    data.themes[0].codes[0].patterns = ["/(/"];
    data.themes[0].codes[1].patterns = ["/)/"];
    const message = (() => {
      try {
        compileCodebook(data, "tiny.json");
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message?.split("\n")).toHaveLength(2);
  });
});

// The contract of SPEC §6 and the ids the demo truth uses.
const THEMES = ["instability", "history", "engagement", "services", "interagency", "identity"];
const CODES = [
  "instability.accommodation", "instability.immigration", "instability.finance", "instability.continuity", "instability.therapy_postponed",
  "instability.motivation_queried", "instability.staff_time", "history.police_investigation", "history.unwilling", "history.inconsistent",
  "engagement.declined", "engagement.non_attendance", "engagement.hard_to_contact", "engagement.cultural", "engagement.staff_gender",
  "engagement.carers_obstruct", "services.waiting_list", "services.funding_cuts", "services.closed_services", "interagency.responsibility",
  "interagency.communication", "interagency.disagreement", "identity.age_dispute", "identity.parentage",
];

describe("the south-london-2015 codebook", () => {
  const book = presetCodebook();
  it("holds the study's themes and sub-themes with the contract's ids", () => {
    expect(book.themes.map((t) => t.id)).toEqual(THEMES);
    expect(book.codes.map((c) => c.id)).toEqual(CODES);
  });
  it("keeps identity and carers obstructing for children only", () => {
    expect(book.themeById.get("identity")!.groups).toEqual(["child"]);
    expect(book.codeById.get("engagement.carers_obstruct")!.groups).toEqual(["child"]);
    expect(book.codeById.get("engagement.declined")!.groups).toEqual(["adult", "child"]);
  });
  it.each(CODES)("%s has a description, notes for coders, an example and patterns", (id) => {
    const c = book.codeById.get(id)!;
    expect(c.description.length).toBeGreaterThan(20);
    expect(c.inclusion && c.exclusion && c.example).toBeTruthy();
    expect(c.patterns.length).toBeGreaterThan(0);
  });
});
