import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { compileDocuments } from "../../../src/text/documents/compile.js";
import { readDocument } from "../../../src/text/documents/read-document.js";
import { readDocumentRules } from "../../../src/text/documents/read-rules.js";
import type { DocumentView } from "../../../src/text/documents/types.js";

const rules = readDocumentRules(join(import.meta.dirname, "..", "..", "..", "src", "presets", "south-london-2015", "documents.json"));
const read = (text: string, type = "Event"): DocumentView => readDocument(text, type, rules);
const slice = (d: DocumentView, s: { start: number; end: number }): string => d.text.slice(s.start, s.end);
const blocks = (d: DocumentView, kind: string): string[] => d.segments.filter((s) => s.kind === kind).map((s) => slice(d, s));
const sentenceAt = (d: DocumentView, phrase: string): string => slice(d, d.sentences[d.sentenceOf(d.text.indexOf(phrase))]);

// Every document below was written for these tests.
const PRACTICE_LETTER = `Riverside Medical Practice
14 Canal Street
London SE99 9ZZ
Tel 020 0000 0000

Dr A. Example
Consultant Psychiatrist
Northside Community Mental Health Team

3rd March 2009

Dear Dr Example

Re: ZZZZZ  DOB ZZZZZ

I would be grateful if you could see this 30 year old man who has been coming to the surgery with chest pains and poor sleep. Last week he told me that he had been made to work on a building site for no pay for two years.

Yours sincerely



Dr ZZZZZ
MBChB MRCGP`;

const TEAM_LETTER = `Northside CMHT
Community Mental Health Team
ZZZZZ Road

Dr ZZZZZ
ZZZZZ Health Centre

12/05/2010

Dear Dr ZZZZZ

Re: ZZZZZ

Thank you for referring this lady, whom I saw in clinic today. She described being held in a flat for a year.

Yours sincerely

Dr ZZZZZ
Specialty Doctor in Psychiatry

cc: ZZZZZ, Social Worker
    Patient`;

const EMAIL_IN_EVENT = `Email received today from the social worker:

From: ZZZZZ (Adult Social Care, Safeguarding Team)
Sent: 04 June 2011 10:12
To: ZZZZZ (Northside CMHT)
Subject: Ms ZZZZZ

Hello ZZZZZ,

Just to let you know that Ms ZZZZZ told our duty worker yesterday that she is frightened of the man who arranged her job.

Kind regards
ZZZZZ
Senior Practitioner

Plan: CPN to call her this afternoon.`;

const FORM = `SCHOOL NURSING SERVICE - REFERRAL TO CAMHS
Referrer: ZZZZZ, School Nurse, Hillside Academy
Name: ZZZZZ
DOB: ZZZZZ
Reason for referral: tearful in class, says she sends all her wages home.
Risk: none known.

Assessment booked for 14/03.`;

const ASSESSMENT = `NEW PATIENT ASSESSMENT
PC: poor sleep and nightmares.
HISTORY
Came to the UK in 2006 with a man who promised work in a restaurant. Kept in a house and not paid. Left in 2008.
MSE: anxious, tearful, no psychotic features.
Risk - low to self.
Imp: PTSD after being trafficked for labour. Plan: sertraline; refer to psychology.`;

