import { z } from "zod";
import { UserError } from "../core/errors.js";
import { readJsonFile } from "../io/read-json.js";

const text = z.string({ error: "expected a text" }).min(1, { error: "expected a non-empty text" });
const show = z.enum(["always", "if_present"], { error: "expected always or if_present" });
const years = z.number({ error: "expected a whole number of years" }).int({ error: "expected a whole number of years" }).min(0, { error: "expected 0 or more years" }).max(130, { error: "expected at most 130 years" });

/** One category of a characteristic: its label, the values that count as it (any case), and when it shows. */
const categorySchema = z.strictObject({
  label: text,
  /** Values in the patients file that count as this category, besides the label itself (any case). */
  values: z.array(text, { error: "expected a list of values" }).optional(),
  /** `always` (default) keeps the row when nobody is in it, so the table keeps its shape. */
  show: show.optional(),
});

/** What counts as missing: empty cells, "Unknown" and `values`, shown under `label`. */
const missingSchema = z.strictObject({
  label: text.optional(),
  values: z.array(text, { error: "expected a list of values" }).optional(),
  /** `if_present` (default) shows the row only when someone is missing. */
  show: show.optional(),
});

const bandSchema = z.strictObject({
  label: text,
  from: years,
  /** Inclusive upper bound in completed years; absent for the open last band ("34+"). */
  to: years.optional(),
  show: show.optional(),
});

/**
 * One row group of Table 1: a patient attribute (`column`: a column of the patients file as named after
 * the config's `columns` mapping, e.g. `gender`, `ethnicity`) with its categories, or the age at first
 * contact (`age: true`) with its bands and, optionally, the mean (SD, range).
 */
const rowSchema = z.strictObject({
  column: text.optional(),
  age: z.literal(true, { error: "expected true" }).optional(),
  label: text,
  categories: z.array(categorySchema, { error: "expected a list of categories" }).optional(),
  /** Values not listed go, alphabetically, before this category (default: after the listed ones). */
  othersBefore: text.optional(),
  missing: missingSchema.optional(),
  bands: z.array(bandSchema, { error: "expected a list of age bands" }).min(1, { error: "expected at least one age band" }).optional(),
  mean: z.boolean({ error: "expected true or false" }).optional(),
  meanLabel: text.optional(),
  note: z.string({ error: "expected a text" }).optional(),
});

/** The Table 1 file (`table1.json`). */
export const table1SpecSchema = z.strictObject({
  name: z.string({ error: "expected a text" }).optional(),
  description: z.string({ error: "expected a text" }).optional(),
  sources: z.array(z.string({ error: "expected a text" })).optional(),
  rows: z.array(rowSchema, { error: "expected a list of rows" }).min(1, { error: "expected at least one row" }),
});

export interface CategoryRule {
  label: string;
  /** Lower-case values that count as this category, the label's own included. */
  values: ReadonlySet<string>;
  always: boolean;
}

/** A characteristic of Table 1 made of a patient attribute's categories. */
export interface AttributeRow {
  kind: "attribute";
  column: string;
  label: string;
  categories: readonly CategoryRule[];
  /** Index in `categories` before which values not listed go. */
  othersAt: number;
  missing: { label: string; values: ReadonlySet<string>; always: boolean };
}

export interface AgeBand {
  label: string;
  from: number;
  /** Inclusive upper bound in whole years; null for the open band. */
  to: number | null;
  always: boolean;
}

/** Age at first contact in bands (completed years), Unknown when anyone has no age, then the mean. */
export interface AgeRow {
  kind: "age";
  label: string;
  bands: readonly AgeBand[];
  missing: { label: string; always: boolean };
  /** The mean row's label, or null for none. */
  mean: string | null;
}

export interface Table1Spec {
  rows: readonly (AttributeRow | AgeRow)[];
}

const UNKNOWN = "Unknown";
export const MEAN_AGE_LABEL = "Mean (SD, range)";

/** The patients-file column that holds gender (the one attribute the tool also reads by role). */
export const GENDER_COLUMN = "gender";

/** The rows a study gets with no Table 1 file: gender and age, in the study's bands. */
export const DEFAULT_TABLE1: unknown = {
  rows: [
    {
      column: GENDER_COLUMN,
      label: "Gender",
      categories: [
        { label: "Female", values: ["f", "woman"] },
        { label: "Male", values: ["m", "man"] },
      ],
    },
    {
      age: true,
      label: "Age at first contact (years)",
      bands: [
        { label: "0–3", from: 0, to: 3, show: "if_present" },
        { label: "4–7", from: 4, to: 7, show: "if_present" },
        { label: "8–11", from: 8, to: 11 },
        { label: "12–15", from: 12, to: 15 },
        { label: "16–17", from: 16, to: 17 },
        { label: "18–25", from: 18, to: 25 },
        { label: "26–33", from: 26, to: 33 },
        { label: "34+", from: 34 },
      ],
      mean: true,
    },
  ],
};

const at = (source: string, i: number, row: { label?: string }, field?: string) => `${source} › rows[${i}]${row.label ? ` "${row.label}"` : ""}${field ? ` › ${field}` : ""}`;

