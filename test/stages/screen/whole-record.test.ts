import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Note } from "../../../src/core/types.js";
import type { Gender } from "../../../src/stages/screen/about-whom.js";
import { screenPatient } from "../../../src/stages/screen/screen-patient.js";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { readDocumentRules } from "../../../src/text/documents/read-rules.js";
import { rules } from "./rules.js";

const PRESET = fileURLToPath(new URL("../../../src/presets/south-london-2015/", import.meta.url));
const caseMatcher = compileMatcher(parseTerms(readFileSync(`${PRESET}terms.txt`, "utf8"), "terms.txt").filter((t) => t.group === "case"));
const documents = readDocumentRules(`${PRESET}documents.json`);

/** One patient's notes: [date, text] in any order. */
function screen(notes: Array<[string, string]>, gender?: Gender) {
  const ns: Note[] = notes.map(([date, text], i) => ({ patientId: "P", noteId: `n${i + 1}`, date, text, noteType: "Event", source: { file: "notes.csv", line: i + 2 } }));
  return screenPatient("P", ns, caseMatcher, rules, { documents, gender }).suggestion;
}

// Every record below was written for these tests, in the ways clinicians write.
type Case = [why: string, notes: Array<[string, string]>, suggestion: string, reason: string, gender?: Gender];

const EXCLUDED: Case[] = [
  ["a query settled weeks later without the term", [["2010-01-04", "Arrived with an older man who did the talking. ?trafficking - to explore with an interpreter."], ["2010-01-25", "Seen with interpreter. Explored: no indicators - came with her cousin, has her own passport, works in a shop and keeps her wages."]], "exclude", "negated"],
  ["an enquiry opened to rule it out, closed in the next note", [["2011-03-01", "Strategy meeting to consider possible trafficking (adult male in contact by phone)."], ["2011-03-09", "Outcome of enquiry: these concerns were not substantiated; he is in touch with his uncle only."]], "exclude", "negated"],
  ["considered but not indicated", [["2009-05-05", "Custody nurse asked us to consider whether she could be a victim of trafficking. NRM considered but not indicated - no indicators of exploitation."]], "exclude", "negated"],
  ["a checklist answered no", [["2012-02-02", "Modern slavery screening questions asked alone - all answered no. Plan: GP follow up."]], "exclude", "negated"],
  ["a query raised by A&E and answered by our letter", [["2010-07-07", "A&E queried whether he had been trafficked as he works long hours in a kitchen."], ["2010-07-09", "Dear Dr ZZZZZ\n\nI saw him with an interpreter. He holds his own passport, is paid every week and is free to leave; I found nothing to support this.\n\nYours sincerely\n\nZZZZZ\nLiaison Practitioner"]], "exclude", "negated"],
  ["the patient convicted, words between", [["2008-11-11", "Remand prisoner. Convicted at Crown Court last month of trafficking two women for sexual exploitation; awaiting sentence."]], "exclude", "other_person"],
  ["the patient acquitted of one count", [["2008-11-11", "Sentenced for fraud; acquitted of the trafficking count."]], "exclude", "other_person"],
  ["a fear for her daughter", [["2011-01-01", "Anxious most of the day; her main worry is that her daughter, who is working abroad, will be trafficked."]], "exclude", "other_person"],
  ["goods, not people", [["2010-09-09", "Ward security report that he has been trafficking cigarettes and phones onto the ward."]], "exclude", "other"],
  ["a belief about the neighbours", [["2009-04-04", "Convinced the neighbours are running a sex slave operation in the basement; no insight."]], "exclude", "interest_in_issue"],
  ["grandiose, with quotes and a number", [["2009-04-04", "Elated, says he was \"chosen\" to free 5,000 sex slaves in the capital."]], "exclude", "interest_in_issue"],
  ["his work", [["2010-10-10", "Occupational health referral: for two years he has worked in a police team investigating human trafficking; nightmares since a raid."]], "exclude", "interest_in_issue"],
  ["a pronoun of the other gender", [["2012-12-12", "Her brother came to the UK last year. He was trafficked and made to work on a farm; she is very worried about him."]], "exclude", "other_person", "female"],
  ["a fear for a daughter, said with a pronoun", [["2012-12-12", "Low and sleepless; his daughter is going abroad for work and he is afraid she will be trafficked."]], "exclude", "other_person", "male"],
  ["a relative with her age before the noun", [["2011-11-11", "Her 16-year-old niece was trafficked last year; pt looks after her now."]], "exclude", "other_person"],
  ["the road written with a slip", [["2010-02-02", "Knocked off her bike in heavy trafficking on the way to college; bruised knee."]], "exclude", "traffic_accident"],
  ["a query closed by a negative NRM decision weeks later", [["2013-04-02", "Concerns re possible trafficking raised by the hostel; she is unsure. To explore with an interpreter."], ["2013-05-20", "Letter seen today: the reasonable grounds decision was negative. She is relieved and wants to move on."]], "exclude", "negated"],
  ["his work on cases", [["2010-02-02", "Stress at work: he works as a court interpreter in human trafficking cases and finds the evidence upsetting."]], "exclude", "interest_in_issue"],
];

