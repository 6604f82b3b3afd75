import type { Codebook } from "../codebook/types.js";
import { themeOf } from "../codebook/compile.js";
import { findIdentifiers, formatFlags } from "../identifiers.js";
import type { CodedExtract } from "./effective.js";

export const QUOTE_COLUMNS = ["group", "theme", "rank", "extract_id", "patient_id", "note_id", "date", "codes", "text", "identifier_flags", "needs_review", "source"] as const;

export interface Quote {
  group: string;
  theme: string;
  rank: number;
  coded: CodedExtract;
  /** The theme's codes in this extract. */
  codes: string[];
  identifierFlags: string;
}

export interface QuoteOptions {
  perTheme: number;
  /** Extracts shorter than this are rarely clear on their own. */
  minChars: number;
  /** Longer than this is no longer a quote. */
  maxChars: number;
}

export const DEFAULT_QUOTES: QuoteOptions = { perTheme: 3, minChars: 40, maxChars: 450 };

/**
 * Exemplar extracts per group and theme: those with most of the theme's codes, coder-coded before
 * suggested, of a quotable length, shortest first; at most one per patient. Each is checked for
 * identifiers that escaped de-identification. Pure.
 */
export function pickQuotes(book: Codebook, coded: readonly CodedExtract[], groups: readonly string[], opts: QuoteOptions = DEFAULT_QUOTES): Quote[] {
  const out: Quote[] = [];
  for (const group of groups) {
    for (const theme of book.themes) {
      const candidates = coded
        .filter((c) => c.extract.group === group)
        .map((c) => ({ c, codes: c.codes.filter((x) => themeOf(book, x) === theme.id) }))
        .filter((x) => x.codes.length > 0)
        .map((x) => ({ ...x, len: x.c.extract.text.length, fits: x.c.extract.text.length >= opts.minChars && x.c.extract.text.length <= opts.maxChars }))
        .sort(
          (a, b) =>
            Number(b.fits) - Number(a.fits) ||
            b.codes.length - a.codes.length ||
            Number(b.c.source === "coder") - Number(a.c.source === "coder") ||
            a.len - b.len ||
            (a.c.extract.extractId < b.c.extract.extractId ? -1 : 1),
        );
      const patients = new Set<string>();
      for (const x of candidates) {
        if (patients.has(x.c.extract.patientId)) continue;
        patients.add(x.c.extract.patientId);
        out.push({ group, theme: theme.id, rank: patients.size, coded: x.c, codes: x.codes, identifierFlags: formatFlags(findIdentifiers(x.c.extract.text)) });
        if (patients.size >= opts.perTheme) break;
      }
    }
  }
  return out;
}

export function quoteRow(q: Quote): (string | number)[] {
  const e = q.coded.extract;
  return [q.group, q.theme, q.rank, e.extractId, e.patientId, e.noteId, e.date, q.codes.join(";"), e.text, q.identifierFlags, q.identifierFlags ? "yes" : "no", q.coded.source];
}
