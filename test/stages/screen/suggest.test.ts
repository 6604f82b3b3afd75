import { describe, expect, it } from "vitest";
import { analyseMention, type FiredRule, type MentionAnalysis } from "../../../src/text/context/index.js";
import { AFFIRMED_RULE, suggestForPatient, type Mention, type Statement, type Suggestion } from "../../../src/stages/screen/suggest.js";

/** The decision fields of a suggestion (the reasoning fields are checked on their own below). */
type Core = Pick<Suggestion, "suggestion" | "reason" | "rule" | "evidence">;
const core = (s: Suggestion): Core => ({ suggestion: s.suggestion, reason: s.reason, rule: s.rule, evidence: s.evidence });
import { rules } from "./rules.js";

/** A mention whose analysis sets the given flags/senses, each with a rule that fired. */
function mention(
  noteId: string,
  date: string,
  start: number,
  set: Partial<MentionAnalysis> & { ids?: Partial<Record<FiredRule["kind"], string>>; far?: boolean } = {},
): Mention {
  const { ids = {}, far = false, ...flags } = set;
  const analysis: MentionAnalysis = {
    negated: false,
    hypothetical: false,
    otherPerson: false,
    historical: false,
    uncertain: false,
    senses: [],
    rules: [],
    fired: [],
    sentence: { start: 0, end: start + 20 },
    ...flags,
  };
  analysis.fired = Object.entries(ids).map(([kind, id]) => ({ id: id as string, kind: kind as FiredRule["kind"], start: 0, end: 1, distance: far ? 4 : 1, direct: !far }));
  analysis.rules = analysis.fired.map((f) => f.id);
  return { noteId, date, term: "trafficked", start, end: start + 10, analysis };
}

const affirmed = (n: string, d: string, s: number): Mention => mention(n, d, s);
const negated = (n: string, d: string, s: number): Mention => mention(n, d, s, { negated: true, ids: { NEGATED: "neg.no" } });
const drug = (n: string, d: string, s: number): Mention => mention(n, d, s, { senses: ["drug_trafficking"], ids: { drug_trafficking: "sense.drug.before" } });
const road = (n: string, d: string, s: number): Mention => mention(n, d, s, { senses: ["traffic_accident"], ids: { traffic_accident: "sense.road.road" } });
const sister = (n: string, d: string, s: number): Mention => mention(n, d, s, { otherPerson: true, ids: { OTHER_PERSON: "exp.relative" } });
const hypothetical = (n: string, d: string, s: number): Mention => mention(n, d, s, { hypothetical: true, ids: { HYPOTHETICAL: "hyp.risk" } });
const query = (n: string, d: string, s: number): Mention => mention(n, d, s, { uncertain: true, ids: { UNCERTAIN: "unc.query-mark" } });
/** Uncertain, then settled by a negation frame ("queried trafficking; on assessment this was not the case"). */
function settled(n: string, d: string, s: number): Mention {
  const m = mention(n, d, s, { negated: true, uncertain: true, ids: { UNCERTAIN: "unc.possible" } });
  m.analysis.fired.push({ id: "frame.neg.refuted", kind: "NEGATED", start: 0, end: 1, distance: 0, direct: true, frame: true });
  m.analysis.rules.push("frame.neg.refuted");
  return m;
}

