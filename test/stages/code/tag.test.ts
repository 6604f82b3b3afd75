import { describe, expect, it } from "vitest";
import type { Note } from "../../../src/core/types.js";
import { compileCodebook } from "../../../src/stages/code/codebook/compile.js";
import { extractId, extractPatient, parseExtractId, type ExtractionRules } from "../../../src/stages/code/extract.js";
import { compilePatterns } from "../../../src/stages/code/patterns.js";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { presetCodebook, tinyCodebook } from "./helpers.js";

function rulesFor(book = compileCodebook(tinyCodebook(), "tiny.json"), retrieval = "[accommodation]\nhousing\n"): ExtractionRules {
  return {
    book,
    retrieval: compileMatcher(parseTerms(retrieval, "terms.txt")),
    codes: compilePatterns(book.codes.flatMap((c) => c.patterns)),
    unless: compilePatterns(book.codes.flatMap((c) => c.unless)),
    codebookSeeds: true,
    window: { sentences: 0, maxChars: 1000 },
  };
}
const note = (text: string, noteId = "n1"): Note => ({ patientId: "P1", noteId, date: "2010-01-01", text, source: { file: "notes.csv", line: 2 } });

describe("extractPatient and suggested codes", () => {
  it("suggests a code with the pattern that fired and the text it matched", () => {
    const [e] = extractPatient({ id: "P1", group: "adult" }, [note("Seen today. She was evicted and now lives in a hostel.")], rulesFor());
    expect(e.text).toBe("She was evicted and now lives in a hostel.");
    expect(e.suggested).toEqual(["housing.hostel"]);
    expect(e.rules).toEqual(['housing.hostel ← "hostel" (hostel*)', 'housing.hostel ← "evicted" (stem:evicted)']);
    expect(e.extractId).toBe(extractId("n1", e.start, e.end));
    expect(e.retrievedBy).toEqual(["codebook"]);
  });

  it("cancels a suggestion when an unless pattern of the code is in the same sentence (and pulls no passage for it)", () => {
    const out = extractPatient({ id: "P1", group: "adult" }, [note("Hostel staff say rent is paid. Still in the hostel after eviction.")], rulesFor());
    expect(out.map((e) => [e.text, e.suggested])).toEqual([["Still in the hostel after eviction.", ["housing.hostel"]]]);
  });

  it("suggests a code only to the groups it applies to (unknown gets every code)", () => {
    const text = [note("Age assessment by the local authority awaited.")];
    const rules = rulesFor();
    expect(extractPatient({ id: "P1", group: "adult" }, text, rules)).toEqual([]);
    expect(extractPatient({ id: "P1", group: "child" }, text, rules)[0].suggested).toEqual(["age.assessment"]);
    expect(extractPatient({ id: "P1", group: "unknown" }, text, rules)[0].suggested).toEqual(["age.assessment"]);
  });

  it("pulls passages by retrieval terms too, and only by them when codebook seeds are off", () => {
    const text = [note("Housing officer visited. Lives in a hostel.")];
    const both = extractPatient({ id: "P1", group: "adult" }, text, rulesFor());
    expect(both.map((e) => [e.text, e.retrievedBy.join(";")])).toEqual([
      ["Housing officer visited.", "accommodation"],
      ["Lives in a hostel.", "codebook"],
    ]);
    const only = extractPatient({ id: "P1", group: "adult" }, text, { ...rulesFor(), codebookSeeds: false });
    expect(only.map((e) => e.text)).toEqual(["Housing officer visited."]);
  });

  it("keeps a decided passage exactly and never lets a new window overlap it", () => {
    const text = "Lives in a hostel. Moved out of area last week. Housing is poor.";
    const pinned = new Map([["n1", [{ start: 0, end: text.indexOf("Housing") - 1 }]]]);
    const out = extractPatient({ id: "P1", group: "adult" }, [note(text)], { ...rulesFor(), window: { sentences: 1, maxChars: 1000 } }, pinned);
    expect(out.map((e) => [e.text, e.retrievedBy.includes("coded")])).toEqual([
      ["Lives in a hostel. Moved out of area last week.", true],
      ["Housing is poor.", false],
    ]);
  });

  it.each([
    ["n1:10-20", { noteId: "n1", start: 10, end: 20, patientId: undefined }],
    ["P1/doc:7:3-9", { patientId: "P1", noteId: "doc:7", start: 3, end: 9 }],
    ["no offsets", undefined],
    ["n1:9-3", undefined],
  ])("parses the extract id %s", (id, want) => expect(parseExtractId(id)).toEqual(want));
});

