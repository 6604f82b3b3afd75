import type { Codebook } from "../codebook/types.js";
import { themesOfCodes, type CodedExtract } from "./effective.js";

export const COOCCURRENCE_COLUMNS = ["level", "group", "a", "b", "patients", "extracts"] as const;

export interface Cooccurrence {
  level: "theme" | "code";
  group: "adult" | "child" | "total";
  a: string;
  b: string;
  /** Patients whose extracts touch both. */
  patients: number;
  /** Extracts coded with both. */
  extracts: number;
}

const GROUPS = ["adult", "child", "total"] as const;

/**
 * How often two themes (or two codes) go together, by group: in the same patient and in the same
 * extract. Only pairs seen at least once; `a` before `b` in codebook order. Pure.
 */
export function cooccurrence(book: Codebook, coded: readonly CodedExtract[]): Cooccurrence[] {
  const out: Cooccurrence[] = [];
  const levels = [
    { level: "theme" as const, ids: book.themes.map((t) => t.id), of: (c: CodedExtract) => themesOfCodes(book, c.codes) },
    { level: "code" as const, ids: book.codes.map((c) => c.id), of: (c: CodedExtract) => c.codes.filter((x) => book.codeById.has(x)) },
  ];
  for (const { level, ids, of } of levels) {
    for (const group of GROUPS) {
      const inGroup = coded.filter((c) => group === "total" || c.extract.group === group);
      const perPatient = new Map<string, Set<string>>();
      const perExtract = inGroup.map((c) => new Set(of(c)));
      inGroup.forEach((c, i) => {
        const set = perPatient.get(c.extract.patientId) ?? new Set<string>();
        for (const x of perExtract[i]) set.add(x);
        perPatient.set(c.extract.patientId, set);
      });
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const [a, b] = [ids[i], ids[j]];
          let patients = 0;
          for (const s of perPatient.values()) if (s.has(a) && s.has(b)) patients++;
          const extracts = perExtract.filter((s) => s.has(a) && s.has(b)).length;
          if (patients > 0 || extracts > 0) out.push({ level, group, a, b, patients, extracts });
        }
      }
    }
  }
  return out;
}