const CASES: Array<[string, Mention[], Core]> = [
  ["one affirmed mention", [affirmed("n1", "2010-01-01", 5)], { suggestion: "include", reason: "", rule: AFFIRMED_RULE, evidence: { noteId: "n1", start: 5, end: 15 } }],
  ["the first affirmed mention by date is the evidence", [negated("n0", "2009-01-01", 0), affirmed("n2", "2011-01-01", 3), affirmed("n1", "2010-05-01", 40), affirmed("n1", "2010-05-01", 8)], { suggestion: "include", reason: "", rule: AFFIRMED_RULE, evidence: { noteId: "n1", start: 8, end: 18 } }],
  ["an undated mention comes after dated ones", [affirmed("n9", "", 0), affirmed("n5", "2012-01-01", 7)], { suggestion: "include", reason: "", rule: AFFIRMED_RULE, evidence: { noteId: "n5", start: 7, end: 17 } }],
  ["uncertain counts as affirmed", [query("n1", "2010-01-01", 4)], { suggestion: "include", reason: "", rule: "unc.query-mark", evidence: { noteId: "n1", start: 4, end: 14 } }],
  ["historical counts as affirmed", [mention("n1", "2010-01-01", 4, { historical: true, ids: { HISTORICAL: "hist.history-of" } })], { suggestion: "include", reason: "", rule: "hist.history-of", evidence: { noteId: "n1", start: 4, end: 14 } }],
  ["one RTA mention and one affirmed mention", [road("n1", "2010-01-01", 0), affirmed("n2", "2011-01-01", 9)], { suggestion: "include", reason: "", rule: AFFIRMED_RULE, evidence: { noteId: "n2", start: 9, end: 19 } }],
  ["every mention negated", [negated("n2", "2011-01-01", 0), negated("n1", "2010-01-01", 30)], { suggestion: "exclude", reason: "negated", rule: "neg.no", evidence: { noteId: "n1", start: 30, end: 40 } }],
  ["every mention another person", [sister("n1", "2010-01-01", 2)], { suggestion: "exclude", reason: "other_person", rule: "exp.relative", evidence: { noteId: "n1", start: 2, end: 12 } }],
  ["the commonest explanation wins", [negated("n1", "2010-01-01", 0), drug("n2", "2010-02-01", 0), negated("n3", "2010-03-01", 0)], { suggestion: "exclude", reason: "negated", rule: "neg.no", evidence: { noteId: "n1", start: 0, end: 10 } }],
  ["a tie goes to the fixed order (drug before negated)", [negated("n1", "2010-01-01", 0), drug("n2", "2010-02-01", 0)], { suggestion: "exclude", reason: "drug_trafficking", rule: "sense.drug.before", evidence: { noteId: "n2", start: 0, end: 10 } }],
  ["a tie goes to the fixed order (drug before road)", [road("n1", "2010-01-01", 0), drug("n2", "2010-02-01", 0)], { suggestion: "exclude", reason: "drug_trafficking", rule: "sense.drug.before", evidence: { noteId: "n2", start: 0, end: 10 } }],
  ["a sense outranks a negation on the same mention", [mention("n1", "2010-01-01", 0, { negated: true, senses: ["traffic_accident"], ids: { NEGATED: "neg.no", traffic_accident: "sense.road.accident" } })], { suggestion: "exclude", reason: "traffic_accident", rule: "sense.road.accident", evidence: { noteId: "n1", start: 0, end: 10 } }],
  ["the kind of trafficking outranks interest on the same mention", [mention("n1", "2010-01-01", 0, { senses: ["interest_in_issue", "other"], ids: { interest_in_issue: "sense.interest.campaign", other: "sense.other.animals" } })], { suggestion: "exclude", reason: "other", rule: "sense.other.animals", evidence: { noteId: "n1", start: 0, end: 10 } }],
  ["a negation frame settles an uncertain mention", [settled("n1", "2010-01-01", 2)], { suggestion: "exclude", reason: "negated", rule: "frame.neg.refuted", evidence: { noteId: "n1", start: 2, end: 12 } }],
  ["only hypothetical", [hypothetical("n1", "2010-01-01", 6)], { suggestion: "unsure", reason: "", rule: "hyp.risk", evidence: { noteId: "n1", start: 6, end: 16 } }],
  ["negated mentions and one hypothetical", [negated("n1", "2010-01-01", 0), hypothetical("n2", "2010-02-01", 6)], { suggestion: "unsure", reason: "", rule: "hyp.risk", evidence: { noteId: "n2", start: 6, end: 16 } }],
  ["negated yet uncertain is an open suspicion, never excluded", [mention("n1", "2010-01-01", 0, { negated: true, uncertain: true, ids: { NEGATED: "neg.no", UNCERTAIN: "unc.possible" } })], { suggestion: "include", reason: "", rule: "unc.possible", evidence: { noteId: "n1", start: 0, end: 10 } }],
  ["a screen answered no: a question asked is no doubt", [(() => {
    const m = mention("n1", "2010-01-01", 0, { negated: true, uncertain: true, ids: { NEGATED: "neg.no-sign", UNCERTAIN: "unc.screen-for" } });
    m.analysis.fired[1].asks = true;
    return m;
  })()], { suggestion: "exclude", reason: "negated", rule: "neg.no-sign", evidence: { noteId: "n1", start: 0, end: 10 } }],
  ["a negation from a distance is not strong enough", [mention("n1", "2010-01-01", 3, { negated: true, far: true, ids: { NEGATED: "neg.not" } })], { suggestion: "unsure", reason: "", rule: "neg.not", evidence: { noteId: "n1", start: 3, end: 13 } }],
  ["a strong negation and a distant one", [negated("n1", "2010-01-01", 0), mention("n2", "2010-02-01", 3, { negated: true, far: true, ids: { NEGATED: "neg.not" } })], { suggestion: "unsure", reason: "", rule: "neg.not", evidence: { noteId: "n2", start: 3, end: 13 } }],
  ["no mentions", [], { suggestion: "unsure", reason: "", rule: "", evidence: { noteId: "", start: 0, end: 0 } }],
];

