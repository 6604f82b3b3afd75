import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { compileCategories } from "../../../src/stages/identify/compile.js";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";

/** A small valid scheme; each case below breaks one thing. */
function scheme(change: (s: Record<string, any>) => void = () => {}): Record<string, any> {
  const s: Record<string, any> = {
    categories: [
      { id: "told", label: "Told", definition: "Another service told the team." },
      { id: "said", label: "Said", definition: "The patient said.", group: "contact" },
      { id: "none", label: "None", definition: "Not known." },
    ],
    groups: [{ id: "contact", label: "Contact", definition: "During contact." }],
    serviceCategory: "told",
    fallback: "none",
    services: [{ id: "gp", label: "GP", definition: "General practice.", names: ["GP", "@practices"] }],
    lexicons: { practices: ["the surgery"], onward: ["referred to"] },
    procedure: [
      { id: "author", description: "Who wrote the note." },
      { id: "receipt", description: "Told by a service." },
      { id: "disclosure", description: "Said by the patient." },
    ],
    rules: [
      { id: "told.from", description: "d", category: "told", step: "receipt", patterns: ["letter from"], near: { target: "service", side: "after", within: 3 }, scope: "near_mention", notSections: ["plan"] },
      { id: "said.told-me", description: "d", category: "said", step: "disclosure", patterns: ["told me", "~disclosed"], unless: [{ patterns: ["@onward"], side: "before", within: 2 }], scope: "mention_sentence" },
    ],
  };
  change(s);
  return s;
}

function error(raw: unknown): string {
  try {
    compileCategories(raw, "cats.json");
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("compileCategories", () => {
  it("compiles a valid scheme: categories, groups, services (specific and lexicon names), rules in file order", () => {
    const c = compileCategories(scheme(), "cats.json");
    expect(c.categories.map((x) => x.id)).toEqual(["told", "said", "none"]);
    expect(c.rules.map((r) => [r.id, r.order, r.step])).toEqual([["told.from", 0, "receipt"], ["said.told-me", 1, "disclosure"]]);
    expect(c.procedure.map((p) => p.id)).toEqual(["author", "receipt", "disclosure"]);
    expect([...c.rules[0].notSections!]).toEqual(["plan"]);
    expect(c.serviceNames.match("Seen at the surgery by the GP").map((h) => h.term.group)).toEqual(["svc:gp", "svc:gp"]);
    expect(c.rules[1].cue!.match("She disclsed it").length).toBe(1);
  });

  it.each([
    ["a category that does not exist", (s: any) => (s.rules[0].category = "nope"), 'cats.json › rules[0] "told.from" › category: "nope" is not a category id (expected one of told, said, none)'],
    ["a service that does not exist", (s: any) => (s.rules[0].service = "police"), 'cats.json › rules[0] "told.from" › service: "police" is not a service id (expected one of gp)'],
    ["a service on a category without services", (s: any) => (s.rules[1].service = "gp"), 'cats.json › rules[1] "said.told-me" › service: only rules of category told name a service'],
    ["a service rule that cannot name its service", (s: any) => delete s.rules[0].near, 'cats.json › rules[0] "told.from": a rule of category told must say which service informed the team'],
    ["a rule id used twice", (s: any) => (s.rules[1].id = "told.from"), 'cats.json › rules[1] "told.from" › id: "told.from" is used twice'],
    ["a malformed pattern", (s: any) => (s.rules[1].patterns = ["told me", "/(/"]), 'cats.json › rules[1] "said.told-me" › patterns[1]: invalid regular expression'],
    ["a misplaced wildcard", (s: any) => (s.rules[1].patterns = ["dis*closed"]), 'cats.json › rules[1] "said.told-me" › patterns[0]: "*" may only end a word'],
    ["a lexicon that does not exist", (s: any) => (s.rules[1].unless[0].patterns = ["@onwards"]), 'no lexicon named "onwards"'],
    ["a group that does not exist", (s: any) => (s.categories[1].group = "talk"), 'cats.json › categories[1] "said" › group: "talk" is not listed under "groups"'],
    ["a fallback that is not a category", (s: any) => (s.fallback = "unknown"), 'cats.json › fallback: "unknown" is not a category id'],
    ["an unknown scope", (s: any) => (s.rules[0].scope = "sentence"), 'cats.json › rules[0] "told.from" › scope: expected one of mention_sentence, near_mention, section, part, note, note_start'],
    ["a misspelt key", (s: any) => (s.rules[0].stepp = "receipt"), 'cats.json › rules[0] "told.from": unknown key stepp'],
    ["a step that is not in the procedure", (s: any) => (s.rules[0].step = "told"), 'cats.json › rules[0] "told.from" › step: "told" is not a step of the procedure (expected one of author, receipt, disclosure)'],
    ["a rule on the built-in author step", (s: any) => (s.rules[0].step = "author"), 'cats.json › rules[0] "told.from" › step: "author" is the built-in step'],
    ["a step listed twice", (s: any) => s.procedure.push({ id: "receipt", description: "again" }), 'cats.json › procedure[3] "receipt" › id: "receipt" is used twice'],
    ["a procedure missing", (s: any) => delete s.procedure, "cats.json › procedure: expected a list of steps"],
    ["a bad near target", (s: any) => (s.rules[0].near.target = "services"), 'cats.json › rules[0] "told.from" › near.target: expected "service", "mention" or "@lexicon"'],
    ["an upper-case id", (s: any) => (s.rules[0].id = "Told"), "expected an id of lower-case letters"],
  ])("rejects %s, naming file, entry and field", (_why, change, message) => {
    expect(error(scheme(change))).toContain(message);
  });

  it("names a nested field the way the file reads it (patterns[0], not patterns.0)", () => {
    expect(error(scheme((s) => (s.rules[0].patterns = [""])))).toBe('cats.json › rules[0] "told.from" › patterns[0]: expected a non-empty text');
  });

  it("validates the bundled preset", async () => {
    const { categories } = await import("./preset.js");
    expect(categories.categories.map((c) => c.id)).toEqual(["other_service", "during_contact_historical", "during_contact_recent", "unknown"]);
    expect(categories.services.map((s) => s.id)).toEqual(["voluntary_sector", "gp", "police", "social_services", "other_health", "a_and_e", "home_office_or_legal"]);
    expect(categories.procedure.map((p) => p.id)).toEqual(["author", "receipt", "recency", "disclosure", "suspicion", "assessment", "known"]);
  });
});

describe("near.in: the target may lie in the cue's block", () => {
  const note = (text: string) => ({ patientId: "P", noteId: "n1", date: "2010-01-01", text, noteType: "Event", source: { file: "x", line: 2 } });
  const text = "She told me that she was trafficked.\nYours sincerely\nDr ZZZZZ\nThe Surgery";
  const withIn = (within: "sentence" | "block") =>
    compileCategories(
      scheme((s) => {
        s.rules = [{ id: "told.signed", description: "d", category: "told", step: "receipt", patterns: ["yours sincerely"], near: { target: "service", side: "after", within: 10, in: within }, scope: "note" }];
      }),
      "cats.json",
    );
  const matcher = compileMatcher(parseTerms("trafficked", "t.txt"));
  it("finds a service in the sign-off block only when the rule says block", async () => {
    const { suggestRoute } = await import("../../../src/stages/identify/suggest-route.js");
    expect(suggestRoute([note(text)], withIn("sentence"), matcher).rule).toBe("doc.note + no-cue");
    expect(suggestRoute([note(text)], withIn("block"), matcher)).toMatchObject({ route: "told", service: "gp", rule: "doc.note + told.signed" });
  });
});
