import { describe, expect, it } from "vitest";
import { note, stepRule, suggest } from "./preset.js";

/** [why, note text, note type, route, service, rule]: hand-written sentences, not taken from the demo's banks. */
const CASES: [string, string, string, string, string, string][] = [
  // informed by another service
  ["referral from a specialist charity", "New referral from Eaves (Poppy Project) re 24F, victim of trafficking, low mood and nightmares.", "Event", "other_service", "voluntary_sector", "author.opening.received"],
  ["charity named beside the mention", "Attended with her key worker from the Salvation Army; she has been in their safe house since she was identified as trafficked.", "Event", "other_service", "voluntary_sector", "os.specialist-charity"],
  ["GP as the subject of a referral", "GP referral: 31 year old man, says he was trafficked for work on farms, now sleeping rough. ?depression.", "Correspondence", "other_service", "gp", "os.service-informs"],
  ["referred by the GP", "Referred by her GP after she told the practice nurse that she had been trafficked into the UK.", "Event", "other_service", "gp", "os.from-service"],
  ["copied-in GP letter (author before cc)", "Copy of letter from Dr ZZZZZ, general practitioner (cc CMHT): pt is a victim of trafficking and asks for help with sleep.", "Correspondence", "other_service", "gp", "os.from-service"],
  ["police informing the team", "DC ZZZZZ from the Met's human trafficking unit telephoned: pt was rescued in a raid and is believed to be a victim of trafficking.", "Event", "other_service", "police", "os.service-informs"],
  ["known to a service, about the trafficking", "She is known to the Helen Bamber Foundation as a survivor of trafficking.", "Event", "other_service", "voluntary_sector", "os.known-to"],
  ["children's social care referral", "Referral received from children's social care (UASC team): 15 year old boy, suspected trafficked child, very withdrawn.", "Event", "other_service", "social_services", "author.opening.received"],
  ["another trust transfers care", "Transfer of care from ZZZZZ CMHT in another trust; their summary records a history of trafficking and PTSD.", "Event", "other_service", "other_health", "os.from-service"],
  ["A&E staff", "Seen in A&E by the emergency department registrar overnight after an overdose; disclosed to the registrar that she had been trafficked. Passed to us for follow up.", "Event", "other_service", "a_and_e", "os.from-service"],
  ["solicitor asks for a report", "Letter from her immigration solicitor asking for a psychiatric report: client is a recognised victim of trafficking.", "Correspondence", "other_service", "home_office_or_legal", "author.opening.received"],
  ["competent authority decision copied to us", "UKBA letter (Competent Authority), copied to the team: reasonable grounds to believe he is a victim of trafficking.", "Correspondence", "other_service", "home_office_or_legal", "os.service-informs"],
  ["a misspelt service name", "Letter from the Helen Bamberr Foundation: she is a survivor of trafficking.", "Correspondence", "other_service", "voluntary_sector", "author.opening.received"],
  ["a qualified referral with a time, from a hospital specialty", "Urgent referral (phone) 14:05 from the medical registrar, Cardiology: admitted with chest pain, told the nurses she was trafficked and made to work in a house.", "Event", "other_service", "other_health", "author.opening.received"],
  ["a referral from an admissions unit", "New referral from AMU (Dr ZZZZZ, FY2): found by police in a cannabis farm, believed trafficked.", "Event", "other_service", "other_health", "author.opening.received"],
  ["clinical shorthand for a telephone call", "TC from practice nurse: pt disclosed at her health check that she had been trafficked.", "Event", "other_service", "gp", "author.opening.received"],
  // disclosed during contact: historical
  ["disclosure in the patient's voice", "In session today she told me that she was trafficked to London when she was 19 and kept in a flat.", "Event", "during_contact_historical", "", "historical.disclosure"],
  ["reports being forced", "Pt reports being forced into prostitution after arriving in 2004; no contact with those involved since.", "Assessment", "during_contact_historical", "", "historical.disclosure"],
  ["a history given by the patient", "History as given by pt: came by lorry in 2003, sold on arrival.\nTrafficked.", "Assessment", "during_contact_historical", "", "historical.patient-account"],
  ["misspelt disclosure verb (a letter missing)", "Pt diclosed a history of trafficking at the end of the session.", "Event", "during_contact_historical", "", "historical.disclosure"],
  ["misspelt disclosure verb (letters swapped)", "Pt discolsed that she had been trafficked from ZZZZZ several years ago.", "Event", "during_contact_historical", "", "historical.disclosure"],
  ["the team names it as past, with a hedge", "Imp: adjustment disorder. Possibly trafficked for domestic work as a child - historic, no current risk from that family.", "Assessment", "during_contact_historical", "", "historical.stated-past"],
  ["a heading for the clinician's view", "Seen with interpreter. Kept in a house and made to clean for no pay from age 14; escaped at 17.\nMy view: she was trafficked into the UK as a teenager.", "Assessment", "during_contact_historical", "", "historical.assessment-impression"],
  // disclosed during contact: recent or suspected
  ["clinician's query mark", "Vague about how she came to the UK, no documents, a man collects her after appointments. ?trafficked.", "Event", "during_contact_recent", "", "recent.suspected"],
  ["concerns re possible trafficking", "Concerns re possible trafficking - she is vague about who she works for and looks frightened.", "Event", "during_contact_recent", "", "recent.suspected"],
  ["a present situation told by the patient", "Concerns re possible trafficking - she says she owes money to the people she works for.", "Event", "during_contact_recent", "", "recent.ongoing"],
  ["discuss with SW re possibility", "I will discuss with social worker re possibility of trafficking.", "Event", "during_contact_recent", "", "recent.suspected"],
  ["escaped days ago", "She told me she ran away from the traffickers three days ago and is staying with a friend from church.", "Event", "during_contact_recent", "", "recent.time"],
  ["what is happening now, as a fragment after the disclosure", "Seen alone. Disclosed today: being made to sell drugs for older boys in another town and threatened if he stops. This is child trafficking for criminal exploitation.", "Event", "during_contact_recent", "", "recent.ongoing-in-part"],
  ["a past progressive stays past", "She told me that in 2005 she was trafficked; she was being made to work in a brothel until 2007.", "Event", "during_contact_historical", "", "historical.disclosure"],
  ["still under their control", "Disclosed that she is still being made to work by the man who trafficked her, every weekend.", "Event", "during_contact_recent", "", "recent.ongoing"],
  ["the team names it now, as what it amounts to", "Impression: what she describes amounts to trafficking for sexual exploitation.", "Assessment", "during_contact_recent", "", "recent.ongoing"],
  ["what it amounts to, named as past", "Impression: his account of ten years of unpaid work under threat amounts to historic forced labour and trafficking.", "Assessment", "during_contact_historical", "", "historical.told-before"],
  // unknown
  ["bare history in a summary", "Diagnoses: PTSD; depressive episode. Background of trafficking.", "Discharge summary", "unknown", "", "known.stated"],
  ["alert without a source", "ALERT: trafficking victim - do not disclose her address to callers.", "Event", "unknown", "", "known.stated"],
  ["a bare fact with nothing to say how", "Mood brighter. Victim of trafficking, on the waiting list for trauma work.", "Event", "unknown", "", "no-cue"],
];

