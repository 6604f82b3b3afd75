import { z } from "zod";

/** Ids of categories, services, groups, lexicons and rules: lower-case, stable, safe in CSV and workbooks. */
const id = z
  .string({ error: "expected an id" })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: "expected an id of lower-case letters, digits, '.', '_' or '-'" });
const text = z.string({ error: "expected a text" }).min(1, { error: "expected a non-empty text" });
/** A list of patterns in the stage-1 term language; `@name` splices a lexicon. */
const patterns = z.array(text, { error: "expected a list of patterns (term language, or @lexicon)" }).min(1, { error: "expected at least one pattern" });
const words = z
  .number({ error: "expected a whole number of words" })
  .int({ error: "expected a whole number of words" })
  .min(0, { error: "expected 0 or more words" })
  .max(60, { error: "expected at most 60 words" });
const side = z.enum(["before", "after", "either"], { error: "expected one of before, after, either" });

/** Where a rule looks in the note that first mentions the patient's trafficking. */
export const SCOPES = ["mention_sentence", "near_mention", "section", "part", "note", "note_start"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Something that must lie near the cue, in the same sentence: a service name (`service`, which then
 * names the informing service), a trafficking mention (`mention`), or a lexicon (`@name`).
 */
const nearSchema = z.strictObject({
  target: z.string({ error: 'expected "service", "mention" or "@lexicon"' }).regex(/^(?:service|mention|@[a-z0-9_.-]+)$/, { error: 'expected "service", "mention" or "@lexicon"' }),
  side,
  within: words,
  notAcross: patterns.optional(),
  notPrecededBy: patterns.optional(),
  /** Where the target may lie: the cue's sentence (default), or anywhere in its block (a sign-off, a letterhead, a section). */
  in: z.enum(["sentence", "block"], { error: "expected sentence or block" }).optional(),
});

/**
 * A veto: the cue does not count when one of these patterns lies within `within` words on `side` of it
 * (in the same sentence). With `awayFromMention`, only when the cue is not in a mention's own sentence.
 */
const unlessSchema = z.strictObject({
  patterns,
  side,
  within: words,
  awayFromMention: z.boolean({ error: "expected true or false" }).optional(),
});

/** Section ids of the documents rules (`history`, `impression`, `plan` …). */
const sections = z.array(id, { error: "expected a list of section ids" }).min(1, { error: "expected at least one section id" });

export const ruleSchema = z.strictObject({
  id,
  description: text,
  category: id,
  service: id.optional(),
  /** The procedure step the rule belongs to (an id of `procedure`). */
  step: id,
  /** The cue; absent, the trafficking mention itself is the cue (a rule about where the mention stands). */
  patterns: patterns.optional(),
  near: nearSchema.optional(),
  unless: z.array(unlessSchema, { error: "expected a list of vetoes" }).optional(),
  scope: z.enum(SCOPES, { error: `expected one of ${SCOPES.join(", ")}` }),
  noteTypes: z.array(text, { error: "expected a list of note types" }).optional(),
  /** The cue must lie in one of these sections. */
  sections: sections.optional(),
  /** The cue must not lie in any of these sections (the team's own plan is never how it learned). */
  notSections: sections.optional(),
  /** The note must have one of these sections (an assessment that narrates a history). */
  noteSections: sections.optional(),
  /** The cue must not be negated by the context rules ("no ongoing contact"). */
  notNegated: z.boolean({ error: "expected true or false" }).optional(),
  /** The cue does not count when one of these stands in the sentence of the mention it is near ("she told me …"). */
  unlessMention: patterns.optional(),
  /** The note must hold one of these patterns in one of these sections: an assessment that narrates the events. */
  noteHas: z.strictObject({ patterns, sections }).optional(),
});

/**
 * One step of the identification procedure. `author` is the built-in step that reads who wrote the
 * note (or the letter, e-mail or form in it) holding the first mention; every other step is the rules
 * that name it.
 */
export const stepSchema = z.strictObject({ id, description: text });

export const categorySchema = z.strictObject({
  id,
  label: text,
  definition: text,
  /** A reporting group the category belongs to (e.g. both during-contact categories). */
  group: id.optional(),
});

export const serviceSchema = z.strictObject({
  id,
  label: text,
  definition: text,
  /** Names that identify the service on their own. */
  names: patterns,
  /** Vaguer names, used only when no specific name of any service is near the cue. */
  generic: patterns.optional(),
});

/** The categories file (`categories.json`): the scheme of the directed content analysis, as data. */
export const categoriesSchema = z.strictObject({
  name: z.string({ error: "expected a text" }).optional(),
  description: z.string({ error: "expected a text" }).optional(),
  sources: z.array(z.string({ error: "expected a text" })).optional(),
  categories: z.array(categorySchema, { error: "expected a list of categories" }).min(2, { error: "expected at least two categories" }),
  groups: z.array(z.strictObject({ id, label: text, definition: text }), { error: "expected a list of groups" }).optional(),
  /** The category that takes sub-categories (the informing service). */
  serviceCategory: id,
  /** The category suggested when no rule fires. */
  fallback: id,
  services: z.array(serviceSchema, { error: "expected a list of services" }).min(1, { error: "expected at least one service" }),
  lexicons: z.record(id, patterns, { error: "expected lexicons: name → list of patterns" }).optional(),
  /** The procedure, in order: the first step with a firing decides. */
  procedure: z.array(stepSchema, { error: "expected a list of steps" }).min(1, { error: "expected at least one step" }),
  rules: z.array(ruleSchema, { error: "expected a list of rules" }).min(1, { error: "expected at least one rule" }),
});

export type CategoriesFile = z.output<typeof categoriesSchema>;