describe("readDocument: letters", () => {
  const d = read(PRACTICE_LETTER, "Correspondence");
  it("reads the blocks of a letter: letterhead, addressee, date, salutation, subject, body, sign-off", () => {
    expect(blocks(d, "letterhead")).toEqual(["Riverside Medical Practice\n14 Canal Street\nLondon SE99 9ZZ\nTel 020 0000 0000"]);
    expect(blocks(d, "addressee")).toEqual(["Dr A. Example\nConsultant Psychiatrist\nNorthside Community Mental Health Team"]);
    expect(blocks(d, "date")).toEqual(["3rd March 2009"]);
    expect(blocks(d, "salutation")).toEqual(["Dear Dr Example"]);
    expect(blocks(d, "subject")).toEqual(["Re: ZZZZZ  DOB ZZZZZ"]);
    expect(blocks(d, "signoff")).toEqual(["Yours sincerely\n\n\n\nDr ZZZZZ\nMBChB MRCGP"]);
    expect(blocks(d, "body")[0]).toMatch(/^I would be grateful.*two years\.$/s);
  });
  it("says another service wrote it, from the sign-off, with the rule and the span", () => {
    expect(d.parts).toHaveLength(1);
    expect(d.parts[0]).toMatchObject({ kind: "letter", author: "other" });
    // Written to a psychiatrist of the team: by someone else (the rule that decides comes first in the file).
    expect(d.parts[0].evidence.map((e) => [e.rule, slice(d, e)])).toEqual([["author.addressee.mental-health", "Psychiatrist"]]);
    expect(d.parts[0].senderSpans.flat().map((s) => slice(d, s))).toContain("Riverside Medical Practice\n14 Canal Street\nLondon SE99 9ZZ\nTel 020 0000 0000");
  });
  it("keeps letterhead, addressee and sign-off lines as sentences of their own; 'Dr A.' does not end one", () => {
    expect(sentenceAt(d, "Consultant Psychiatrist")).toBe("Consultant Psychiatrist");
    expect(sentenceAt(d, "Dr A. Example")).toBe("Dr A. Example");
    expect(sentenceAt(d, "MRCGP")).toBe("MBChB MRCGP");
    expect(sentenceAt(d, "Last week")).toBe("Last week he told me that he had been made to work on a building site for no pay for two years.");
  });
  it("reads the team's own letter to the GP as the team's, with its cc lines apart from the signature", () => {
    const t = read(TEAM_LETTER, "Correspondence");
    expect(t.parts.map((p) => [p.kind, p.author, p.evidence[0]?.rule])).toEqual([["letter", "team", "author.signoff.team"]]);
    expect(blocks(t, "cc")).toEqual(["cc: ZZZZZ, Social Worker\n    Patient"]);
    expect(blocks(t, "letterhead")).toEqual(["Northside CMHT\nCommunity Mental Health Team\nZZZZZ Road"]);
    expect(blocks(t, "addressee")).toEqual(["Dr ZZZZZ\nZZZZZ Health Centre"]);
  });
  it("reads a letter written to the team by another mental health team as another service's", () => {
    const other = read(`Westfield NHS Trust\nWestfield Community Mental Health Team\n\nDr ZZZZZ\nConsultant Psychiatrist\nNorthside CMHT\n\nDear Dr ZZZZZ\n\nI am writing to transfer the care of Mr ZZZZZ, who moves to your area next month.\n\nYours sincerely\n\nDr ZZZZZ\nConsultant Psychiatrist`, "Correspondence");
    expect(other.parts[0]).toMatchObject({ author: "other" });
    expect(other.parts[0].evidence[0].rule).toBe("author.addressee.mental-health");
  });
  it("reads a letter with no letterhead and a bare signature from its stock opening", () => {
    const r = read(`Dear Duty Worker,\n\nThank you for seeing Ms ZZZZZ, who is staying at our women's refuge.\n\nMany thanks\nZZZZZ`, "Correspondence");
    expect(r.parts[0].author).toBe("other");
    expect(["author.addressee.duty", "author.opening.referral"]).toContain(r.parts[0].evidence[0].rule);
  });
  it("does not split a solicitor's letterhead at '& Co.'", () => {
    const r = read(`Example & Co. Solicitors\n1 High Street\n\nDear Sir\n\nWe act for Mr ZZZZZ.\n\nYours faithfully\nExample & Co.`, "Correspondence");
    expect(blocks(r, "letterhead")).toEqual(["Example & Co. Solicitors\n1 High Street"]);
    expect(sentenceAt(r, "Example & Co. Solicitors")).toBe("Example & Co. Solicitors");
    expect(r.parts[0].author).toBe("other");
  });
});