const KEPT: Case[] = [
  ["an open query", [["2010-01-04", "Vague about her journey, a man waits outside. ?trafficked - to explore."]], "include", ""],
  ["a bare 'no concerns' in a later note does not settle an earlier query", [["2010-01-04", "?trafficked - to explore next time."], ["2010-03-01", "Physical health review. No concerns."]], "include", ""],
  ["an outcome by another agency the team disputes", [["2010-05-05", "?trafficked - referred to police for advice."], ["2010-05-20", "Police felt there was no evidence of trafficking and will take no action; we remain concerned and will keep this under review."]], "include", ""],
  ["a disclosure after an earlier denial", [["2010-01-01", "Asked about trafficking - denies."], ["2010-06-01", "She told me today that she was trafficked to London and had never told anyone before."]], "include", ""],
  ["her aunt brought her: she is the one trafficked", [["2009-09-09", "Her aunt brought her to London aged 14. She was trafficked into domestic servitude in the aunt's house."]], "include", "", "female"],
  ["a DC from the trafficking unit, and a disclosure", [["2011-02-02", "A DC from the human trafficking unit called. She has disclosed to them that she was trafficked for sex."]], "include", ""],
  ["the trafficking unit alone says nothing either way", [["2011-02-02", "Letter from the human trafficking unit about the court date."]], "unsure", ""],
  ["a charity for women who have been trafficked, which she attends", [["2011-02-02", "Attends a weekly group at a charity for women who have been trafficked."]], "include", ""],
  ["a victim's fear of her traffickers", [["2011-02-02", "She believes the traffickers will find her if she moves out of the hostel."]], "include", ""],
  ["a real victim whose convicted traffickers are named", [["2012-04-04", "Both men were convicted of trafficking her and sentenced to nine years."]], "include", ""],
  ["another agency's 'no evidence' that the team disputes", [["2012-05-05", "The Home Office say there is no evidence she was trafficked and have refused her claim. We do not agree: her account to us has been consistent for months."]], "include", ""],
  ["a documentary, then 'the same had happened to her'", [["2010-10-10", "Watched a programme about sex trafficking and was very upset. Later told me that the same had happened to her when she was 15."]], "include", ""],
];

describe("screening reads the whole record: excluded", () => {
  it.each(EXCLUDED)("%s", (_why, notes, suggestion, reason, gender) => {
    expect(screen(notes, gender)).toMatchObject({ suggestion, reason });
  });
});

describe("screening reads the whole record: never excluded", () => {
  it.each(KEPT)("%s", (_why, notes, suggestion, reason, gender) => {
    expect(screen(notes, gender)).toMatchObject({ suggestion, reason });
  });
});

describe("screening shows its reasoning", () => {
  it("names the outcome's note and date and the rules, in plain words without note text", () => {
    const s = screen([["2010-01-04", "?trafficking - to explore."], ["2010-01-25", "Explored: no indicators."]]);
    expect(s.outcome).toMatchObject({ noteId: "n2", date: "2010-01-25" });
    expect(s.why).toContain("n2 2010-01-25");
    expect(s.why).not.toContain("Explored");
  });
});
