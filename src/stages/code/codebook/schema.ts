import { z } from "zod";

/** Groups a code can apply to (SPEC §3: a patient's group; `unknown` patients get every code). */
export const CODE_GROUPS = ["adult", "child"] as const;

const id = z
  .string({ error: "expected an id" })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: "expected an id of lower-case letters, digits, '.', '_' or '-' (e.g. instability.accommodation)" });
const text = z.string({ error: "expected a text" }).min(1, { error: "expected a non-empty text" });
const groups = z
  .array(z.enum(CODE_GROUPS, { error: `expected one of ${CODE_GROUPS.join(", ")}` }), { error: `expected a list of groups, e.g. ["adult", "child"]` })
  .min(1, { error: "expected at least one group (leave the key out to apply to every group)" });
const patterns = z.array(text, { error: 'expected a list of patterns, e.g. ["hostel*", "no fixed abode", "stem:evict"]' });
const color = z.string({ error: "expected a colour" }).regex(/^#[0-9A-Fa-f]{6}$/, { error: "expected a colour like #1F77B4" });

/** One code (sub-theme): what it means for a coder, and the patterns that suggest it. */
export const codeSchema = z.strictObject({
  id,
  label: text,
  description: text,
  inclusion: text.optional(),
  exclusion: text.optional(),
  example: text.optional(),
  groups: groups.optional(),
  /** Term-language patterns (stage 1 syntax) or `stem:` patterns; any match suggests the code. */
  patterns: patterns.default([]),
  /** Patterns that cancel a suggestion when they occur in the same sentence as the match. */
  unless: patterns.default([]),
});

/** One theme: a label, and the codes under it. */
export const themeSchema = z.strictObject({
  id,
  label: text,
  description: text,
  groups: groups.optional(),
  color: color.optional(),
  codes: z.array(codeSchema, { error: "expected a list of codes" }),
});

/** A codebook file (`codebook.json`). */
export const codebookSchema = z.strictObject({
  name: text,
  /** The question the theme map puts in its centre. */
  question: text,
  description: text.optional(),
  source: text.optional(),
  themes: z.array(themeSchema, { error: "expected a list of themes" }).min(1, { error: "expected at least one theme" }),
});

export type CodebookFile = z.output<typeof codebookSchema>;
export type ThemeFile = z.output<typeof themeSchema>;
export type CodeFile = z.output<typeof codeSchema>;
