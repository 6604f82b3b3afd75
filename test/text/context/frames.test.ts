import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { analyseMention, compileRules } from "../../../src/text/context/index.js";

// A small rule set of its own, so these tests check the engine and not the preset's wording.
const local = compileRules({
  maxScope: 8,
  linkWords: ["being", "ever", "been"],
  triggers: [
    { id: "neg.denies", pattern: "\\bdenies\\b", category: "NEGATED", direction: "forward" },
    { id: "unc.queried", literal: "queried", category: "UNCERTAIN", direction: "forward" },
    { id: "term.semicolon", literal: ";", category: "ANY", direction: "terminate" },
  ],
  senses: [
    { id: "sense.drug", sense: "drug_trafficking", pattern: "\\bdrugs?\\b", window: 3 },
    { id: "sense.supply", sense: "drug_trafficking", pattern: "\\bsupplying\\b", window: "sentence", hit: "^(?!\\w*ed$)" },
  ],
  frames: [
    { id: "frame.asked-said-no", category: "NEGATED", before: { pattern: "\\basked\\s+(?:whether|if)\\b", window: 4 }, after: { pattern: "\\bsaid\\s+no\\b", window: 6 } },
    { id: "frame.not-the-case", category: "NEGATED", before: { literal: "queried", window: 1 }, after: { literal: "not the case", window: "sentence" } },
    { id: "frame.checklist-no", category: "NEGATED", after: { pattern: "\\s-\\s*no\\b", window: 0 } },
    { id: "frame.film-about", sense: "interest_in_issue", before: { pattern: "\\bfilm\\s+about\\b", window: 0 } },
    { id: "frame.asked-agent", category: "NEGATED", before: { literal: "asked about", window: 3 }, after: { literal: "said no", window: 3 }, hit: "^(?!\\w*ers?$)" },
  ],
});

function analyse(text: string, term: string) {
  const start = text.indexOf(term);
  if (start < 0) throw new Error("test setup: term not in text");
  return analyseMention(text, start, start + term.length, local);
}

describe("frames", () => {
  it.each([
    ["both cues, across a semicolon", "Asked whether she had been trafficked; she said no.", "trafficked", "frame.asked-said-no", true],
    ["the question alone is not enough", "Asked whether she had been trafficked; she cried.", "trafficked", "frame.asked-said-no", false],
    ["the answer alone is not enough", "She was trafficked; she said no to the plan.", "trafficked", "frame.asked-said-no", false],
    ["the answer too far away", "Asked whether she had been trafficked; after a long pause and some tears she finally said no.", "trafficked", "frame.asked-said-no", false],
    ["a cue on the wrong side", "She said no; asked whether she had been trafficked.", "trafficked", "frame.asked-said-no", false],
    ["a sentence window", "Health visitor queried trafficking; after a home visit and talking with school this was not the case.", "trafficking", "frame.not-the-case", true],
    ["another sentence is out of reach", "Health visitor queried trafficking. This was not the case for her sister.", "trafficking", "frame.not-the-case", false],
    ["an after-only frame", "DV - yes; trafficking - no; FGM - no.", "trafficking", "frame.checklist-no", true],
    ["an after-only frame that does not touch", "Trafficking: she said - no.", "Trafficking", "frame.checklist-no", false],
    ["a sense frame", "Saw a film about trafficking.", "trafficking", "frame.film-about", true],
  ])("%s", (_name, text, term, id, fires) => {
    expect(analyse(text, term).rules.includes(id)).toBe(fires);
  });

  it("sets the frame's category, and records it as direct, from its first cue to its last", () => {
    const text = "Health visitor queried trafficking; on assessment this was not the case.";
    const a = analyse(text, "trafficking");
    expect(a.negated).toBe(true);
    expect(a.uncertain).toBe(true);
    const f = a.fired.find((x) => x.id === "frame.not-the-case")!;
    expect(f).toMatchObject({ kind: "NEGATED", direct: true, frame: true, distance: 0 });
    expect(text.slice(f.start, f.end)).toBe("queried trafficking; on assessment this was not the case");
  });

  it("adds a sense frame's sense", () => {
    expect(analyse("Saw a film about trafficking.", "trafficking").senses).toEqual(["interest_in_issue"]);
  });
});