describe("suggestForPatient", () => {
  it.each(CASES)("%s", (_name, mentions, expected) => {
    expect(core(suggestForPatient(mentions))).toEqual(expected);
  });

  it.each(CASES)("does not depend on input order: %s", (_name, mentions, expected) => {
    expect(core(suggestForPatient([...mentions].reverse()))).toEqual(expected);
  });
});

const outcome = (noteId: string, date: string, start: number, reach: "note" | "later", rule = "outcome.explored-none"): Statement => ({ kind: "outcome", noteId, date, start, end: start + 5, rule, reach });
const dispute = (noteId: string, date: string, start: number): Statement => ({ kind: "dispute", noteId, date, start, end: start + 5, rule: "dispute.remain-concerned" });
const neutral = (n: string, d: string, s: number): Mention => mention(n, d, s, { neutral: true, ids: { PSEUDO: "pseudo.no-referral" } });

/** [why, mentions, statements, suggestion, reason, rule]: the patient's record read over the timeline. */
const TIMELINE: Array<[string, Mention[], Statement[], Suggestion["suggestion"], string, string]> = [
  ["a query settled by a later negated mention", [query("n1", "2010-01-01", 3), negated("n2", "2010-02-01", 8)], [], "exclude", "negated", "neg.no"],
  ["a query settled in a later note by an outcome without the term", [query("n1", "2010-01-01", 3)], [outcome("n2", "2010-01-21", 0, "later")], "exclude", "negated", "outcome.explored-none"],
  ["a bare outcome in a later note does not reach an earlier query", [query("n1", "2010-01-01", 3)], [outcome("n2", "2010-01-21", 0, "note", "outcome.bare-none")], "include", "", "unc.query-mark"],
  ["a bare outcome after the query in the same note settles it", [query("n1", "2010-01-01", 3)], [outcome("n1", "2010-01-01", 40, "note", "outcome.bare-none")], "exclude", "negated", "outcome.bare-none"],
  ["an outcome before the query does not settle it", [query("n2", "2010-02-01", 3)], [outcome("n1", "2010-01-01", 0, "later")], "include", "", "unc.query-mark"],
  ["an outcome the team disputes leaves the query open", [query("n1", "2010-01-01", 3), negated("n2", "2010-02-01", 8)], [dispute("n2", "2010-02-01", 60)], "include", "", "unc.query-mark"],
  ["a new query after an outcome is open again", [query("n1", "2010-01-01", 3), negated("n2", "2010-02-01", 8), query("n3", "2010-06-01", 5)], [], "include", "", "unc.query-mark"],
  ["a disclosure after an earlier denial wins", [negated("n1", "2010-01-01", 3), affirmed("n2", "2010-05-01", 8)], [], "include", "", AFFIRMED_RULE],
  ["an affirmed mention ruled out later: explanations conflict", [affirmed("n1", "2010-01-01", 3), negated("n2", "2010-05-01", 8)], [], "unsure", "", "neg.no"],
  ["a mention that says nothing either way decides nothing", [query("n1", "2010-01-01", 3), negated("n2", "2010-02-01", 8), neutral("n2", "2010-02-01", 40)], [], "exclude", "negated", "neg.no"],
  ["a fear answered by a later negated mention", [hypothetical("n1", "2010-01-01", 3), negated("n2", "2010-02-01", 8)], [], "exclude", "negated", "neg.no"],
  ["a fear answered by a later outcome without the term", [hypothetical("n1", "2010-01-01", 3)], [outcome("n2", "2010-02-01", 0, "later")], "exclude", "negated", "outcome.explored-none"],
  ["a fear after the outcome is unanswered", [negated("n1", "2010-01-01", 8), hypothetical("n2", "2010-02-01", 3)], [], "unsure", "", "hyp.risk"],
  ["a fear and an open query: the query decides", [hypothetical("n1", "2010-01-01", 3), query("n2", "2010-02-01", 5)], [], "include", "", "unc.query-mark"],
  ["only mentions that say nothing either way", [neutral("n1", "2010-01-01", 3)], [], "unsure", "", "pseudo.no-referral"],
];

