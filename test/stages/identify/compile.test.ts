import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { compileCategories } from "../../../src/stages/identify/compile.js";

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
    rules: [
      { id: "told.from", description: "d", category: "told", patterns: ["letter from"], near: { target: "service", side: "after", within: 3 }, scope: "near_mention", priority: 90 },
      { id: "said.told-me", description: "d", category: "said", patterns: ["told me", "~disclosed"], unless: [{ patterns: ["@onward"], side: "before", within: 2 }], scope: "mention_sentence", priority: 50 },
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
    expect(c.rules.map((r) => [r.id, r.order, r.priority])).toEqual([["told.from", 0, 90], ["said.told-me", 1, 50]]);
    expect(c.serviceNames.match("Seen at the surgery by the GP").map((h) => h.term.group)).toEqual(["svc:gp", "svc:gp"]);
    expect(c.rules[1].cue.match("She disclsed it").length).toBe(1);
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
    ["an unknown scope", (s: any) => (s.rules[0].scope = "sentence"), 'cats.json › rules[0] "told.from" › scope: expected one of mention_sentence, near_mention, note, note_start'],
    ["a misspelt key", (s: any) => (s.rules[0].priorty = 3), 'cats.json › rules[0] "told.from": unknown key priorty'],
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
    expect(categories.services.map((s) => s.id)).toEqual(["voluntary_sector", "gp", "police", "social_services", "other_health", "ae", "home_office_legal"]);
  });
});
