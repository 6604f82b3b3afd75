import { z } from "zod";
import { DELIMITER_SETTINGS } from "../io/csv/delimiter.js";
import { COLUMN_ROLES, ENCODINGS } from "../io/formats.js";
import { omopSchema } from "../io/omop/settings.js";

/**
 * A key of `columns`: a role, or the name a patients-file attribute takes in Table 1 (`ethnicity`,
 * `region_of_origin`). Lower case like the roles, so a mapping reads the same everywhere.
 */
export const COLUMN_KEY = /^[a-z][a-z0-9_]*$/;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The role a `columns` key that is no role was probably meant to be ("patient" for patient_id, "gendre"
 * for gender), so a typo is an error rather than an attribute nobody asked for; undefined for a plain
 * attribute name (`ethnicity`).
 */
export function misspeltRole(key: string): string | undefined {
  if ((COLUMN_ROLES as readonly string[]).includes(key)) return undefined;
  return COLUMN_ROLES.find((r) => (key.length >= 3 && r.startsWith(key)) || (key.length >= 4 && editDistance(key, r) <= 2));
}

const nonEmpty = z.string().min(1, { error: "expected a non-empty text" });

/** Where the notes come from: files (`notes`), or the `note` table of an OMOP CDM database (`omop`). */
export const SOURCES = ["files", "omop"] as const;

/**
 * The one schema of the study settings: the config file and the command-line flags are both checked
 * against it (flags are turned into the same shape first, see cli/options.ts). Unknown keys are errors,
 * so a typo never silently falls back to a default.
 */
export const configSchema = z.strictObject({
  notes: z.array(nonEmpty).min(1, { error: "expected at least one file or glob pattern" }).optional(),
  source: z.enum(SOURCES, { error: `expected one of ${SOURCES.join(", ")}` }).default("files"),
  omop: omopSchema.default({ schema: "public", noteTypes: "concept" }),
  patients: nonEmpty.optional(),
  encoding: z.enum(ENCODINGS, { error: `expected one of ${ENCODINGS.join(", ")}` }).default("auto"),
  columns: z
    .record(z.string().regex(COLUMN_KEY, { error: `expected a column role (${COLUMN_ROLES.join(", ")}) or an attribute name of lower-case letters, digits and _` }), nonEmpty, {
      error: 'expected an object of roles and your column names, like {"patient_id": "BrcId"}',
    })
    .superRefine((columns, ctx) => {
      for (const key of Object.keys(columns)) {
        const role = misspeltRole(key);
        if (role) ctx.addIssue({ code: "custom", path: [key], message: `unknown key (did you mean ${role}? any other name maps a patients-file attribute for Table 1)` });
      }
    })
    .default({}),
  delimiter: z
    .enum(DELIMITER_SETTINGS, { error: `expected auto, comma, semicolon, tab or pipe (or the character itself: , ; |)` })
    .default("auto"),
  preset: nonEmpty.optional(),
  terms: nonEmpty.optional(),
  contextRules: nonEmpty.optional(),
  categories: nonEmpty.optional(),
  documents: nonEmpty.optional(),
  codebook: nonEmpty.optional(),
  topic: nonEmpty.optional(),
  table1: nonEmpty.optional(),
  out: nonEmpty.default("notes-analyse-out"),
  seed: z
    .number({ error: "expected a whole number" })
    .int({ error: "expected a whole number" })
    .min(0, { error: "expected a whole number ≥ 0" })
    .default(2015),
  sampling: z
    .strictObject({
      first: z.number({ error: "expected a whole number" }).int({ error: "expected a whole number" }).min(0, { error: "expected a whole number ≥ 0" }).default(10),
      fraction: z
        .number({ error: "expected a number between 0 and 1" })
        .min(0, { error: "expected 0–1 (use 0.1 for 10%)" })
        .max(1, { error: "expected 0–1 (use 0.1 for 10%)" })
        .default(0.1),
    })
    .default({ first: 10, fraction: 0.1 }),
  childAgeCutoff: z.number({ error: "expected an age in years" }).positive({ error: "expected an age in years above 0" }).max(120, { error: "expected an age in years up to 120" }).default(18),
  kwicWidth: z.number({ error: "expected a number of characters" }).int().min(10, { error: "expected at least 10 characters" }).max(1000, { error: "expected at most 1000 characters" }).default(80),
  rank: z.boolean({ error: "expected true or false" }).default(false),
  backups: z.number({ error: "expected a whole number" }).int({ error: "expected a whole number" }).min(1, { error: "expected at least 1 (a replaced workbook always keeps a backup)" }).max(1000, { error: "expected at most 1000" }).default(5),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
