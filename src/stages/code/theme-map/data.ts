/** What a theme map shows: the question in the centre, themes around it, codes around each theme, with counts. */
export interface ThemeMapData {
  /** `adult`, `child` …: used in file names. */
  group: string;
  /** "Adults", "Children". */
  title: string;
  question: string;
  /** Eligible patients in the group: the denominator of every percentage. */
  patients: number;
  /** A line shown under the title (e.g. why the map is empty). */
  note?: string;
  themes: MapTheme[];
}

export interface MapTheme {
  id: string;
  label: string;
  patients: number;
  color?: string;
  codes: MapCode[];
}

export interface MapCode {
  id: string;
  label: string;
  patients: number;
}

/** "12 patients (34%)", or "12 patients" without a denominator. */
export function countLabel(n: number, of: number): string {
  const who = `${n} patient${n === 1 ? "" : "s"}`;
  return of > 0 ? `${who} (${Math.round((100 * n) / of)}%)` : who;
}
