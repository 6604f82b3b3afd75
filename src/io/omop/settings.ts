import { z } from "zod";

const sqlName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, { error: "expected a schema name (letters, digits, _ and $, not starting with a digit)" });

/** Settings of an OMOP CDM source in PostgreSQL. */
export const omopSchema = z.strictObject({
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
