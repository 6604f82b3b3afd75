import { join } from "node:path";
import { writeFileAtomic } from "../../../io/atomic-write.js";
import { writeCsv } from "../../../io/write-csv.js";
import { themeMapDot } from "../theme-map/dot.js";
import { themeMapMermaid } from "../theme-map/mermaid.js";
import { themeMapSvg } from "../theme-map/svg.js";
import type { Codebook } from "../codebook/types.js";
import { COOCCURRENCE_COLUMNS, cooccurrence } from "../results/cooccurrence.js";
import type { CodedExtract } from "../results/effective.js";
import { FREQUENCY_COLUMNS, frequencies, frequencyRow, groupSizes } from "../results/frequencies.js";
import { PATIENT_THEME_COLUMNS, patientThemeRow, patientThemes } from "../results/patient-themes.js";
import { pickQuotes, QUOTE_COLUMNS, quoteRow } from "../results/quotes.js";
import { themeMapData } from "../results/theme-map-data.js";
import { formatLearned } from "../learn/format.js";
import type { CoderDecision, LearnedCode } from "../types.js";
import type { Group } from "../../../core/types.js";

export const EXTRACT_COLUMNS = [
  "extract_id", "patient_id", "group", "note_id", "date", "text", "suggested_codes", "final_codes",
  "start", "end", "rules", "learned_codes", "retrieved_by", "note_type", "memo",
] as const;

/** extracts.csv: one row per extract, in stable order. */
export function writeExtractsCsv(dir: string, coded: readonly CodedExtract[], decisions: ReadonlyMap<string, CoderDecision>, learned: ReadonlyMap<string, LearnedCode[]>): void {
  writeCsv(
    join(dir, "extracts.csv"),
    EXTRACT_COLUMNS,
    coded.map(({ extract: e }) => {
      const d = decisions.get(e.extractId);
      return [
        e.extractId, e.patientId, e.group, e.noteId, e.date, e.text, e.suggested.join(";"), (d?.codes ?? []).join(";"),
        e.start, e.end, e.rules.join("; "), formatLearned(learned.get(e.extractId) ?? []), e.retrievedBy.join(";"), e.noteType, d?.memo ?? "",
      ];
    }),
  );
}

export interface ResultsSummary {
  patientsWithThemes: number;
  themes: Record<string, { adult: number; child: number; total: number }>;
  quotes: number;
  quotesFlagged: number;
  maps: string[];
}

/**
 * The results of stage 4: patient-themes.csv, code-frequencies.csv, cooccurrence.csv, quotes.csv and a
 * theme map per group (adult and child always, unknown when there are such patients) as SVG, DOT and Mermaid.
 */
export function writeResults(dir: string, book: Codebook, coded: readonly CodedExtract[], eligibleGroups: readonly Group[]): ResultsSummary {
  const pt = patientThemes(book, coded);
  writeCsv(join(dir, "patient-themes.csv"), PATIENT_THEME_COLUMNS, pt.map(patientThemeRow));
  const freq = frequencies(book, coded);
  const sizes = groupSizes(eligibleGroups);
  writeCsv(join(dir, "code-frequencies.csv"), FREQUENCY_COLUMNS, freq.map((f) => frequencyRow(f, sizes)));
  writeCsv(join(dir, "cooccurrence.csv"), COOCCURRENCE_COLUMNS, cooccurrence(book, coded).map((c) => [c.level, c.group, c.a, c.b, c.patients, c.extracts]));
  const groups = ["adult", "child", ...(sizes.unknown > 0 ? ["unknown" as const] : [])] as const;
  const quotes = pickQuotes(book, coded, groups);
  writeCsv(join(dir, "quotes.csv"), QUOTE_COLUMNS, quotes.map(quoteRow));
  const maps: string[] = [];
  for (const g of groups) {
    const data = themeMapData(book, freq, g, sizes[g]);
    writeFileAtomic(join(dir, `theme-map-${g}.svg`), themeMapSvg(data));
    writeFileAtomic(join(dir, `theme-map-${g}.dot`), themeMapDot(data));
    writeFileAtomic(join(dir, `theme-map-${g}.mmd`), themeMapMermaid(data));
    maps.push(`theme-map-${g}.svg`);
  }
  const themes = Object.fromEntries(freq.filter((f) => f.level === "theme").map((f) => [f.id, { adult: f.patients.adult, child: f.patients.child, total: f.patients.total }]));
  return { patientsWithThemes: new Set(pt.map((r) => r.patientId)).size, themes, quotes: quotes.length, quotesFlagged: quotes.filter((q) => q.identifierFlags).length, maps };
}
