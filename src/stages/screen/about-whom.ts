import type { Span } from "../../text/context/sentences.js";

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
  rule: "coref.gender";
}

const SUBJECT_PRONOUN = /\b(she|he)\s+(?:(?:had|has|have|was|were|is|are|being|been|got|gets|get|later|then|also|allegedly|reportedly|subsequently|eventually|apparently|now|will|would|might|may|could|can|going|to|be)\s+){0,4}$/i;
const POSSESSIVE = /\b(her|his)\s+(?:own\s+)?$/i;

/** The gender of the pronoun that is the subject (or owner) of the mention: "… she was [trafficked]", "her [trafficking]". */
function pronounGender(text: string, clauseStart: number, hit: Span): Gender | undefined {
  const before = text.slice(clauseStart, hit.start);
  const m = SUBJECT_PRONOUN.exec(before) ?? POSSESSIVE.exec(before);
  if (!m) return undefined;
  return /^(?:she|her)$/i.test(m[1]) ? "female" : "male";
}

/**
 * Is a mention about someone other than the patient? Only when a subject or possessive pronoun governs the
 * hit ("he was trafficked", "his trafficking") and its gender is not the patient's, as the patients file
 * gives it. Nothing is guessed from the people named nearby: "she left … staying with a friend; we consider
 * that she has been trafficked" is about the patient, and a wrong guess would exclude her. `clauseStart` is
 * the start of the hit's clause. Pure.
 */
export function otherPersonByGender(text: string, clauseStart: number, hit: Span, patientGender: Gender | undefined): OtherPersonFinding | undefined {
  if (!patientGender) return undefined;
  const gender = pronounGender(text, clauseStart, hit);
  if (!gender || gender === patientGender) return undefined;
  return patientIsObject(text, hit, patientGender) ? undefined : { rule: "coref.gender" };
}

/** A pronoun just after the mention, as its object ("trafficked her", "trafficking of him"), and the word after that. */
const OBJECT_AFTER = /^\s+(?:of\s+)?(her|him|them|me)\b(?:\s+([a-z]+))?/i;
/** Words that make "her" or "his" an owner, not the one trafficked: "trafficked her sister". */
const RELATIVE = /^(?:sister|brother|daughter|son|mother|father|child|children|kids?|friend|cousin|niece|nephew|aunt|uncle|husband|wife|partner|boyfriend|girlfriend|family|baby|siblings?)$/i;

/**
 * Is the patient the object of the mention ("he trafficked her", "he is trafficking her", "his trafficking
 * of her" for a woman)? Then the pronoun before it is the trafficker, and the mention is about the
 * patient, not someone else. "Them" and "me" may take the patient in: the mention is left the patient's.
 */
function patientIsObject(text: string, hit: Span, patientGender: Gender): boolean {
  const m = OBJECT_AFTER.exec(text.slice(hit.end, hit.end + 40));
  if (!m) return false;
  const object = m[1].toLowerCase();
  if (object === "them" || object === "me") return true;
  if (object !== (patientGender === "female" ? "her" : "him")) return false;
  return !(object === "her" && m[2] && RELATIVE.test(m[2]));
}
