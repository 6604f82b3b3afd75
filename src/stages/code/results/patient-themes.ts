import type { Codebook } from "../codebook/types.js";
import { themeOf } from "../codebook/compile.js";
import { themesOfCodes, type CodedExtract } from "./effective.js";

export const PATIENT_THEME_COLUMNS = ["patient_id", "group", "theme", "n_extracts", "codes", "n_coder_coded"] as const;

export interface PatientTheme {
  patientId: string;
  group: string;
  theme: string;
  nExtracts: number;
  /** The theme's codes seen in those extracts, codebook order. */
  codes: string[];
  /** How many of those extracts a coder coded (the rest are suggestions). */
  nCoderCoded: number;
}

/** One row per patient and theme they touch (SPEC §5), patients sorted, themes in codebook order. Pure. */
export function patientThemes(book: Codebook, coded: readonly CodedExtract[]): PatientTheme[] {
  const byKey = new Map<string, PatientTheme>();
  for (const c of coded) {
    for (const theme of themesOfCodes(book, c.codes)) {
      const key = `${c.extract.patientId}\u0000${theme}`;
      let row = byKey.get(key);
      if (!row) byKey.set(key, (row = { patientId: c.extract.patientId, group: c.extract.group, theme, nExtracts: 0, codes: [], nCoderCoded: 0 }));
      row.nExtracts++;
      if (c.source === "coder") row.nCoderCoded++;
      for (const code of c.codes) if (themeOf(book, code) === theme && !row.codes.includes(code)) row.codes.push(code);
    }
  }
  const order = new Map([...book.themes.map((t, i) => [t.id, i] as const), ...book.codes.map((c, i) => [c.id, book.themes.length + i] as const)]);
  const rows = [...byKey.values()];
  for (const r of rows) r.codes.sort((a, b) => order.get(a)! - order.get(b)!);
  return rows.sort((a, b) => (a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : order.get(a.theme)! - order.get(b.theme)!));
}

export function patientThemeRow(r: PatientTheme): (string | number)[] {
  return [r.patientId, r.group, r.theme, r.nExtracts, r.codes.join(";"), r.nCoderCoded];
}