// Sentences written for this test in varied clinical phrasing; each must suggest its code with the
// preset codebook, and the routine sentences below must suggest nothing.
const SAYS: [string, string][] = [
  ["instability.accommodation", "Evicted from the B&B on Friday, sofa surfing with a friend since."],
  ["instability.accommodation", "NASS have dispersed her to Cardiff at short notice."],
  ["instability.immigration", "Asylum claim refused last month; appeal lodged by her solicitor."],
  ["instability.immigration", "Has to report weekly at Lunar House and fears detention."],
  ["instability.finance", "No recourse to public funds, relying on the food bank."],
  ["instability.finance", "He cannot afford the bus fare to clinic."],
  ["instability.continuity", "Third new care coordinator this year after another move."],
  ["instability.therapy_postponed", "Trauma-focused CBT on hold until her immigration status is resolved."],
  ["instability.motivation_queried", "Team queried whether the presentation is motivated by wanting a housing letter."],
  ["instability.staff_time", "Most of the session spent on a supporting letter for the Home Office."],
  ["history.police_investigation", "Officer in the case asked us not to discuss details of the offence with her."],
  ["history.police_investigation", "Because of the ongoing police investigation we have not asked about the events."],
  ["history.unwilling", "She became tearful and changed the subject when asked about her journey."],
  ["history.unwilling", "Does not want to talk about what happened before she came here."],
  ["history.inconsistent", "His account of the dates has changed several times."],
  ["history.inconsistent", "Gaps in the history; she cannot account for two years."],
  ["engagement.declined", "Offered psychology referral but declined."],
  ["engagement.non_attendance", "DNA x3, discharged to GP."],
  ["engagement.non_attendance", "Has missed 3 of the last 4 appointments."],
  ["engagement.hard_to_contact", "Mobile switched off again, whereabouts unknown."],
  ["engagement.cultural", "In her community mental illness brings great shame."],
  ["engagement.cultural", "Believes the voices are caused by witchcraft and prefers her pastor."],
  ["engagement.staff_gender", "Would only speak to a female interpreter."],
  ["services.waiting_list", "On the waiting list for the trauma service, estimated wait of nine months."],
  ["services.funding_cuts", "Funding for the specialist placement was refused."],
  ["services.closed_services", "The drop-in she used has closed after losing its funding."],
  ["interagency.responsibility", "Neither borough will accept responsibility for her care."],
  ["interagency.communication", "Social services were not informed of the move."],
  ["interagency.disagreement", "We disagree with the local authority's view that the placement is safe."],
];
const SAYS_CHILD: [string, string][] = [
  ["engagement.carers_obstruct", "The aunt would not allow YP to be seen alone."],
  ["identity.age_dispute", "Age disputed by the local authority; Merton assessment pending."],
  ["identity.parentage", "Unclear whether the woman she lives with is really her mother; DNA test requested."],
];
const ROUTINE = [
  "Mood stable, sleeping well, eating three meals a day.",
  "Trial of sertraline 50mg, review in four weeks.",
  "Appeared older than stated age, good rapport.",
  "Will liaise with GP re physical health.",
  "Lives with partner in a council flat; no concerns.",
  "Section 17 leave granted for two hours.",
];

describe("the preset codebook on clinical phrasing", () => {
  const rules = rulesFor(presetCodebook(), "");
  const suggest = (text: string, group: "adult" | "child") => extractPatient({ id: "P1", group }, [note(text)], rules).flatMap((e) => e.suggested);
  it.each(SAYS)("%s ← %s", (code, text) => expect(suggest(text, "adult")).toContain(code));
  it.each(SAYS_CHILD)("%s ← %s (child)", (code, text) => expect(suggest(text, "child")).toContain(code));
  it.each(ROUTINE)("suggests nothing for routine text: %s", (text) => expect(suggest(text, "child")).toEqual([]));
});
