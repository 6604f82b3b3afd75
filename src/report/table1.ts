import { UNKNOWN } from "../core/patients.js";
import type { Patient } from "../core/types.js";
import { countPercent, decimals, plainNumber } from "./format.js";
import { AGE_BANDS, ageBandOf, categoryOf, EXPLOITATION, GENDER, orderCategories, REFERRAL, REGION, type CategorySpec } from "./table1-categories.js";

/** What Table 1 needs to know of one included patient. */
export type Table1Patient = Pick<Patient, "group" | "age" | "gender" | "regionOfOrigin" | "exploitationType" | "referralRoute">;

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

export const MEAN_AGE_CATEGORY = "Mean (SD, range)";
export const AGE_CHARACTERISTIC = "Age at first contact (years)";

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

function specRows(spec: CategorySpec, field: (p: Table1Patient) => string, patients: readonly Table1Patient[], n: PerColumn<number>): Table1Row[] {
  const valueOf = (p: Table1Patient) => categoryOf(spec, field(p));
  const order = orderCategories(spec, new Set(patients.map(valueOf)));
  return categoricalRows(spec.characteristic, valueOf, order, patients, n);
}

/** `mean (SD, min–max)` with the sample SD (n − 1); `–` where it is not defined. */
export function meanAge(ages: readonly number[]): string {
  if (ages.length === 0) return "–";
  const mean = ages.reduce((s, a) => s + a, 0) / ages.length;
  const sd = ages.length > 1 ? Math.sqrt(ages.reduce((s, a) => s + (a - mean) ** 2, 0) / (ages.length - 1)) : null;
  return `${decimals(mean, 1)} (${decimals(sd, 1)}, ${plainNumber(Math.min(...ages))}–${plainNumber(Math.max(...ages))})`;
}

/**
 * Table 1 of the study (sample characteristics by total, adults and children): gender, region of origin,
 * age bands and mean age, type of exploitation, referral route. Cells are `n (p%)` of the column total
 * with p a whole number rounded half up. Pure.
 */
export function buildTable1(patients: readonly Table1Patient[]): Table1 {
  const cols = columnsOf(patients);
  const n = { total: cols.total.length, adult: cols.adult.length, child: cols.child.length };
  const present = new Set(patients.map((p) => ageBandOf(p.age)));
  const bands = [...AGE_BANDS.filter((b) => b.always || present.has(b.label)).map((b) => b.label), ...(present.has(UNKNOWN) ? [UNKNOWN] : [])];
  const ageCounts = { total: 0, adult: 0, child: 0 };
  const ageCells = { total: "", adult: "", child: "" };
  for (const c of TABLE1_COLUMNS) {
    const ages = cols[c].flatMap((p) => (p.age === null ? [] : [p.age]));
    ageCounts[c] = ages.length;
    ageCells[c] = meanAge(ages);
  }
  return {
    n,
    unknownGroup: patients.filter((p) => p.group === "unknown").length,
    rows: [
      { characteristic: "Patients", category: "n", cells: { total: String(n.total), adult: String(n.adult), child: String(n.child) }, counts: n },
      ...specRows(GENDER, (p) => p.gender, patients, n),
      ...specRows(REGION, (p) => p.regionOfOrigin, patients, n),
      ...categoricalRows(AGE_CHARACTERISTIC, (p) => ageBandOf(p.age), bands, patients, n),
      { characteristic: AGE_CHARACTERISTIC, category: MEAN_AGE_CATEGORY, cells: ageCells, counts: ageCounts },
      ...specRows(EXPLOITATION, (p) => p.exploitationType, patients, n),
      ...specRows(REFERRAL, (p) => p.referralRoute, patients, n),
    ],
  };
}

export const TABLE1_CSV_COLUMNS = ["characteristic", "category", "total", "adult", "child", "total_n", "adult_n", "child_n"];

/** table1.csv rows: the formatted cells, then the raw counts. */
export function table1CsvRows(table: Table1): (string | number)[][] {
  return table.rows.map((r) => [r.characteristic, r.category, r.cells.total, r.cells.adult, r.cells.child, r.counts.total, r.counts.adult, r.counts.child]);
}
