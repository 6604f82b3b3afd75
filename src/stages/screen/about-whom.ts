import type { Span } from "./context/sentences.js";
import type { CompiledCoreference } from "./context/types.js";

/** The patient's gender as the patients file gives it, when it says. */
export type Gender = "female" | "male";

/** Read a patients-file gender cell ("F", "Female", "woman", "M" …); undefined when it does not say. */
export function genderOf(value: string | undefined): Gender | undefined {
  const v = (value ?? "").trim().toLowerCase();
  if (/^(?:f|female|woman|girl)$/.test(v)) return "female";
  if (/^(?:m|male|man|boy)$/.test(v)) return "male";
  return undefined;
}

/** Why a mention is taken to be about someone else, across sentences. */
export interface OtherPersonFinding {
  rule: "coref.gender" | "coref.antecedent";
  /** The person it is about, when named earlier (offsets into the note). */
  antecedent?: Span;
}

const SUBJECT_PRONOUN = /\b(she|he)\s+(?:(?:had|has|have|was|were|is|are|being|been|got|gets|get|later|then|also|allegedly|reportedly|subsequently|eventually|apparently|now|will|would|might|may|could|can|going|to|be)\s+){0,4}$/i;
const POSSESSIVE = /\b(her|his)\s+(?:own\s+)?$/i;

/** The pronoun that is the subject (or owner) of the mention, with its gender: "… she was [trafficked]", "her [trafficking]". */
function pronounOf(text: string, clauseStart: number, hit: Span): { gender: Gender; at: number } | undefined {
  const before = text.slice(clauseStart, hit.start);
  const m = SUBJECT_PRONOUN.exec(before) ?? POSSESSIVE.exec(before);
  if (!m) return undefined;
  return { gender: /^(?:she|her)$/i.test(m[1]) ? "female" : "male", at: clauseStart + m.index };
}

const regexAll = (re: RegExp, s: string): RegExpExecArray[] => {
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0].length === 0) re.lastIndex++;
    else out.push(m);
  }
  return out;
};

/**
 * Is a mention about someone other than the patient, read across the sentences of its note? A light
 * coreference, not a guess: it looks only at a subject or possessive pronoun governing the hit ("she was
 * trafficked", "his trafficking"), and says another person when
 * - the pronoun's gender is not the patient's (the patients file says who the patient is), or
 * - the nearest person introduced before it in the same or the previous sentence of the same part ("her
 *   younger sister", "a girl from the hostel") has the pronoun's gender, nothing between names the patient
 *   again, and neither sentence has the patient as the object of someone moving, selling or holding her
 *   ("her aunt brought her to London; she was trafficked" stays the patient's).
 * `sentences` are the note's, in order; `clause` the start of the hit's clause. Pure.
 */
export function otherPersonAcross(
  text: string,
  sentences: readonly Span[],
  sentenceIndex: number,
  clauseStart: number,
  hit: Span,
  coref: CompiledCoreference,
  patientGender: Gender | undefined,
  samePart: (offset: number) => boolean,
): OtherPersonFinding | undefined {
  const pronoun = pronounOf(text, clauseStart, hit);
  if (!pronoun) return undefined;
  if (patientGender && pronoun.gender !== patientGender) return { rule: "coref.gender" };
  const sentence = sentences[sentenceIndex];

  const prev = sentenceIndex > 0 && samePart(sentences[sentenceIndex - 1].start) ? sentences[sentenceIndex - 1] : undefined;
  const from = prev ? prev.start : sentence.start;
  const window = text.slice(from, pronoun.at);
  if (regexAll(coref.agentOfPatient, text.slice(from, sentence.end)).length > 0) return undefined;
  const people = regexAll(coref.person, window).filter((m) => {
    const np = m[0];
    const female = coref.female.test(np);
    coref.female.lastIndex = 0;
    const male = coref.male.test(np);
    coref.male.lastIndex = 0;
    return pronoun.gender === "female" ? female || !male : male || !female;
  });
  const last = people[people.length - 1];
  if (!last) return undefined;
  const after = window.slice(last.index + last[0].length);
  if (regexAll(coref.patient, after).length > 0) return undefined;
  // Another pronoun between, of the same gender, that is not a subject chain back to the person is the patient's.
  if (/\b(?:her|him|his)\b/i.test(after) && pronoun.gender === genderWord(after)) return undefined;
  return { rule: "coref.antecedent", antecedent: { start: from + last.index, end: from + last.index + last[0].length } };
}

/** The gender of the first object or possessive pronoun in a stretch, if any. */
function genderWord(s: string): Gender | undefined {
  const m = /\b(her|him|his)\b/i.exec(s);
  if (!m) return undefined;
  return m[1].toLowerCase() === "her" ? "female" : "male";
}
