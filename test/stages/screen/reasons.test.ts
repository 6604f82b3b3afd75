import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { analyseMention, compileRules, DEFAULT_REASON_IDS, type MentionAnalysis } from "../../../src/text/context/index.js";
import { statusOf, suggestForPatient, type Mention } from "../../../src/stages/screen/suggest.js";

/** A small rule file of another topic: forced marriage, with its own reasons in its own order. */
const marriage = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  reasons: [
    { id: "arranged_with_consent", label: "An arranged marriage both agreed to", kind: "meaning", description: "Families introduced them; both chose to marry." },
    { id: "research_or_work", label: "Works on or studies the issue", kind: "interest" },
    { id: "ruled_out", label: "Forced marriage denied or ruled out", kind: "negated" },
    { id: "someone_else", label: "About someone else", kind: "other_person" },
    { id: "film_or_book", label: "A film, book or story", kind: "meaning" },
  ],
  maxScope: 8,
  triggers: [
    { id: "neg.denies", pattern: "\\bdenies\\b", category: "NEGATED", direction: "forward" },
    { id: "exp.sister", pattern: "\\bher sister\\b", category: "OTHER_PERSON", direction: "forward" },
  ],
  senses: [
    { id: "sense.arranged", sense: "arranged_with_consent", pattern: "\\bhappily arranged\\b", window: 4 },
    { id: "sense.film", sense: "film_or_book", pattern: "\\bfilm\\b", window: 4 },
    { id: "sense.research", sense: "research_or_work", pattern: "\\bthesis\\b", window: 4 },
  ],
  ...over,
});

function analyse(text: string, term: string, raw = marriage()): MentionAnalysis {
  const rules = compileRules(raw, "marriage.json");
  const start = text.indexOf(term);
  return analyseMention(text, start, start + term.length, rules);
}

const mention = (noteId: string, date: string, analysis: MentionAnalysis): Mention => ({ noteId, date, term: "forced marriage", start: 0, end: 10, analysis });