/** Confounders: cues that look like a route but are not how the team learned of the trafficking. */
const CONFOUNDERS: [string, string, string, string, string][] = [
  ["onward referral to the Poppy Project in a disclosure note", "Pt disclosed today that she was trafficked in 2006. With her agreement I have referred her to the Poppy Project for support.", "during_contact_historical", "", "historical.disclosure"],
  ["signposting to a charity", "He told me he was trafficked to work in a car wash; signposted to the Salvation Army.", "during_contact_historical", "", "historical.disclosure"],
  ["known to police for shoplifting", "Known to police for shoplifting. Today she told me she had been trafficked to the UK as a teenager.", "during_contact_historical", "", "historical.disclosure"],
  ["known to police, same sentence", "Known to the police for shoplifting; said she was trafficked here in 2005.", "during_contact_historical", "", "historical.disclosure"],
  ["our own letter to the GP", "Letter to GP: at clinic today she disclosed that she was trafficked; I have advised her about the NRM.", "during_contact_historical", "", "historical.disclosure"],
  ["our letter copied to social services", "Letter to GP, cc SW: she told me she had been trafficked and kept in a house for a year.", "during_contact_historical", "", "historical.disclosure"],
  ["police informed by us", "She disclosed she is still being held by the people who trafficked her; police informed with her consent.", "during_contact_recent", "", "recent.ongoing"],
  ["referral we made to social services", "?trafficked child - safeguarding referral to children's services made today.", "during_contact_recent", "", "recent.suspected"],
  ["no concerns re trafficking is not a mention", "No concerns re trafficking.", "unknown", "", "no-mention"],
  ["a referral for another complaint, as the presenting complaint", "Presenting complaint: referred by her GP with low mood and poor sleep.\n\nHPC: in today's assessment she told me she was trafficked to the UK in 2004.", "during_contact_historical", "", "historical.disclosure"],
  ["an update we will send", "She disclosed that she had been trafficked as a teenager. Will update her social worker.", "during_contact_historical", "", "historical.disclosure"],
  ["supported by social services is not ongoing exploitation", "SW says she was trafficked into the UK, is being supported by social services and is not coping.", "other_service", "social_services", "os.service-says"],
  ["a routine update from the carer beside a disclosure", "Foster carer reports a settled week. YP disclosed today that she had been trafficked before coming into care.", "during_contact_historical", "", "historical.disclosure"],
  ["a visit this week is not recency", "Does not need a visit this week. Pt reports a history of being trafficked long ago.", "during_contact_historical", "", "historical.disclosure"],
];

