import { z } from "zod";
import { REASON_KINDS } from "./reasons.js";
import { CATEGORIES, DIRECTIONS } from "./types.js";

const id = z
  .string({ error: "expected a rule id" })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: "expected a rule id of lower-case letters, digits, '.', '_' or '-'" });
const text = z.string({ error: "expected a text" }).min(1, { error: "expected a non-empty text" });
const words = z
  .number({ error: "expected a whole number of words" })
  .int({ error: "expected a whole number of words" })
  .min(0, { error: "expected 0 or more words" })
  .max(100, { error: "expected at most 100 words" });

/**
 * A regular expression the hit itself must match for the rule to apply (case-insensitive): "^(?!trafficked$)"
 * keeps a sentence-wide drug cue off a victim's "was trafficked".
 */
const hit = text.optional();

/**
 * A reason id: it is what a rater picks in the workbook's drop-down and what flow.csv counts, so
 * lower-case letters, digits, '_' and '-' only (no ',' or quote to break a drop-down list).
 */
const reasonId = z
  .string({ error: "expected a reason id" })
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "expected a reason id of lower-case letters, digits, '_' or '-'" });

/** A sense rule or frame names a reason of kind meaning or interest; which ones exist is checked on compile. */
const sense = z.string({ error: "expected the id of a reason of kind meaning or interest" });

/** One exclusion reason: its id, the label the report shows, its kind, and what it covers. */
export const reasonSchema = z.strictObject({
  id: reasonId,
  label: text,
  kind: z.enum(REASON_KINDS, { error: `expected one of ${REASON_KINDS.join(", ")}` }),
  description: z.string({ error: "expected a text" }).optional(),
});

/** Section ids of the documents rules: the rule applies only to a mention under one of these headings ("mse"). */
const sections = z.array(id, { error: "expected a list of section ids" }).min(1, { error: "expected at least one section id" }).optional();

/** One ConText trigger: a literal phrase or a regular expression, what it sets, and which way it looks. */
export const triggerSchema = z.strictObject({
  id,
  literal: text.optional(),
  pattern: text.optional(),
  category: z.enum([...CATEGORIES, "ANY"], { error: `expected one of ${[...CATEGORIES, "ANY"].join(", ")}` }),
  direction: z.enum(DIRECTIONS, { error: `expected one of ${DIRECTIONS.join(", ")}` }),
  scope: words.min(1, { error: "expected 1 or more words" }).optional(),
  /** For a pseudo trigger: a mention it shields says nothing either way ("declined an NRM referral"). */
  neutral: z.boolean({ error: "expected true or false" }).optional(),
  /**
   * For an UNCERTAIN trigger: it names a question asked (a screen, a checklist), not a doubt, so a negation
   * bearing directly on the mention answers it ("no indicators of trafficking – question closed").
   */
  asks: z.boolean({ error: "expected true or false" }).optional(),
  note: z.string({ error: "expected a text" }).optional(),
});

/**
 * One exclusion-sense rule: a regular expression (or literal) matched near the hit, within `window` words
 * (0 = touching), on one `side` of it (default either), for hits that match `hit` (default every hit).
 */
export const senseSchema = z.strictObject({
  id,
  sense,
  literal: text.optional(),
  pattern: text.optional(),
  window: z.union([words, z.literal("sentence")], { error: 'expected a whole number of words (0–100) or "sentence"' }),
  side: z.enum(["before", "after", "either"], { error: "expected one of before, after, either" }).optional(),
  hit,
  /** The rule does not apply when the text right after the hit matches this (case-insensitive): "^\\s+(?:her|him)\\b" keeps "trafficking her" the patient's. */
  unlessAfter: text.optional(),
  sections,
  note: z.string({ error: "expected a text" }).optional(),
});

const framePart = z.strictObject({
  literal: text.optional(),
  pattern: text.optional(),
  window: z.union([words, z.literal("sentence")], { error: 'expected a whole number of words (0–100) or "sentence"' }),
});

/**
 * One frame: a cue before the mention and/or a cue after it, each within its own `window` of words, that
 * together say something about the mention ("asked whether she had been trafficked … said no"). A frame
 * sets a context `category` or names a `sense`; the author bounds it with the windows, so terminators
 * between a cue and the mention do not stop it.
 */
export const frameSchema = z.strictObject({
  id,
  category: z.enum(CATEGORIES, { error: `expected one of ${CATEGORIES.join(", ")}` }).optional(),
  sense: sense.optional(),
  before: framePart.optional(),
  after: framePart.optional(),
  hit,
  /** The rule does not apply when the text right after the hit matches this (case-insensitive): "^\\s+(?:her|him)\\b" keeps "trafficking her" the patient's. */
  unlessAfter: text.optional(),
  sections,
  note: z.string({ error: "expected a text" }).optional(),
});

/**
 * A statement that settles an open query without repeating the case-finding term ("Explored: no
 * indicators.", "concerns not substantiated"), or one by which the team disputes another agency's
 * outcome ("we remain concerned").
 */
const statementSchema = z.strictObject({
  id,
  literal: text.optional(),
  pattern: text.optional(),
  /**
   * How far an outcome reaches: `note` settles only a query earlier in the same note (a bare "no indicators"
   * could be about anything later on); `later` also one in an earlier note (it names the topic or points back
   * to the query: "explored and ruled out", "these concerns were not substantiated"). Default `note`.
   */
  reach: z.enum(["note", "later"], { error: "expected note or later" }).optional(),
  note: z.string({ error: "expected a text" }).optional(),
});

/**
 * Who a mention is about: with `byGender`, a subject or possessive pronoun governing a mention ("he was
 * trafficked") whose gender is not the patient's (from the patients file) makes it about someone else.
 */
const coreferenceSchema = z.strictObject({
  byGender: z.boolean({ error: "expected true or false" }),
  note: z.string({ error: "expected a text" }).optional(),
});

/** The context-rules file (`context-rules.json`). */
export const contextRulesSchema = z.strictObject({
  name: z.string({ error: "expected a text" }).optional(),
  description: z.string({ error: "expected a text" }).optional(),
  sources: z.array(z.string({ error: "expected a text" })).optional(),
  /**
   * Exclusion reasons in tie-break order (the commonest reason among a patient's mentions wins; ties go
   * to the earlier). Absent: the six reasons of the south-london-2015 study.
   */
  reasons: z.array(reasonSchema, { error: "expected a list of reasons" }).optional(),
  maxScope: words.min(1, { error: "expected 1 or more words" }),
  linkWords: z
    .array(z.string({ error: "expected a word" }).regex(/^[a-z0-9']+$/, { error: "expected one lower-case word" }), { error: "expected a list of words" })
    .optional(),
  triggers: z.array(triggerSchema, { error: "expected a list of triggers" }),
  senses: z.array(senseSchema, { error: "expected a list of sense rules" }),
  frames: z.array(frameSchema, { error: "expected a list of frames" }).optional(),
  outcomes: z.array(statementSchema, { error: "expected a list of statements" }).optional(),
  disputes: z.array(statementSchema, { error: "expected a list of statements" }).optional(),
  affirmations: z.array(statementSchema, { error: "expected a list of statements" }).optional(),
  coreference: coreferenceSchema.optional(),
});

export type FrameRule = z.output<typeof frameSchema>;
export type ContextRulesFile = z.output<typeof contextRulesSchema>;
