import { describe, expect, it } from "vitest";
import { compileRules, analyseMention, type Sense } from "../../../src/text/context/index.js";
import { analyseTerm } from "../../stages/screen/rules.js";

type Flag = "negated" | "hypothetical" | "otherPerson" | "historical" | "uncertain";
const FLAGS: Flag[] = ["negated", "hypothetical", "otherPerson", "historical", "uncertain"];

/** [case, note text, mention, flags expected set, senses expected, a rule id expected to fire] */
const CASES: Array<[string, string, string, Flag[], Sense[], string?]> = [
  // NEGATED
  ["no evidence", "No evidence she was trafficked.", "trafficked", ["negated"], [], "neg.no-evidence"],
  ["denies", "Denies being trafficked.", "trafficked", ["negated"], [], "neg.denies"],
  ["no concerns re", "No concerns re trafficking.", "trafficking", ["negated"], [], "neg.no-sign"],
  ["not", "She has not been trafficked.", "trafficked", ["negated"], [], "neg.not"],
  ["never", "Never trafficked or exploited.", "trafficked", ["negated"], [], "neg.never"],
  ["contracted not", "She wasn't trafficked.", "trafficked", ["negated"], [], "neg.nt"],
  ["post: was ruled out", "Trafficking was ruled out by the police.", "Trafficking", ["negated"], [], "neg-post.ruled-out"],
  ["post: unlikely", "Trafficking unlikely.", "Trafficking", ["negated"], [], "neg-post.unlikely"],
  ["nil", "Nil evidence of forced labour.", "forced labour", ["negated"], [], "neg.nil"],
  // PSEUDO: look like negation, are not
  ["pseudo: not only", "Not only was she trafficked, she was also beaten.", "trafficked", [], [], "pseudo.not-only"],
  ["pseudo: no further action", "No further action re trafficking concerns.", "trafficking", [], [], "pseudo.no-further"],
  ["pseudo: declined to discuss", "Declined to discuss trafficking.", "trafficking", [], [], "pseudo.declined-to-discuss"],
  ["pseudo: would not talk about", "She would not talk about being trafficked.", "trafficked", [], [], "pseudo.declined-to-discuss"],
  ["pseudo: no longer", "She is no longer being trafficked.", "trafficked", ["historical"], [], "hist.no-longer"],
  ["pseudo + uncertain: cannot rule out", "Cannot rule out trafficking.", "trafficking", ["uncertain"], [], "unc.rule-out"],
  ["pseudo + uncertain: not ruled out", "Trafficking not ruled out.", "Trafficking", ["uncertain"], [], "unc.rule-out"],
  // TERMINATE
  ["but ends negation", "Denies drug use but was trafficked.", "trafficked", [], []],
  ["however ends negation", "No DV, however she was trafficked.", "trafficked", [], []],
  ["semicolon ends negation", "No self-harm; trafficked from ZZZZZ.", "trafficked", [], []],
  ["sentence end ends negation", "No SI. Trafficked in 2009.", "Trafficked", ["historical"], []],
  ["a subordinate clause ends negation (as)", "She has no documents as she was trafficked.", "trafficked", [], []],
  ["a subordinate clause ends negation (since)", "Not eating since she was trafficked.", "trafficked", [], []],
  ["a subordinate clause ends negation (after)", "She was not allowed out after being trafficked.", "trafficked", [], []],
  ["a comma and a new subject end negation", "No money, she was trafficked.", "trafficked", [], []],
  ["'but' inside ', but she' still ends an uncertain scope", "Possible drug use, but she was trafficked.", "trafficked", [], []],
  ["'but' inside ', but she' still stops a sense", "Convicted of possession with intent to supply, but she had been trafficked by the dealer.", "trafficked", [], []],
  ["'as a victim' is no clause break", "No evidence as a victim of trafficking.", "trafficking", ["negated"], []],
  ["scope window: too far to negate", "No appetite, poor sleep, low mood, tearful most days and reports being trafficked.", "trafficked", [], []],
  // HYPOTHETICAL
  ["worried she might be", "Worried she might be trafficked.", "trafficked", ["hypothetical", "uncertain"], [], "hyp.fear"],
  ["feared", "She feared being trafficked again.", "trafficked", ["hypothetical"], [], "hyp.fear"],
  ["risk of", "At risk of being trafficked.", "trafficked", ["hypothetical"], [], "hyp.risk"],
  ["if", "If she is trafficked, call police.", "trafficked", ["hypothetical"], [], "hyp.if"],
  ["would", "She would be trafficked if she returned.", "trafficked", ["hypothetical"], [], "hyp.would"],
  // OTHER_PERSON
  ["her sister", "Her sister was trafficked.", "trafficked", ["otherPerson"], [], "exp.relative"],
  ["patient reports her friend", "She reports her friend had been trafficked.", "trafficked", ["otherPerson"], [], "exp.relative"],
  ["other women", "Other women were trafficked by the same gang.", "trafficked", ["otherPerson"], [], "exp.others"],
  ["must not: other women with her", "Other women were trafficked with her.", "trafficked", [], []],
  ["perpetrator: charged with", "Charged with trafficking women.", "trafficking", ["otherPerson"], [], "exp.perpetrator"],
  ["perpetrator: convicted of", "He was convicted of people trafficking.", "trafficking", ["otherPerson"], [], "exp.perpetrator"],
  ["must not: mother reports she was", "Her mother said she was trafficked.", "trafficked", [], []],
  ["must not: partner trafficked her", "Her partner trafficked her into prostitution.", "trafficked", [], []],
  ["must not: the man who trafficked her", "The man who trafficked her is in prison.", "trafficked", [], []],
  // HISTORICAL (still a case)
  ["history of", "Hx of being trafficked in 2007.", "trafficked", ["historical"], [], "hist.history-of"],
  ["previously", "Previously trafficked to Italy.", "trafficked", ["historical"], [], "hist.history-of"],
  // UNCERTAIN
  ["?trafficked", "Pt ?trafficked.", "trafficked", ["uncertain"], [], "unc.query-mark"],
  ["? trafficked", "Pt ? trafficked - for MDT.", "trafficked", ["uncertain"], [], "unc.query-mark"],
  ["possible victim", "Possible victim of trafficking.", "trafficking", ["uncertain"], [], "unc.possible"],
  ["suspected", "Suspected trafficking, referred to NRM.", "trafficking", ["uncertain"], [], "unc.possible"],
  ["may have been", "She may have been trafficked.", "trafficked", ["uncertain"], [], "unc.may-have-been"],
  ["likely victim", "Likely victim of trafficking.", "trafficking", ["uncertain"], [], "unc.possible"],
  ["concerns re", "Concerns re trafficking raised by SW.", "trafficking", ["uncertain"], [], "unc.concern"],
  ["a question", "Was she trafficked? Unclear.", "trafficked", ["uncertain"], [], "unc.question"],
  // SENSES
  ["drug trafficking (class A)", "Convicted of drug trafficking (class A) 2004.", "trafficking", ["otherPerson"], ["drug_trafficking"], "sense.drug.before"],
  ["trafficking cannabis", "Arrested for trafficking cannabis.", "trafficking", ["otherPerson"], ["drug_trafficking"], "sense.drug.after"],
  ["county lines", "Involved in county lines trafficking.", "trafficking", [], ["drug_trafficking"], "sense.drug.county-lines"],
  ["possession with intent to supply", "Charges: trafficking, possession with intent to supply.", "trafficking", [], ["drug_trafficking"], "sense.drug.supply"],
  ["road trafficking accident", "Involved in a road trafficking accident last year.", "trafficking", [], ["traffic_accident"], "sense.road.road"],
  ["traffick accident", "Injured in a traffick accident.", "traffick", [], ["traffic_accident"], "sense.road.accident"],
  ["stuck in traffick", "Stuck in traffick, late for appt.", "traffick", [], ["traffic_accident"], "sense.road.stuck"],
  ["arms trafficking", "Brother in prison for arms trafficking.", "trafficking", [], ["other"], "sense.other.weapons"],
  ["wildlife trafficking", "Works on wildlife trafficking cases.", "trafficking", [], ["other"], "sense.other.animals"],
  ["internet traffick", "Internet traffick slow at hostel.", "traffick", [], ["other"], "sense.other.internet"],
  ["documentary", "Watched a documentary on sex trafficking and became tearful.", "trafficking", [], ["interest_in_issue"], "sense.interest.media"],
  ["essay", "Writing an essay about human trafficking for college.", "trafficking", [], ["interest_in_issue"], "sense.interest.study"],
  ["volunteers for a charity", "She volunteers for an anti-trafficking charity.", "trafficking", [], ["interest_in_issue"], "sense.interest.campaign"],
  ["fundraising", "Fundraising for a trafficking charity.", "trafficking", [], ["interest_in_issue"], "sense.interest.campaign"],
  ["paranoid ideas", "Paranoid ideas that she is being trafficked by the mafia.", "trafficked", [], ["interest_in_issue"], "sense.interest.delusion"],
  ["convinced she is being", "Convinced she is being trafficked by neighbours.", "trafficked", [], ["interest_in_issue"], "sense.interest.believes"],
  ["no evidence to support", "No evidence to support her belief that she is trafficked.", "trafficked", ["negated"], ["interest_in_issue"], "sense.interest.no-support"],
  // senses: must-nots
  ["sentence end stops the drug sense", "She was trafficked to the UK. No drugs.", "trafficked", [], []],
  ["semicolon stops the drug sense", "She was trafficked; denies drug use", "trafficked", [], []],
  ["trafficked by a drug dealer is not drug trafficking", "She was trafficked by a drug dealer.", "trafficked", [], []],
  ["a negated drug word is no sense", "Denies drugs, trafficked at 15.", "trafficked", ["negated"], []],
  ["trafficked in a lorry is a journey", "Trafficked in the back of a lorry.", "Trafficked", [], []],
  ["the Poppy Project is no interest", "Referred by the Poppy Project as a victim of trafficking.", "trafficking", [], []],
  ["psychotic depression is no delusion", "Trafficked woman with psychotic depression.", "Trafficked", [], []],
  ["hears voices after trafficking", "She was trafficked and now hears voices at night.", "trafficked", [], []],
];