describe("rules for some hits only", () => {
  it.each([
    ["a sense for the offence", "Jailed for supplying and trafficking.", "trafficking", "sense.supply", true],
    ["not for a victim's 'was trafficked'", "She was trafficked and arrested for supplying.", "trafficked", "sense.supply", false],
    ["a frame for the act", "Asked about trafficking; said no.", "trafficking", "frame.asked-agent", true],
    ["not for her traffickers", "Asked about her traffickers; said no.", "traffickers", "frame.asked-agent", false],
  ])("%s", (_name, text, term, id, fires) => {
    expect(analyse(text, term).rules.includes(id)).toBe(fires);
  });
});

describe("negation and senses", () => {
  it.each([
    ["a negated drug word joined to the mention names its kind", "Denies any involvement in drug trafficking.", "trafficking", ["drug_trafficking"]],
    ["a negated drug word apart from the mention is no sense", "Denies drugs, trafficked at 15.", "trafficked", []],
  ])("%s", (_name, text, term, senses) => {
    expect(analyse(text, term).senses).toEqual(senses);
  });

  it.each([
    ["only link words between", "Denies ever being trafficked.", "trafficked", true],
    ["a list joined by or, its last item leading to the mention", "Denies ever being forced to work or being trafficked.", "trafficked", true],
    ["a list whose last item is a verb of telling", "Denies telling anyone or reporting being trafficked.", "trafficked", false],
    ["no coordinator and other words between", "Denies working, trafficked at 15.", "trafficked", false],
  ])("direct negation: %s", (_name, text, term, direct) => {
    const a = analyse(text, term);
    expect(a.negated).toBe(true);
    expect(a.fired.find((f) => f.id === "neg.denies")?.direct).toBe(direct);
  });
});

describe("compiling frames", () => {
  const withFrame = (frame: Record<string, unknown>) => ({ maxScope: 8, triggers: [], senses: [], frames: [frame] });
  it.each([
    ["neither category nor sense", { id: "f.x", before: { literal: "asked", window: 2 } }, 'rules.json › frames[0] "f.x": give exactly one of "category" or "sense"'],
    ["both category and sense", { id: "f.x", category: "NEGATED", sense: "other", before: { literal: "asked", window: 2 } }, 'frames[0] "f.x": give exactly one of "category" or "sense"'],
    ["no cue", { id: "f.x", category: "NEGATED" }, 'frames[0] "f.x": give a "before" or an "after" cue'],
    ["a cue with no literal or pattern", { id: "f.x", category: "NEGATED", after: { window: 2 } }, 'frames[0] "f.x" › after: give exactly one of "literal" or "pattern"'],
    ["a broken pattern", { id: "f.x", category: "NEGATED", before: { pattern: "(asked", window: 2 } }, 'frames[0] "f.x" › before › pattern: not a valid regular expression'],
    ["a bad window", { id: "f.x", category: "NEGATED", before: { literal: "asked", window: -1 } }, 'frames[0] "f.x" › before.window: expected 0 or more words'],
    ["an unknown key in a cue", { id: "f.x", category: "NEGATED", before: { literal: "asked", window: 1, side: "before" } }, 'frames[0] "f.x" › before: unknown key side'],
    ["an unknown category", { id: "f.x", category: "DENIED", before: { literal: "asked", window: 1 } }, 'frames[0] "f.x" › category: expected one of NEGATED'],
    ["a broken hit test", { id: "f.x", category: "NEGATED", before: { literal: "asked", window: 1 }, hit: "(traff" }, 'frames[0] "f.x" › hit: not a valid regular expression'],
  ])("rejects %s, naming the frame and field", (_name, frame, message) => {
    let caught: unknown;
    try {
      compileRules(withFrame(frame), "rules.json");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toContain(message);
  });

  it("accepts a rules file without frames", () => {
    expect(compileRules({ maxScope: 8, triggers: [], senses: [] }).frames).toEqual([]);
  });
});