describe("readDocument: e-mails, forms and pasted parts", () => {
  it("finds an e-mail pasted into an event note: the note's own lines are the team's, the e-mail is the sender's", () => {
    const d = read(EMAIL_IN_EVENT);
    expect(d.parts.map((p) => [p.kind, p.author])).toEqual([
      ["note", "team"],
      ["email", "other"],
      ["note", "team"],
    ]);
    const email = d.parts[1];
    expect(email.evidence.map((e) => [e.rule, slice(d, e)])).toEqual([["author.addressee.mental-health", "CMHT"]]);
    expect(email.senderSpans.flat().map((s) => slice(d, s))).toEqual(["ZZZZZ\nSenior Practitioner", "ZZZZZ (Adult Social Care, Safeguarding Team)", "Just to let you know that Ms ZZZZZ told our duty worker yesterday that she is frightened of the man who arranged her job."]);
    expect(blocks(d, "email_header")).toHaveLength(4);
    expect(d.partAt(d.text.indexOf("frightened")).kind).toBe("email");
    expect(d.partAt(d.text.indexOf("CPN to call")).author).toBe("team");
    expect(d.sectionAt(d.text.indexOf("CPN to call"))?.id).toBe("plan");
  });
  it("reads a referral form: the issuer in its title, the referrer's field, and where the form ends", () => {
    const d = read(FORM, "Attachment");
    expect(d.parts.map((p) => [p.kind, p.author])).toEqual([
      ["form", "other"],
      ["note", "team"],
    ]);
    expect(blocks(d, "letterhead")).toEqual(["SCHOOL NURSING SERVICE"]);
    expect(blocks(d, "addressee")).toEqual(["CAMHS"]);
    expect(d.segments.filter((s) => s.kind === "field").map((s) => s.rule)).toEqual(["field.referrer", "field.detail", "field.detail", "field.detail", "field.detail"]);
    expect(d.partAt(d.text.indexOf("wages")).kind).toBe("form");
  });
  it("reads a letter pasted into an event note after an introducing line", () => {
    const d = read(`Letter from her solicitor received today as follows:\nDear Sir or Madam\nWe are instructed by Ms ZZZZZ in her asylum appeal. She has told us that she was forced to work in a shop.\nYours faithfully\nZZZZZ LLP\nFiled in correspondence.`);
    // The introducing line records the receipt itself; the letter is the solicitor's; the filing note is the team's.
    expect(d.parts.map((p) => [p.kind, p.author])).toEqual([
      ["note", "other"],
      ["letter", "other"],
      ["note", "team"],
    ]);
    expect(d.partAt(d.text.indexOf("forced")).kind).toBe("letter");
    expect(d.parts[1].evidence[0].rule).toBe("author.signoff.other");
  });
  it("reads a note that opens with a call from another service as that service's report", () => {
    const d = read("T/C from ZZZZZ, health visitor: mum says the lodger's wages are taken by her landlord. Will discuss at MDT.");
    expect(d.parts[0]).toMatchObject({ author: "other" });
    expect(d.parts[0].evidence[0].rule).toBe("author.opening.received");
    expect(read("T/C from pt's mother, worried about her sleep.").parts[0].author).toBe("team");
  });
  it("reads minutes filed as a note as the chairing service's document, numbered items and all", () => {
    const minutes = `NORTHSIDE BOROUGH - CORE GROUP MEETING MINUTES

Date: 02/02/2012
Chair: ZZZZZ, Senior Practitioner, Children's Social Care
Present: ZZZZZ (school), ZZZZZ (GP practice nurse)

1. Updates
School report she has been collected at the gate by unknown men. Concern that she is being exploited.

2. Actions
- Referral to CAMHS for low mood (SW)
- Review in four weeks

Next meeting 01/03/2012`;
    const d = read(minutes, "Attachment");
    expect(d.parts.map((p) => [p.kind, p.author])).toEqual([["form", "other"]]);
    expect(d.parts[0].evidence[0].rule).toBe("author.sender-field.other");
    expect(blocks(d, "form_title")).toEqual(["NORTHSIDE BOROUGH - CORE GROUP MEETING MINUTES"]);
  });
  it("never takes an item of a list for a form's title", () => {
    const d = read("Plan:\n- Referral to IAPT for CBT\n- Review 2/52");
    expect(blocks(d, "form_title")).toEqual([]);
    expect(d.parts.map((p) => p.author)).toEqual(["team"]);
  });
});

