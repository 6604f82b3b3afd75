import type { Patient } from "../core/types.js";
import { countPercent, decimals, plainNumber } from "./format.js";
import { GENDER_COLUMN, type AgeRow, type AttributeRow, type Table1Spec } from "./table1-spec.js";

/** What Table 1 needs to know of one included patient. */
export type Table1Patient = Pick<Patient, "group" | "age" | "gender" | "attributes">;

export const TABLE1_COLUMNS = ["total", "adult", "child"] as const;
export type Table1Column = (typeof TABLE1_COLUMNS)[number];
type PerColumn<T> = Record<Table1Column, T>;

/** One row of Table 1: formatted cells and the counts behind them. */
export interface Table1Row {
  characteristic: string;
  category: string;
  cells: PerColumn<string>;
  /** Patients counted in the row; for the mean-age row, patients with a known age. */
  counts: PerColumn<number>;
}

export interface Table1 {
  /** Column sizes. `total` includes patients whose group is unknown (no age). */
  n: PerColumn<number>;
  /** Included patients of unknown group: in the total only. */
  unknownGroup: number;
  rows: Table1Row[];
}

const inColumn = (p: Table1Patient, c: Table1Column) => c === "total" || p.group === c;

function columnsOf(patients: readonly Table1Patient[]): PerColumn<Table1Patient[]> {
  return { total: [...patients], adult: patients.filter((p) => p.group === "adult"), child: patients.filter((p) => p.group === "child") };
}

function row(characteristic: string, category: string, counts: PerColumn<number>, n: PerColumn<number>): Table1Row {
  const cells = { total: "", adult: "", child: "" };
  for (const c of TABLE1_COLUMNS) cells[c] = countPercent(counts[c], n[c]);
  return { characteristic, category, cells, counts };
}

function categoricalRows(characteristic: string, valueOf: (p: Table1Patient) => string, order: string[], patients: readonly Table1Patient[], n: PerColumn<number>): Table1Row[] {
  return order.map((category) => {
    const counts = { total: 0, adult: 0, child: 0 };
    for (const p of patients) if (valueOf(p) === category) for (const c of TABLE1_COLUMNS) if (inColumn(p, c)) counts[c]++;
    return row(characteristic, category, counts, n);
  });
}

/** A patient's value of a patients-file column (as named after the `columns` mapping); '' when none. */
export function attributeOf(p: Table1Patient, column: string): string {
  return column === GENDER_COLUMN ? p.gender : (p.attributes[column] ?? "");
}

/** The category a value counts as: missing, a listed category (any case, or one of its values), else the value as given. */
export function categoryOf(row: AttributeRow, value: string): string {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (v === "" || row.missing.values.has(lower)) return row.missing.label;
  return row.categories.find((c) => c.values.has(lower))?.label ?? v;
}

/**
 * The categories to show, in order: the listed ones (those marked if_present only when someone has them),
 * with values not listed alphabetically at `othersAt`, then missing (always, or when someone has it).
 */
export function orderCategories(row: AttributeRow, present: ReadonlySet<string>): string[] {
  const shown = (c: AttributeRow["categories"][number]) => c.always || present.has(c.label);
  const known = new Set([...row.categories.map((c) => c.label), row.missing.label]);
  const others = [...present].filter((c) => !known.has(c)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    ...row.categories.slice(0, row.othersAt).filter(shown).map((c) => c.label),
    ...others,
    ...row.categories.slice(row.othersAt).filter(shown).map((c) => c.label),
    ...(row.missing.always || present.has(row.missing.label) ? [row.missing.label] : []),
  ];
}

function attributeRows(row: AttributeRow, patients: readonly Table1Patient[], n: PerColumn<number>): Table1Row[] {
  const valueOf = (p: Table1Patient) => categoryOf(row, attributeOf(p, row.column));
  return categoricalRows(row.label, valueOf, orderCategories(row, new Set(patients.map(valueOf))), patients, n);
}

/** The band of an age in completed years (17.9 is in 16–17), or the row's missing label. */
export function ageBandOf(row: AgeRow, age: number | null): string {
  if (age === null) return row.missing.label;
  const whole = Math.floor(age);
  return row.bands.find((b) => whole >= b.from && (b.to === null || whole <= b.to))!.label;
}

function ageRows(row: AgeRow, patients: readonly Table1Patient[], cols: PerColumn<Table1Patient[]>, n: PerColumn<number>): Table1Row[] {
  const valueOf = (p: Table1Patient) => ageBandOf(row, p.age);
  const present = new Set(patients.map(valueOf));
  const bands = [...row.bands.filter((b) => b.always || present.has(b.label)).map((b) => b.label), ...(row.missing.always || present.has(row.missing.label) ? [row.missing.label] : [])];
  const out = categoricalRows(row.label, valueOf, bands, patients, n);
  if (row.mean === null) return out;
  const ageCounts = { total: 0, adult: 0, child: 0 };
  const ageCells = { total: "", adult: "", child: "" };
  for (const c of TABLE1_COLUMNS) {
    const ages = cols[c].flatMap((p) => (p.age === null ? [] : [p.age]));
    ageCounts[c] = ages.length;
    ageCells[c] = meanAge(ages);
  }
  return [...out, { characteristic: row.label, category: row.mean, cells: ageCells, counts: ageCounts }];
}

/** `mean (SD, min–max)` with the sample SD (n − 1); `–` where it is not defined. */
export function meanAge(ages: readonly number[]): string {
  if (ages.length === 0) return "–";
  const mean = ages.reduce((s, a) => s + a, 0) / ages.length;
  const sd = ages.length > 1 ? Math.sqrt(ages.reduce((s, a) => s + (a - mean) ** 2, 0) / (ages.length - 1)) : null;
  return `${decimals(mean, 1)} (${decimals(sd, 1)}, ${plainNumber(Math.min(...ages))}–${plainNumber(Math.max(...ages))})`;
}

/**
 * Table 1 (sample characteristics by total, adults and children): the patient count, then each row of
 * the study's Table 1 file in order (an attribute's categories, or the age bands and mean age). Cells
 * are `n (p%)` of the column total with p a whole number rounded half up. Pure.
 */
export function buildTable1(patients: readonly Table1Patient[], spec: Table1Spec): Table1 {
  const cols = columnsOf(patients);
  const n = { total: cols.total.length, adult: cols.adult.length, child: cols.child.length };
  return {
    n,
    unknownGroup: patients.filter((p) => p.group === "unknown").length,
    rows: [
      { characteristic: "Patients", category: "n", cells: { total: String(n.total), adult: String(n.adult), child: String(n.child) }, counts: n },
      ...spec.rows.flatMap((row) => (row.kind === "age" ? ageRows(row, patients, cols, n) : attributeRows(row, patients, n))),
    ],
  };
}

export const TABLE1_CSV_COLUMNS = ["characteristic", "category", "total", "adult", "child", "total_n", "adult_n", "child_n"];

/** table1.csv rows: the formatted cells, then the raw counts. */
export function table1CsvRows(table: Table1): (string | number)[][] {
  return table.rows.map((r) => [r.characteristic, r.category, r.cells.total, r.cells.adult, r.cells.child, r.counts.total, r.counts.adult, r.counts.child]);
}