function compileAttribute(row: z.output<typeof rowSchema>, i: number, source: string): AttributeRow {
  if (row.bands || row.mean !== undefined || row.meanLabel) throw new UserError(`${at(source, i, row)}: bands and mean are for the age row ("age": true); remove them`);
  const seen = new Map<string, string>();
  const categories = (row.categories ?? []).map((c, j): CategoryRule => {
    const values = new Set([c.label, ...(c.values ?? [])].map((v) => v.trim().toLowerCase()));
    for (const v of values) {
      if (seen.has(v)) throw new UserError(`${at(source, i, row, `categories[${j}]`)}: the value "${v}" already counts as ${seen.get(v)}; list it once`);
      seen.set(v, c.label);
    }
    return { label: c.label, values, always: (c.show ?? "always") === "always" };
  });
  let othersAt = categories.length;
  if (row.othersBefore !== undefined) {
    othersAt = categories.findIndex((c) => c.label === row.othersBefore);
    if (othersAt < 0) throw new UserError(`${at(source, i, row, "othersBefore")}: expected the label of one of the row's categories (${categories.map((c) => c.label).join(", ") || "none listed"})`);
  }
  const label = row.missing?.label ?? UNKNOWN;
  const missing = new Set([label, UNKNOWN, ...(row.missing?.values ?? [])].map((v) => v.trim().toLowerCase()));
  for (const v of missing) if (seen.has(v)) throw new UserError(`${at(source, i, row, "missing")}: "${v}" is both missing and the category ${seen.get(v)}; keep one`);
  return { kind: "attribute", column: row.column!, label: row.label, categories, othersAt, missing: { label, values: missing, always: row.missing?.show === "always" } };
}

function compileAge(row: z.output<typeof rowSchema>, i: number, source: string): AgeRow {
  if (row.column !== undefined || row.categories || row.othersBefore) throw new UserError(`${at(source, i, row)}: the age row takes bands, not a column or categories; remove them`);
  if (row.missing?.values) throw new UserError(`${at(source, i, row, "missing.values")}: an age is missing when it is not given; remove values`);
  const bands = (row.bands ?? []).map((b): AgeBand => ({ label: b.label, from: b.from, to: b.to ?? null, always: (b.show ?? "always") === "always" }));
  if (bands.length === 0) throw new UserError(`${at(source, i, row, "bands")}: expected the age bands, e.g. [{"label": "18–25", "from": 18, "to": 25}, …, {"label": "65+", "from": 65}]`);
  // Every age must land in one band: contiguous from 0, the last one open.
  let next = 0;
  bands.forEach((b, j) => {
    const where = at(source, i, row, `bands[${j}] "${b.label}"`);
    if (b.from !== next) throw new UserError(`${where} › from: expected ${next} (bands run on from 0 with no gap or overlap, so every age has one)`);
    if (b.to === null && j < bands.length - 1) throw new UserError(`${where} › to: only the last band may be open; give its upper age`);
    if (b.to !== null && b.to < b.from) throw new UserError(`${where} › to: expected ${b.from} or more`);
    next = (b.to ?? 0) + 1;
  });
  if (bands[bands.length - 1].to !== null) throw new UserError(`${at(source, i, row, `bands[${bands.length - 1}]`)} › to: the last band must be open (leave out "to"), so no age falls outside the bands`);
  return { kind: "age", label: row.label, bands, missing: { label: row.missing?.label ?? UNKNOWN, always: row.missing?.show === "always" }, mean: row.mean ? (row.meanLabel ?? MEAN_AGE_LABEL) : null };
}

/** Validate a Table 1 file (already parsed from JSON) and compile it. Errors name the file, row and field. Pure. */
export function compileTable1Spec(raw: unknown, source = "table1.json"): Table1Spec {
  const parsed = table1SpecSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(
      parsed.error.issues
        .map((issue) => {
          const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
          const what = issue.code === "unrecognized_keys" ? `unknown key ${issue.keys.join(", ")} (remove it or check its spelling)` : issue.message;
          return `${source} › ${path || "(top level)"}: ${what}`;
        })
        .join("\n"),
    );
  }
  const columns = new Set<string>();
  let ages = 0;
  const rows = parsed.data.rows.map((row, i) => {
    if ((row.column === undefined) === (row.age === undefined)) throw new UserError(`${at(source, i, row)}: give exactly one of "column" (a patients-file column) or "age": true`);
    if (row.age) {
      if (++ages > 1) throw new UserError(`${at(source, i, row)}: only one age row`);
      return compileAge(row, i, source);
    }
    if (columns.has(row.column!)) throw new UserError(`${at(source, i, row, "column")}: "${row.column}" already has a row; give each column one`);
    columns.add(row.column!);
    return compileAttribute(row, i, source);
  });
  return { rows };
}

/** Read and compile a Table 1 file; gender and age in the study's bands when there is none. */
export function readTable1Spec(path: string | undefined): Table1Spec {
  return path ? compileTable1Spec(readJsonFile(path, "Table 1 file"), path) : compileTable1Spec(DEFAULT_TABLE1, "the default Table 1");
}