describe("readDocument: sections", () => {
  const d = read(ASSESSMENT, "Assessment");
  it("finds headings at line starts, ALL CAPS on their own line, with a dash, and inline after a sentence", () => {
    expect(d.sections.map((s) => [s.id, slice(d, s.heading)])).toEqual([
      ["presenting", "PC:"],
      ["history", "HISTORY"],
      ["mse", "MSE:"],
      ["risk", "Risk -"],
      ["impression", "Imp:"],
      ["plan", "Plan:"],
    ]);
    expect(d.sectionAt(d.text.indexOf("Kept in a house"))?.id).toBe("history");
    expect(d.sectionAt(d.text.indexOf("trafficked"))?.id).toBe("impression");
    expect(d.sectionAt(d.text.indexOf("refer to psychology"))?.id).toBe("plan");
  });
  it("starts a sentence at an inline heading", () => {
    expect(sentenceAt(d, "refer to psychology")).toBe("Plan: sertraline; refer to psychology.");
    expect(sentenceAt(d, "trafficked")).toBe("Imp: PTSD after being trafficked for labour.");
  });
  it("does not take a word in prose for a heading", () => {
    const p = read("Discussed the plan with her. History of low mood since 2007.");
    expect(p.sections).toEqual([]);
  });
  it("keeps the note type as a hint only: an e-mail filed as correspondence is still an e-mail", () => {
    const e = read(EMAIL_IN_EVENT.split("\n").slice(2).join("\n"), "Correspondence");
    expect(e.parts[0].kind).toBe("email");
  });
});

describe("compileDocuments", () => {
  const minimal = () => ({
    salutations: [{ id: "s", pattern: "^dear\\b" }],
    closings: [{ id: "c", pattern: "^yours\\b" }],
    subjects: [],
    copies: [],
    dates: [],
    addressees: [],
    pastedIntros: [],
    formTitles: [],
    emailHeaders: [
      { id: "h.from", labels: ["From"], role: "sender" },
      { id: "h.to", labels: ["To"], role: "recipient" },
    ],
    fields: [],
    sections: [{ id: "plan", label: "Plan", headings: ["Plan"] }],
    authorship: [{ id: "a", says: "other", block: "signoff", pattern: "@ext" }],
    lexicons: { ext: ["\\bGP\\b"] },
  });
  const error = (mutate: (x: any) => void): string => {
    const raw = minimal();
    mutate(raw);
    try {
      compileDocuments(raw, "docs.json");
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error("expected an error");
  };
  it("compiles a minimal file and reads a letter with it", () => {
    const d = readDocument("Dear X\nHello.\nYours\nDr Y, GP", "", compileDocuments(minimal(), "docs.json"));
    expect(d.parts[0]).toMatchObject({ kind: "letter", author: "other" });
  });
  it.each([
    ["an unknown key", (x: any) => (x.extra = 1), "docs.json › (top level): unknown key extra"],
    ["a bad regular expression", (x: any) => (x.salutations[0].pattern = "(dear"), 'docs.json › salutations[0] "s" › pattern: not a valid regular expression'],
    ["a missing lexicon", (x: any) => (x.authorship[0].pattern = "@nope"), 'docs.json › authorship[0] "a" › pattern: no lexicon named "nope"'],
    ["a block that does not exist", (x: any) => (x.authorship[0].block = "footer"), 'docs.json › authorship[0] "a" › block: expected one of signoff'],
    ["a rule id used twice", (x: any) => (x.closings[0].id = "s"), 'docs.json › closings[0] "s" › id: "s" is used twice'],
  ])("names the file, entry and field for %s", (_why, mutate, message) => {
    expect(error(mutate)).toContain(message);
  });
});

describe("readDocument: stock openings", () => {
  it.each([
    ["I am the allocated social worker for Miss ZZZZZ and write to ask for an assessment.", "other"],
    ["I am writing to refer this young man, who has been sleeping rough.", "other"],
    ["We are instructed by Ms ZZZZZ in her immigration appeal.", "other"],
    ["I am the consultant psychiatrist for Ms ZZZZZ and write to update you.", "team"],
    ["Thank you for referring this gentleman, whom I saw today.", "team"],
  ])("%s → %s", (opening, author) => {
    const d = read(`Dear Dr ZZZZZ\n\n${opening}\n\nYours sincerely\n\nZZZZZ`, "Correspondence");
    expect(d.parts[0].author).toBe(author);
  });
});
