import type { Group } from "../../../core/types.js";
import type { Codebook } from "../codebook/types.js";
import { themeOf } from "../codebook/compile.js";
import type { CodedExtract } from "./effective.js";

export const FREQUENCY_COLUMNS = [
  "level", "id", "theme", "label",
  "patients_adult", "patients_child", "patients_total", "extracts_adult", "extracts_child", "extracts_total",
  "pct_patients_adult", "pct_patients_child", "pct_patients_total", "patients_unknown", "extracts_unknown",
] as const;

type Counts = Record<Group | "total", number>;
const zero = (): Counts => ({ adult: 0, child: 0, unknown: 0, total: 0 });

/** Patients and extracts that touch one theme or code, by group. */
export interface Frequency {
  level: "theme" | "code";
  id: string;
  theme: string;
  label: string;
  patients: Counts;
  extracts: Counts;
}

/** Does an extract's code list touch this theme or code? A theme is touched by any of its codes or by itself. */
function touches(book: Codebook, codes: readonly string[], level: "theme" | "code", id: string): boolean {
  return level === "code" ? codes.includes(id) : codes.some((c) => themeOf(book, c) === id);
}

/** Frequencies of every theme (followed by its codes), codebook order. Pure. */
export function frequencies(book: Codebook, coded: readonly CodedExtract[]): Frequency[] {
  const out: Frequency[] = [];
  const rows: { level: "theme" | "code"; id: string; theme: string; label: string }[] = book.themes.flatMap((t) => [
    { level: "theme" as const, id: t.id, theme: t.id, label: t.label },
    ...t.codes.map((c) => ({ level: "code" as const, id: c.id, theme: t.id, label: c.label })),
  ]);
  for (const r of rows) {
    const f: Frequency = { ...r, patients: zero(), extracts: zero() };
    const seen = new Set<string>();
    for (const c of coded) {
      if (!touches(book, c.codes, r.level, r.id)) continue;
      f.extracts[c.extract.group]++;
      f.extracts.total++;
      if (seen.has(c.extract.patientId)) continue;
      seen.add(c.extract.patientId);
      f.patients[c.extract.group]++;
      f.patients.total++;
    }
    out.push(f);
  }
  return out;
}

const pct = (n: number, d: number): string => (d > 0 ? ((100 * n) / d).toFixed(1) : "");

/** A frequency as a CSV row; percentages are of the eligible patients of each group (`denominators`). */
export function frequencyRow(f: Frequency, denominators: Counts): (string | number)[] {
  return [
    f.level, f.id, f.theme, f.label,
    f.patients.adult, f.patients.child, f.patients.total, f.extracts.adult, f.extracts.child, f.extracts.total,
    pct(f.patients.adult, denominators.adult), pct(f.patients.child, denominators.child), pct(f.patients.total, denominators.total),
    f.patients.unknown, f.extracts.unknown,
  ];
}

/** Eligible patients per group, the denominators of every percentage. */
export function groupSizes(groups: Iterable<Group>): Counts {
  const c = zero();
  for (const g of groups) {
    c[g]++;
    c.total++;
  }
  return c;
}