describe("suggestForPatient over the timeline", () => {
  it.each(TIMELINE)("%s", (_why, mentions, statements, suggestion, reason, rule) => {
    const s = suggestForPatient(mentions, statements);
    expect([s.suggestion, s.reason, s.rule]).toEqual([suggestion, reason, rule]);
    expect(suggestForPatient([...mentions].reverse(), [...statements].reverse())).toEqual(s);
  });

  it("shows its reasoning: the rules used, the outcome's note and date, one line without note text", () => {
    const s = suggestForPatient([query("n1", "2010-01-01", 3)], [outcome("n2", "2010-01-21", 0, "later")]);
    expect(s.rules).toEqual(["outcome.explored-none"]);
    expect(s.outcome).toMatchObject({ noteId: "n2", date: "2010-01-21", rule: "outcome.explored-none" });
    expect(s.why).toBe("every mention explained (negated 1); queries settled by the outcome at n2 2010-01-21 (outcome.explored-none)");
    const open = suggestForPatient([query("n1", "2010-01-01", 3), negated("n2", "2010-02-01", 8)], [dispute("n2", "2010-02-01", 60)]);
    expect(open.why).toBe("query at n1 2010-01-01 (unc.query-mark); its outcome disputed at n2 2010-02-01 (dispute.remain-concerned): still open");
    expect(open.rules).toEqual(["unc.query-mark", "dispute.remain-concerned"]);
  });
});

// The contract fixture's returned patients (its tiny/notes.csv, T01–T06), copied here so the
// tests need nothing outside the repository. Hits are found with the preset's case-finding vocabulary.
const NOTES: Array<[string, string, string, string]> = [
  ["T01", "t01-1", "2009-03-02", "Seen with SW ZZZZZ. Referred by the Poppy Project as a victim of trafficking; pt trafficked from ZZZZZ in 2007 for sexual exploitation. Low mood, poor sleep."],
  ["T01", "t01-2", "2009-04-10", "DNA x2. Moved by NASS to a hostel in ZZZZZ, outside our area; will need transfer to another CMHT."],
  ["T02", "t02-1", "2010-06-01", "Dear Dr ZZZZZ, ZZZZZ (15) disclosed to me today that she was made to work in a house without pay and was kept like a slave; ?trafficked. I have informed social services."],
  ["T03", "t03-1", "2011-01-20", "Hx: came to UK 2005. Reports she was forced into prostitution by the man who brought her (historical, no contact since). Asylum claim pending with UKBA; therapy on hold until decision."],
  ["T04", "t04-1", "2008-09-09", "Forensic hx: convicted of drug trafficking (class A) 2004. No psychotic sx today."],
  ["T05", "t05-1", "2012-02-14", "Minor RTA last week; no injuries. Stuck in traffic so late for appt. No concerns re trafficking."],
  ["T06", "t06-1", "2007-05-05", "Watched a documentary on sex trafficking and became tearful; no personal hx of exploitation."],
];
const CASE_TERMS = /\btraffick\w*|\bforced\s+into\s+prostitution\b|\bPoppy\s+Project\b|\bsex\s+slave\w*/gi;

