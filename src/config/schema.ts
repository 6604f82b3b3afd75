import { z } from "zod";
import { DELIMITER_SETTINGS } from "../io/csv/delimiter.js";

/** Column names a notes export must provide, and the optional ones. */
export const NOTE_COLUMNS = ["patient_id", "note_id", "date", "text", "note_type"] as const;
export type NoteColumn = (typeof NOTE_COLUMNS)[number];

/** Columns of the patients file that the tool reads by role (others are kept as attributes). */
export const PATIENT_COLUMNS = ["gender", "age_at_first_contact", "date_of_birth", "first_contact_date", "region_of_origin", "exploitation_type", "referral_route"] as const;
export type PatientColumn = "patient_id" | (typeof PATIENT_COLUMNS)[number];

/** Every role `columns` may map: the notes' columns, then the patients file's (patient_id serves both). */
export const COLUMN_ROLES = [...NOTE_COLUMNS, ...PATIENT_COLUMNS] as const;

export const ENCODINGS = ["auto", "utf-8", "windows-1252"] as const;
export type Encoding = (typeof ENCODINGS)[number];

const nonEmpty = z.string().min(1, { error: "expected a non-empty text" });

/** Where the notes come from: files (`notes`), or the `note` table of an OMOP CDM database (`omop`). */
export const SOURCES = ["files", "omop"] as const;
export type Source = (typeof SOURCES)[number];

const sqlName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, { error: "expected a schema name (letters, digits, _ and $, not starting with a digit)" });

/** Settings of an OMOP CDM source in PostgreSQL. */
const omopSchema = z.strictObject({
  url: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "expected a postgresql:// URL (or leave it out to use the PGHOST, PGUSER, PGDATABASE … environment variables)" })
    .optional(),
  schema: sqlName.default("public"),
  vocabularySchema: sqlName.optional(),
  noteTypes: z
    .union([z.literal("concept"), z.record(z.string().regex(/^-?\d+$/, { error: "expected a concept id" }), z.string())], {
      error: 'expected "concept" or an object of concept ids and labels, like {"32831": "Discharge summary"}',
    })
    .default("concept"),
});
export type OmopSettings = z.output<typeof omopSchema>;

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
    .strictObject(Object.fromEntries(COLUMN_ROLES.map((r) => [r, nonEmpty.optional()])) as Record<(typeof COLUMN_ROLES)[number], z.ZodOptional<typeof nonEmpty>>)
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
  rank: z.boolean({ error: "expected true or false" }).default(false),
  backups: z.number({ error: "expected a whole number" }).int({ error: "expected a whole number" }).min(1, { error: "expected at least 1 (a replaced workbook always keeps a backup)" }).max(1000, { error: "expected at most 1000" }).default(5),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