describe("analyseMention", () => {
  it.each(CASES)("%s", (_name, text, term, flags, senses, rule) => {
    const a = analyseTerm(text, term);
    const set = FLAGS.filter((f) => a[f]);
    expect(set).toEqual(flags);
    expect(a.senses).toEqual(senses);
    if (rule) expect(a.rules).toContain(rule);
  });

  it("records where each fired rule matched, in text order, as offsets into the note", () => {
    const text = "Seen today. Convicted of drug trafficking (class A) 2004.";
    const a = analyseTerm(text, "trafficking");
    expect(a.fired.map((f) => [f.id, f.kind, text.slice(f.start, f.end)])).toEqual([
      ["exp.perpetrator", "OTHER_PERSON", "Convicted of"],
      ["sense.drug.before", "drug_trafficking", "drug"],
      ["sense.drug.class", "drug_trafficking", "class A"],
    ]);
    expect(a.rules).toEqual(["exp.perpetrator", "sense.drug.before", "sense.drug.class"]);
    expect(text.slice(a.sentence.start, a.sentence.end)).toBe("Convicted of drug trafficking (class A) 2004.");
  });

  it.each([
    ["Denies ever being trafficked.", "trafficked", "neg.denies", 2, true],
    ["No evidence to suggest that she has been trafficked.", "trafficked", "neg.no-evidence", 4, true],
    ["No evidence that Ms ZZZZZ has been trafficked.", "trafficked", "neg.no-evidence", 4, true],
    ["She could not escape the traffickers.", "traffickers", "neg.not", 2, false],
    ["Denies drugs, trafficked at 15.", "trafficked", "neg.denies", 1, false],
  ])("%j: %s is negated by %s at %i words, direct=%s", (text, term, id, distance, direct) => {
    const a = analyseTerm(text, term);
    expect(a.negated).toBe(true);
    expect(a.fired.find((f) => f.id === id)).toMatchObject({ kind: "NEGATED", distance, direct });
  });

  it("reads only the mention's own sentence in a long note", () => {
    const text = "No concerns re housing. She was trafficked from ZZZZZ. Denies drugs.";
    expect(analyseTerm(text, "trafficked")).toMatchObject({ negated: false, senses: [], rules: [] });
  });

  it("ignores a trigger inside the mention itself", () => {
    const local = compileRules({ maxScope: 8, triggers: [{ id: "neg.no", literal: "no", category: "NEGATED", direction: "forward" }], senses: [] });
    const text = "There is no evidence.";
    expect(analyseMention(text, 9, 20, local).negated).toBe(false);
    expect(analyseMention(text, 12, 20, local).negated).toBe(true);
  });

  it("gives the same answer when called again with the same compiled rules", () => {
    const text = "Her sister was trafficked. Denies being trafficked.";
    const first = analyseTerm(text, "trafficked", 20);
    expect(analyseTerm(text, "trafficked", 20)).toEqual(first);
    expect(first.negated).toBe(true);
    expect(analyseTerm(text, "trafficked").otherPerson).toBe(true);
    expect(analyseTerm(text, "trafficked", 20)).toEqual(first);
  });
});
