import { z } from "zod";
import { AUTHOR_BLOCKS } from "./types.js";

const id = z
  .string({ error: "expected a rule id" })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: "expected a rule id of lower-case letters, digits, '.', '_' or '-'" });
const text = z.string({ error: "expected a text" }).min(1, { error: "expected a non-empty text" });
const note = z.string({ error: "expected a text" }).optional();
const labels = z.array(text, { error: "expected a list of labels" }).min(1, { error: "expected at least one label" });

/**
 * A line rule: a regular expression (JavaScript syntax, case-insensitive) tried on each line of a note,
 * trimmed. `@name` splices a lexicon as an alternation.
 */
const lineRule = z.strictObject({ id, pattern: text, note });

/**
 * A form title: a line rule whose named groups `sender` and `recipient` mark who issued the form and whom
 * it is for. With `wholeNote`, the titled document is the rest of the note (minutes or a report filed as a
 * note): its prose, numbered items and headings stay its text, not the team's.
 */
const formTitleRule = z.strictObject({ id, pattern: text, wholeNote: z.boolean({ error: "expected true or false" }).optional(), note });

/** A form field: the labels it goes by ("Referrer", "Referred by") and what its value says. */
const fieldRule = z.strictObject({
  id,
  labels,
  /** A regular expression for further labels of this field ("^referr(?:er|ing)\\b.*"), matched against the whole label. */
  labelPattern: text.optional(),
  /** `sender`: the value names who sent the form; `recipient`: whom it is for; `other`: anything else. */
  role: z.enum(["sender", "recipient", "signature", "other"], { error: "expected one of sender, recipient, signature, other" }),
  note,
});

/** A section heading: the section id and the headings that open it ("Imp", "Impression", "Formulation"). */
const sectionRule = z.strictObject({ id, label: text, headings: labels, note });

/** An e-mail header line ("From:", "Sent:", "To:"): `sender` names the writer, `recipient` whom it is for. */
const headerRule = z.strictObject({
  id,
  labels,
  role: z.enum(["sender", "recipient", "other"], { error: "expected one of sender, recipient, other" }),
  note,
});

/**
 * An authorship rule: when `pattern` matches inside `block` of a letter, e-mail, form or note, the part
 * was written by `says` (the mental health team, or another service). The first rule in file order that
 * matches decides.
 */
const authorRule = z.strictObject({
  id,
  says: z.enum(["team", "other"], { error: "expected team or other" }),
  block: z.enum(AUTHOR_BLOCKS, { error: `expected one of ${AUTHOR_BLOCKS.join(", ")}` }),
  pattern: text,
  note,
});

/** The documents file (`documents.json`): how letters, e-mails, forms and sections look, as data. */
export const documentsSchema = z.strictObject({
  name: z.string({ error: "expected a text" }).optional(),
  description: z.string({ error: "expected a text" }).optional(),
  sources: z.array(z.string({ error: "expected a text" })).optional(),
  lexicons: z.record(id, z.array(text, { error: "expected a list of patterns" }).min(1, { error: "expected at least one pattern" }), { error: "expected lexicons: name → list of patterns" }).optional(),
  salutations: z.array(lineRule, { error: "expected a list of line rules" }).min(1, { error: "expected at least one rule" }),
  closings: z.array(lineRule, { error: "expected a list of line rules" }).min(1, { error: "expected at least one rule" }),
  subjects: z.array(lineRule, { error: "expected a list of line rules" }),
  copies: z.array(lineRule, { error: "expected a list of line rules" }),
  dates: z.array(lineRule, { error: "expected a list of line rules" }),
  addressees: z.array(lineRule, { error: "expected a list of line rules" }),
  pastedIntros: z.array(lineRule, { error: "expected a list of line rules" }),
  formTitles: z.array(formTitleRule, { error: "expected a list of form-title rules" }),
  emailHeaders: z.array(headerRule, { error: "expected a list of header rules" }).min(2, { error: "expected at least two header rules" }),
  fields: z.array(fieldRule, { error: "expected a list of field rules" }),
  sections: z.array(sectionRule, { error: "expected a list of section rules" }),
  /** Sections whose heading ends a form: the team's own assessment starts there ("HPC", "MSE", "Impression"). */
  formEnds: z.array(id, { error: "expected a list of section ids" }).optional(),
  /** Words of an organisation or an address: two or more short lines at a note's top holding one are its letterhead. */
  letterheadWords: text.optional(),
  authorship: z.array(authorRule, { error: "expected a list of authorship rules" }).min(1, { error: "expected at least one rule" }),
});

export type DocumentsFile = z.output<typeof documentsSchema>;
