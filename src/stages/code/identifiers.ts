/**
 * A check for identifiers that escaped de-identification, run on every quote before it can be
 * published: names after a title, dates of birth, NHS numbers with a valid check digit, UK postcodes,
 * UK phone numbers and e-mail addresses. It flags; it never edits (a person decides).
 */

export type IdentifierKind = "name_after_title" | "date_of_birth" | "nhs_number" | "postcode" | "phone" | "email";

export interface IdentifierFlag {
  kind: IdentifierKind;
  start: number;
  end: number;
}

/** Masks that de-identification leaves in place of a name (CRIS writes ZZZZZ). */
const MASK = /^(?:Z{3,}|X{3,}|\*{3,}|_{3,}|#{3,}|\[[A-Z _-]+\]|<[A-Z _-]+>)$/;
/** Words that follow a title without being a name. */
const NOT_A_NAME = new Set(["and", "or", "the", "to", "of", "in", "on", "at", "was", "is", "has", "had", "said", "says", "who", "will", "would", "as", "for", "with", "from", "re", "also"]);

const TITLE_NAME = /\b([Mm]rs?|[Mm]s|[Mm]iss|[Mm]x|[Dd]r|[Pp]rof(?:essor)?|Sister|Nurse)\.?[ \t]+([A-Z][\p{L}'’-]*(?:[ \t]+[A-Z][\p{L}'’-]*)?)/gu;
const DATE = String.raw`(?:\d{1,2}[\/.-]\d{1,2}[\/.-](?:\d{4}|\d{2})|\d{1,2}(?:st|nd|rd|th)?[ ]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ,]+\d{4}|\d{4}-\d{2}-\d{2})`;
const DOB = new RegExp(String.raw`\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?|birth ?date)\b[\s:=-]*(?:is[ \t]+|was[ \t]+)?(${DATE})`, "gi");
const NHS = /(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])/g;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?|\d[A-HJKPS-UW]) ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
const PHONE = /(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)\d{2,4}\)?[ \t-]?\d{3,4}[ \t-]?\d{3,4}(?![\d/])/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;

/** NHS numbers: ten digits whose last is the modulus-11 check digit of the first nine (weights 10…2). */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function all(re: RegExp, text: string): RegExpExecArray[] {
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m);
  return out;
}

/** Every identifier-like span in a text, in text order. Pure. */
export function findIdentifiers(text: string): IdentifierFlag[] {
  const flags: IdentifierFlag[] = [];
  for (const m of all(TITLE_NAME, text)) {
    const words = m[2].split(/[ \t]+/);
    if (NOT_A_NAME.has(words[0].toLowerCase()) || words.every((w) => MASK.test(w))) continue;
    const start = m.index + m[0].length - m[2].length;
    flags.push({ kind: "name_after_title", start, end: m.index + m[0].length });
  }
  for (const m of all(DOB, text)) flags.push({ kind: "date_of_birth", start: m.index, end: m.index + m[0].length });
  const nhs = all(NHS, text).filter((m) => validNhsNumber(m[1] + m[2] + m[3]));
  for (const m of nhs) flags.push({ kind: "nhs_number", start: m.index, end: m.index + m[0].length });
  for (const m of all(POSTCODE, text)) flags.push({ kind: "postcode", start: m.index, end: m.index + m[0].length });
  for (const m of all(PHONE, text)) {
    const digits = m[0].replace(/^\+44[ \t]?(?:\(0\))?/, "0").replace(/\D/g, "").length;
    if (digits < 10 || digits > 11) continue;
    const overlapsNhs = nhs.some((n) => n.index < m.index + m[0].length && m.index < n.index + n[0].length);
    if (!overlapsNhs) flags.push({ kind: "phone", start: m.index, end: m.index + m[0].length });
  }
  for (const m of all(EMAIL, text)) flags.push({ kind: "email", start: m.index, end: m.index + m[0].length });
  return flags.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Flags as a cell: `kind@start-end; …` (offsets into the quote, never the identifier itself). */
export function formatFlags(flags: readonly IdentifierFlag[]): string {
  return flags.map((f) => `${f.kind}@${f.start}-${f.end}`).join("; ");
}
