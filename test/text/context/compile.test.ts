import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { compileRules, literalRegex } from "../../../src/text/context/index.js";
import { PRESET_RULES_PATH, rules } from "../../stages/screen/rules.js";
import { readFileSync } from "node:fs";

const base = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  maxScope: 8,
  triggers: [{ id: "neg.no", literal: "no", category: "NEGATED", direction: "forward" }],
  senses: [{ id: "sense.drug", sense: "drug_trafficking", pattern: "\\bdrugs?\\b", window: 3 }],
  ...over,
});
const trigger = (t: Record<string, unknown>): Record<string, unknown> => base({ triggers: [t] });

describe("compileRules", () => {
  it("compiles the preset's rules with unique ids", () => {
    const raw = JSON.parse(readFileSync(PRESET_RULES_PATH, "utf8"));
    expect(rules.triggers.length).toBe(raw.triggers.length);
    expect(rules.senses.length).toBe(raw.senses.length);
    expect(rules.frames.length).toBe(raw.frames.length);
    const ids = [...rules.triggers, ...rules.senses, ...rules.frames].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives each trigger the file's maxScope unless it sets its own", () => {
    const c = compileRules(base({ triggers: [{ id: "a", literal: "no", category: "NEGATED", direction: "forward" }, { id: "b", literal: "free", category: "NEGATED", direction: "backward", scope: 3 }] }));
    expect(c.triggers.map((t) => t.scope)).toEqual([8, 3]);
    expect(c.senses[0].side).toBe("either");
  });

  it.each([
    ["no literal or pattern", trigger({ id: "neg.x", category: "NEGATED", direction: "forward" }), 'rules.json › triggers[0] "neg.x": give exactly one of "literal" or "pattern"'],
    ["both literal and pattern", trigger({ id: "neg.x", literal: "no", pattern: "no", category: "NEGATED", direction: "forward" }), 'triggers[0] "neg.x": give exactly one'],
    ["a broken regular expression", trigger({ id: "neg.broken", pattern: "(no", category: "NEGATED", direction: "forward" }), 'rules.json › triggers[0] "neg.broken" › pattern: not a valid regular expression'],
    ["a pattern matching empty text", trigger({ id: "neg.empty", pattern: "x*", category: "NEGATED", direction: "forward" }), 'triggers[0] "neg.empty" › pattern: matches empty text'],
    ["an unknown category", trigger({ id: "neg.cat", literal: "no", category: "NEGATIVE", direction: "forward" }), 'rules.json › triggers[0] "neg.cat" › category: expected one of NEGATED'],
    ["an unknown direction", trigger({ id: "neg.dir", literal: "no", category: "NEGATED", direction: "forwards" }), 'triggers[0] "neg.dir" › direction: expected one of forward, backward'],
    ["ANY on a forward trigger", trigger({ id: "neg.any", literal: "no", category: "ANY", direction: "forward" }), 'triggers[0] "neg.any" › category: ANY is only for terminate and pseudo'],
    ["a misspelt key", trigger({ id: "neg.key", literal: "no", category: "NEGATED", direction: "forward", scoep: 3 }), 'triggers[0] "neg.key": unknown key scoep'],
    ["a scope of 0", trigger({ id: "neg.scope", literal: "no", category: "NEGATED", direction: "forward", scope: 0 }), 'triggers[0] "neg.scope" › scope: expected 1 or more words'],
    ["a bad id", trigger({ id: "Neg No", literal: "no", category: "NEGATED", direction: "forward" }), 'triggers[0] "Neg No" › id: expected a rule id'],
    ["a duplicate id", base({ senses: [{ id: "neg.no", sense: "other", literal: "arms", window: 1 }] }), 'senses[0] "neg.no" › id: "neg.no" is used twice'],
    ["an unknown sense", base({ senses: [{ id: "s.x", sense: "drugs", literal: "arms", window: 1 }] }), 'senses[0] "s.x" › sense: expected one of drug_trafficking'],
    ["a bad window", base({ senses: [{ id: "s.w", sense: "other", literal: "arms", window: "near" }] }), 'senses[0] "s.w" › window: expected a whole number of words'],
    ["a bad side", base({ senses: [{ id: "s.s", sense: "other", literal: "arms", window: 1, side: "left" }] }), 'senses[0] "s.s" › side: expected one of before, after, either'],
    ["no maxScope", { triggers: [], senses: [] }, "rules.json › maxScope:"],
    ["not an object", [], "rules.json › (top level):"],
  ])("rejects %s, naming the rule and field", (_name, raw, message) => {
    let caught: unknown;
    try {
      compileRules(raw, "rules.json");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toContain(message);
  });
});

describe("literalRegex", () => {
  it.each([
    ["no", "No evidence", true],
    ["no", "know", false],
    ["no", "nothing", false],
    ["rather than", "rather\n  than", true],
    [";", "a; b", true],
    ["e.g.", "eg", false],
  ])("%s in %j → %s", (literal, text, expected) => {
    expect(literalRegex(literal).test(text)).toBe(expected);
  });
});