describe("suggestRoute: one identification note", () => {
  it.each(CASES)("%s", (_why, text, type, route, service, rule) => {
    const s = suggest(note(text, { type }));
    expect([s.route, s.service, stepRule(s)]).toEqual([route, service, rule]);
  });

  it.each(CONFOUNDERS)("confounder: %s", (_why, text, route, service, rule) => {
    const s = suggest(note(text));
    expect([s.route, s.service, stepRule(s)]).toEqual([route, service, rule]);
  });
});

describe("suggestRoute: the first note that mentions the patient's own trafficking decides", () => {
  it("skips routine notes, other senses and other people, then reads the first real mention", () => {
    const s = suggest(
      note("Routine review. Mood stable.", { date: "2009-01-05", id: "a" }),
      note("Her ex-partner was convicted of drug trafficking in 2004.", { date: "2009-02-01", id: "b" }),
      note("Her sister was trafficked to Italy.", { date: "2009-03-01", id: "c" }),
      note("She disclosed that she was trafficked to the UK in 2005.", { date: "2009-04-01", id: "d" }),
      note("Letter from the Poppy Project: she is a victim of trafficking.", { date: "2009-05-01", id: "e" }),
    );
    expect([s.route, s.noteId, s.date]).toEqual(["during_contact_historical", "d", "2009-04-01"]);
  });

  it("orders by date, not by input order; undated notes come last", () => {
    const later = note("Referral from the Helen Bamber Foundation: survivor of trafficking.", { date: "2011-06-01", id: "later" });
    const earlier = note("?trafficked - will explore with an interpreter.", { date: "2010-02-01", id: "earlier" });
    const undated = note("Police have informed us that she is a victim of trafficking.", { date: "", id: "undated" });
    expect(suggest(undated, later, earlier).noteId).toBe("earlier");
  });

  it("records the evidence sentence, the cue in bold and its offsets in the note", () => {
    const text = "Seen with interpreter. Had a referral from the Salvation Army: he was trafficked for labour. Sleeps badly.";
    const s = suggest(note(text, { id: "x" }));
    expect(s.evidence).toBe("Had a referral from the Salvation Army: he was trafficked for labour.");
    expect(s.bold.map((b) => s.evidence.slice(b.start, b.end))).toEqual(["referral", "Salvation Army"]);
    expect(text.slice(s.start, s.end)).toBe("referral");
    expect(s.noteId).toBe("x");
  });

  it("says no-mention when no note mentions the patient's own trafficking", () => {
    expect(suggest(note("Stuck in traffic, late."), note("Convicted of drug trafficking."))).toMatchObject({ route: "unknown", rule: "no-mention", noteId: "", evidence: "" });
  });
});

