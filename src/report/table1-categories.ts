import { UNKNOWN } from "../core/patients.js";

/**
 * How one characteristic of Table 1 orders its categories: `head` in the study's order, then any other
 * value found (alphabetically), then `tail`; all of `head` and `tail` are shown even when empty, so the
 * table keeps the paper's shape. `ifPresent` categories come last and only when someone has them.
 */
export interface CategorySpec {
  characteristic: string;
  head: readonly string[];
  tail: readonly string[];
  ifPresent: readonly string[];
  /** Other spellings of a category, lower case → the category. */
  aliases: Readonly<Record<string, string>>;
}

export const GENDER: CategorySpec = {
  characteristic: "Gender",
  head: ["Female", "Male"],
  tail: [],
  ifPresent: [UNKNOWN],
  aliases: { f: "Female", woman: "Female", m: "Male", man: "Male" },
};

export const REGION: CategorySpec = {
  characteristic: "Region of origin",
  head: ["Europe", "Africa", "Asia"],
  tail: ["Other", UNKNOWN],
  ifPresent: [],
  aliases: {},
};

export const EXPLOITATION: CategorySpec = {
  characteristic: "Type of exploitation",
  head: ["Sexual", "Domestic servitude"],
  tail: ["Other", UNKNOWN],
  ifPresent: [],
  aliases: { "sexual exploitation": "Sexual", domestic: "Domestic servitude", "domestic servitude": "Domestic servitude" },
};

export const REFERRAL: CategorySpec = {
  characteristic: "Referral route to mental health services",
  head: ["A&E", "GP", "Other health", "Police/courts"],
  tail: ["Other", UNKNOWN],
  ifPresent: [],
  aliases: {
    "a & e": "A&E",
    "a and e": "A&E",
    "accident and emergency": "A&E",
    "emergency department": "A&E",
    "general practitioner": "GP",
    "other health service": "Other health",
    police: "Police/courts",
    courts: "Police/courts",
    "police or courts": "Police/courts",
    "police/court": "Police/courts",
  },
};

/** The category a value belongs to: a known category or alias (any case), else the value as given. */
export function categoryOf(spec: CategorySpec, value: string): string {
  const v = value.trim();
  if (v === "") return UNKNOWN;
  const lower = v.toLowerCase();
  for (const c of [...spec.head, ...spec.tail, ...spec.ifPresent, UNKNOWN]) if (c.toLowerCase() === lower) return c;
  return spec.aliases[lower] ?? v;
}

/** The categories to show, in order, given every category that occurs. */
export function orderCategories(spec: CategorySpec, present: ReadonlySet<string>): string[] {
  const known = new Set([...spec.head, ...spec.tail, ...spec.ifPresent]);
  const others = [...present].filter((c) => !known.has(c) && c !== UNKNOWN).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const unknownShown = present.has(UNKNOWN) && !known.has(UNKNOWN) ? [UNKNOWN] : [];
  return [...spec.head, ...others, ...spec.tail, ...spec.ifPresent.filter((c) => present.has(c)), ...unknownShown];
}

/** Age bands of the study (8–11, 12–15, 16–17, 18–25, 26–33, 34+); bands under 8 exist for younger patients. */
export interface AgeBand {
  label: string;
  from: number;
  /** Inclusive upper bound in whole years; null for the open band. */
  to: number | null;
  /** Shown even when nobody is in it. */
  always: boolean;
}

export const AGE_BANDS: readonly AgeBand[] = [
  { label: "0–3", from: 0, to: 3, always: false },
  { label: "4–7", from: 4, to: 7, always: false },
  { label: "8–11", from: 8, to: 11, always: true },
  { label: "12–15", from: 12, to: 15, always: true },
  { label: "16–17", from: 16, to: 17, always: true },
  { label: "18–25", from: 18, to: 25, always: true },
  { label: "26–33", from: 26, to: 33, always: true },
  { label: "34+", from: 34, to: null, always: true },
];

/** The band of an age in years (completed years: 17.9 is in 16–17), or Unknown. */
export function ageBandOf(age: number | null): string {
  if (age === null) return UNKNOWN;
  const whole = Math.floor(age);
  return AGE_BANDS.find((b) => whole >= b.from && (b.to === null || whole <= b.to))!.label;
}
