import { z } from "zod";

/** Column names a notes export must provide, and the optional ones. */
export const NOTE_COLUMNS = ["patient_id", "note_id", "date", "text", "note_type"] as const;
export type NoteColumn = (typeof NOTE_COLUMNS)[number];

export const ENCODINGS = ["auto", "utf-8", "windows-1252"] as const;
export type Encoding = (typeof ENCODINGS)[number];

const nonEmpty = z.string().min(1, { error: "expected a non-empty text" });

/**
 * The one schema of the study settings: the config file and the command-line flags are both checked
 * against it (flags are turned into the same shape first, see cli/options.ts). Unknown keys are errors,
 * so a typo never silently falls back to a default.
 */
export const configSchema = z.strictObject({
  notes: z.array(nonEmpty).min(1, { error: "expected at least one file or glob pattern" }).optional(),
  patients: nonEmpty.optional(),
  encoding: z.enum(ENCODINGS, { error: `expected one of ${ENCODINGS.join(", ")}` }).default("auto"),
  columns: z
    .strictObject({
      patient_id: nonEmpty.optional(),
      note_id: nonEmpty.optional(),
      date: nonEmpty.optional(),
      text: nonEmpty.optional(),
      note_type: nonEmpty.optional(),
    })
    .default({}),
  preset: nonEmpty.optional(),
  terms: nonEmpty.optional(),
  contextRules: nonEmpty.optional(),
  categories: nonEmpty.optional(),
  codebook: nonEmpty.optional(),
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
  showText: z.boolean({ error: "expected true or false" }).default(false),
  backups: z.number({ error: "expected a whole number" }).int({ error: "expected a whole number" }).min(1, { error: "expected at least 1 (a replaced workbook always keeps a backup)" }).max(1000, { error: "expected at most 1000" }).default(5),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