/** [why, note text, note type, route, service, rule]: whole documents written for these tests. */
const DOCUMENTS: [string, string, string, string, string, string][] = [
  [
    "a practice letter whose sender is only in the letterhead; its body tells of recent events",
    "Hilltop Surgery\n2 Mill Lane\nLondon\n\n10 May 2010\n\nDear Colleague\n\nThis man came to see me last week, very frightened. He says he escaped a fortnight ago from a farm where he was trafficked and made to work without pay.\n\nYours sincerely\n\nDr ZZZZZ",
    "Correspondence",
    "other_service",
    "gp",
    "author.letterhead.other",
  ],
  [
    "a social worker's referral form",
    "REFERRAL FORM\nReferrer: ZZZZZ, Social Worker, Children's Services\nChild: ZZZZZ\nDOB: ZZZZZ\nReason for referral: we believe she was trafficked into the UK for domestic work; nightmares.",
    "Attachment",
    "other_service",
    "social_services",
    "author.sender-field.other",
  ],
  [
    "an officer's e-mail pasted into an event note",
    "Email below copied into notes:\n\nFrom: DC ZZZZZ (Metropolitan Police)\nSent: 3 March 2011\nTo: ZZZZZ\nSubject: your patient\n\nHi,\nI am the officer in the case. Your patient is a victim of trafficking and is a witness in our investigation.\nRegards\nDC ZZZZZ\n\nWill discuss at MDT.",
    "Event",
    "other_service",
    "police",
    "author.signoff.other",
  ],
  [
    "a letter from the emergency department signed by its doctor",
    "Dear Duty Psychiatrist\n\nThank you for seeing this young woman who came in after an overdose. She told me she had been trafficked and is still in touch with the people involved.\n\nKind regards\nDr ZZZZZ\nEmergency Department Registrar",
    "Correspondence",
    "other_service",
    "a_and_e",
    "author.addressee.mental-health",
  ],
  [
    "a solicitor's letter with its stock opening",
    "Dear Sirs\n\nWe are instructed by Mr ZZZZZ, who was trafficked to the UK in 2008, in his appeal. We would be grateful for a report on his mental health.\n\nYours faithfully\n\nZZZZZ Solicitors",
    "Correspondence",
    "other_service",
    "home_office_or_legal",
    "author.signoff.other",
  ],
  [
    "the team's assessment that names it only in the impression",
    "INITIAL ASSESSMENT\nHPC: Came to London at 17 with an older man who took her passport. Made to see men in a flat for two years. Left in 2007 with help from a neighbour.\nMSE: low mood, no psychosis.\nImpression: PTSD; history of trafficking for sexual exploitation.\nPlan: refer to psychology.",
    "Assessment",
    "during_contact_historical",
    "",
    "historical.assessment-impression",
  ],
  [
    "the team's assessment with recency in the history",
    "ASSESSMENT\nHistory: says she left the house where she was kept two weeks ago and is staying with a friend.\nImp: acute stress reaction in a recently trafficked woman.\nPlan: daily contact from HTT.",
    "Assessment",
    "during_contact_recent",
    "",
    "recent.time-in-part",
  ],
  [
    "the team's plan refers out after a disclosure",
    "Seen with interpreter. She disclosed that she had been trafficked from Albania in 2005.\nPlan: with consent refer to the Salvation Army; safeguarding adults referral; letter to GP.",
    "Event",
    "during_contact_historical",
    "",
    "historical.disclosure",
  ],
  [
    "the team's own clinic letter to the GP",
    "Dear Dr ZZZZZ\n\nRe: ZZZZZ\n\nI saw this lady in clinic today. She told me that she had been trafficked to the UK as a teenager.\n\nYours sincerely\n\nDr ZZZZZ\nConsultant Psychiatrist",
    "Correspondence",
    "during_contact_historical",
    "",
    "historical.disclosure",
  ],
  [
    "the team's reply to a referral under a letterhead naming one of its services",
    "Riverside Psychological Therapies Service\n1 Park Road\n\n4 June 2012\n\nDr ZZZZZ\nThe Health Centre\n\nDear Dr ZZZZZ\n\nThank you for referring this 31 year old woman, whom I saw on 1 June. She told me she was trafficked to the UK in 2004 and made to work in a nail bar for three years.\n\nYours sincerely\n\nZZZZZ\nClinical Psychologist",
    "Correspondence",
    "during_contact_historical",
    "",
    "historical.disclosure",
  ],
  [
    "the team's actions after a disclosure, under 'Actions taken'",
    "Seen today. She disclosed that she was trafficked from Romania in 2003 and kept in a flat for two years.\nActions taken:\n- Referral to adult social care made by phone; police to be informed with her consent.",
    "Event",
    "during_contact_historical",
    "",
    "historical.disclosure",
  ],
  [
    "a care plan review stating it as known",
    "CPA REVIEW\nBackground: survivor of trafficking, PTSD, on sertraline.\nCurrent: settled, attending college.",
    "Event",
    "unknown",
    "",
    "known.stated",
  ],
];

describe("suggestRoute: notes read as documents", () => {
  it.each(DOCUMENTS)("%s", (_why, text, type, route, service, rule) => {
    const s = suggest(note(text, { type }));
    expect([s.route, s.service, stepRule(s)]).toEqual([route, service, rule]);
  });

  it("keeps the document rule that named the writer and shows the writer's line beside the mention", () => {
    const s = suggest(note(DOCUMENTS[0][1], { type: "Correspondence" }));
    expect(s.rule).toBe("author.letterhead.other");
    expect(s.evidence).toMatch(/^Hilltop Surgery \| He says he escaped a fortnight ago from a farm where he was trafficked/);
    expect(s.bold.map((b) => s.evidence.slice(b.start, b.end))).toEqual(["Surgery", "trafficked"]);
  });

  it("names the team's own note rule before the step rule", () => {
    expect(suggest(note(DOCUMENTS[5][1], { type: "Assessment" })).rule).toBe("doc.note + historical.assessment-impression");
  });
});