describe("exclusion reasons as data", () => {
  it("applies the six reasons of SPEC §5 when a file has none, in their order", () => {
    const rules = compileRules({ maxScope: 8, triggers: [], senses: [] });
    expect(rules.reasons.ids).toEqual(["drug_trafficking", "traffic_accident", "interest_in_issue", "negated", "other_person", "other"]);
    expect(rules.reasons.ids).toEqual(DEFAULT_REASON_IDS);
    expect(rules.reasons.senses).toEqual(["drug_trafficking", "traffic_accident", "interest_in_issue", "other"]);
    expect(rules.reasons.precedence).toEqual(["drug_trafficking", "traffic_accident", "other", "interest_in_issue"]);
    expect([rules.reasons.negated, rules.reasons.otherPerson]).toEqual(["negated", "other_person"]);
    expect(rules.reasons.all.find((r) => r.id === "negated")?.label).toBe("Trafficking denied or ruled out");
  });

  it("takes a file's own reasons: senses in file order, meanings before interest in precedence", () => {
    const rules = compileRules(marriage());
    expect(rules.reasons.ids).toEqual(["arranged_with_consent", "research_or_work", "ruled_out", "someone_else", "film_or_book"]);
    expect(rules.reasons.senses).toEqual(["arranged_with_consent", "research_or_work", "film_or_book"]);
    expect(rules.reasons.precedence).toEqual(["arranged_with_consent", "film_or_book", "research_or_work"]);
    expect(rules.reasons.all[0].description).toBe("Families introduced them; both chose to marry.");
  });

  it("finds a custom sense and lists several in file order", () => {
    const a = analyse("Her thesis on a film about forced marriage.", "forced marriage");
    expect(a.senses).toEqual(["research_or_work", "film_or_book"]);
    // A meaning of the word explains the mention before an interest in it.
    expect(statusOf(mention("n1", "2020-01-01", a), compileRules(marriage()).reasons)).toMatchObject({ status: "sense", reason: "film_or_book", rule: "sense.film" });
  });

  it("names the file's own negated and other-person reasons in a suggestion, and breaks ties in file order", () => {
    const rules = compileRules(marriage());
    const denied = analyse("Pt denies forced marriage.", "forced marriage");
    const sister = analyse("Worried her sister faces forced marriage.", "forced marriage");
    expect(suggestForPatient([mention("n1", "2020-01-01", denied)], [], rules.reasons)).toMatchObject({ suggestion: "exclude", reason: "ruled_out" });
    expect(suggestForPatient([mention("n1", "2020-01-01", sister)], [], rules.reasons)).toMatchObject({ suggestion: "exclude", reason: "someone_else" });
    // One each: ruled_out comes before someone_else in the file.
    expect(suggestForPatient([mention("n2", "2020-02-01", sister), mention("n1", "2020-01-01", denied)], [], rules.reasons)).toMatchObject({ reason: "ruled_out" });
    const reordered = marriage();
    const list = reordered.reasons as Record<string, string>[];
    reordered.reasons = [list[3], list[2], list[0], list[1], list[4]];
    expect(suggestForPatient([mention("n2", "2020-02-01", sister), mention("n1", "2020-01-01", denied)], [], compileRules(reordered).reasons)).toMatchObject({ reason: "someone_else" });
  });

  it.each([
    ["a sense that is no reason", marriage({ senses: [{ id: "s.x", sense: "drug_trafficking", literal: "drugs", window: 1 }] }), 'marriage.json › senses[0] "s.x" › sense: expected one of arranged_with_consent, research_or_work, film_or_book (a reason of kind meaning or interest in "reasons")'],
    ["a sense naming the negated reason", marriage({ senses: [{ id: "s.x", sense: "ruled_out", literal: "no", window: 1 }] }), '"ruled_out" is of kind negated: set the category NEGATED instead'],
    ["a frame naming an unknown sense", marriage({ frames: [{ id: "f.x", sense: "films", before: { literal: "saw", window: 3 } }] }), 'marriage.json › frames[0] "f.x" › sense: expected one of arranged_with_consent'],
    ["two negated reasons", marriage({ reasons: [{ id: "a", label: "A", kind: "negated" }, { id: "b", label: "B", kind: "negated" }, { id: "c", label: "C", kind: "other_person" }], senses: [] }), "marriage.json › reasons: expected exactly one reason of kind negated (found 2); keep one"],
    ["no other-person reason", marriage({ reasons: [{ id: "a", label: "A", kind: "negated" }], senses: [] }), 'marriage.json › reasons: expected exactly one reason of kind other_person (found 0); add one, e.g. {"id": "other_person"'],
    ["a reason used twice", marriage({ reasons: [{ id: "a", label: "A", kind: "negated" }, { id: "a", label: "B", kind: "other_person" }], senses: [] }), 'marriage.json › reasons[1] "a" › id: "a" is used twice'],
    ["the reserved not_given", marriage({ reasons: [{ id: "not_given", label: "A", kind: "negated" }, { id: "b", label: "B", kind: "other_person" }], senses: [] }), 'reasons[0] "not_given" › id: "not_given" is kept'],
    ["an unknown kind", marriage({ reasons: [{ id: "a", label: "A", kind: "denied" }] }), 'marriage.json › reasons[0] "a" › kind: expected one of meaning, interest, negated, other_person'],
    ["a reason id with a comma", marriage({ reasons: [{ id: "a,b", label: "A", kind: "negated" }] }), 'reasons[0] "a,b" › id: expected a reason id'],
    ["a reason without a label", marriage({ reasons: [{ id: "a", kind: "negated" }] }), 'reasons[0] "a" › label: expected a text'],
    ["ids too long for a drop-down", marriage({ reasons: [{ id: "a", label: "A", kind: "negated" }, { id: "b", label: "B", kind: "other_person" }, ...Array.from({ length: 12 }, (_, i) => ({ id: `meaning_${i}_${"x".repeat(20)}`, label: "M", kind: "meaning" }))], senses: [] }), "more than a workbook drop-down holds (255)"],
  ])("rejects %s, naming the file, rule and field", (_name, raw, message) => {
    let caught: unknown;
    try {
      compileRules(raw, "marriage.json");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toContain(message);
  });
});