function suggestFor(patientId: string): Suggestion {
  const mentions: Mention[] = [];
  for (const [pid, noteId, date, text] of NOTES) {
    if (pid !== patientId) continue;
    for (const m of text.matchAll(CASE_TERMS)) {
      const start = m.index;
      const end = start + m[0].length;
      mentions.push({ noteId, date, term: m[0], start, end, analysis: analyseMention(text, start, end, rules) });
    }
  }
  return suggestForPatient(mentions);
}

describe("suggestions on the contract fixture", () => {
  it("includes a patient with one road-traffic mention and one affirmed mention", () => {
    const notes: Array<[string, string, string]> = [
      ["n1", "2010-01-01", "Injured in a road trafficking accident in 2009."],
      ["n2", "2011-03-04", "Disclosed today that she was trafficked from ZZZZZ."],
    ];
    const mentions = notes.flatMap(([noteId, date, text]) =>
      [...text.matchAll(CASE_TERMS)].map((m) => ({ noteId, date, term: m[0], start: m.index, end: m.index + m[0].length, analysis: analyseMention(text, m.index, m.index + m[0].length, rules) })),
    );
    expect(mentions[0].analysis.senses).toEqual(["traffic_accident"]);
    expect(core(suggestForPatient(mentions))).toEqual({ suggestion: "include", reason: "", rule: AFFIRMED_RULE, evidence: { noteId: "n2", start: 29, end: 39 } });
  });

  it.each([
    ["T01", "include", "", AFFIRMED_RULE],
    ["T02", "include", "", "unc.query-mark"],
    ["T03", "include", "", "hist.history-of"],
    ["T04", "exclude", "drug_trafficking", "sense.drug.before"],
    ["T05", "exclude", "negated", "neg.no-sign"],
    ["T06", "exclude", "interest_in_issue", "sense.interest.media"],
  ])("%s → %s %s (%s)", (patientId, suggestion, reason, rule) => {
    expect(suggestFor(patientId)).toMatchObject({ suggestion, reason, rule });
  });
});

// Notes of patients who were trafficked, written the ways clinicians write; none may be suggested for exclusion.
describe("never suggests excluding a patient who was trafficked", () => {
  it.each([
    "She was trafficked to the UK by a man she met online.",
    "Pt disclosed she had been trafficked and forced to sell drugs.",
    "She was trafficked and made to work in a cannabis farm.",
    "Reports being trafficked; the traffickers also dealt drugs.",
    "She was trafficked by a drug dealer.",
    "She was trafficked in the back of a lorry from Calais.",
    "She has no documents as she was trafficked.",
    "No money, she was trafficked.",
    "Not eating since she was trafficked.",
    "Without her passport since being trafficked.",
    "She was not allowed to leave the house after being trafficked.",
    "She never received payment while trafficked.",
    "She could not escape the traffickers.",
    "She does not want the police involved in her trafficking case.",
    "She would not talk about being trafficked.",
    "Declined to discuss trafficking.",
    "Charged with soliciting after being trafficked.",
    "Her partner trafficked her into prostitution.",
    "Her mother said she was trafficked.",
    "Trafficking victim with PTSD and paranoid symptoms.",
    "She was trafficked and now hears voices at night.",
    "Online trafficking of girls, she was one of them.",
    "Cannot rule out trafficking.",
    "No concerns re housing. ?trafficked",
    "She is no longer being trafficked.",
  ])("%s", (text) => {
    const mentions: Mention[] = [...text.matchAll(/traffick\w*/gi)].map((m) => ({
      noteId: "n1",
      date: "2010-01-01",
      term: m[0],
      start: m.index,
      end: m.index + m[0].length,
      analysis: analyseMention(text, m.index, m.index + m[0].length, rules),
    }));
    expect(mentions.length).toBeGreaterThan(0);
    expect(suggestForPatient(mentions).suggestion).not.toBe("exclude");
  });
});
