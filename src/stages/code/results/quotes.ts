import type { Codebook } from "../codebook/types.js";
import { themeOf } from "../codebook/compile.js";
import { findIdentifiers, formatFlags } from "../identifiers.js";
import { splitSentences } from "../../screen/context/sentences.js";
import type { CodedExtract } from "./effective.js";

export const QUOTE_COLUMNS = ["group", "theme", "rank", "extract_id", "patient_id", "note_id", "date", "codes", "text", "identifier_flags", "needs_review", "source"] as const;

export interface Quote {
  group: string;
  theme: string;
  rank: number;
  coded: CodedExtract;
  /** The theme's codes in this extract. */
  codes: string[];
  /** The quote: the sentences of the extract where the theme's patterns matched (the whole extract when a coder coded it). */
  text: string;
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
 * The part of an extract worth quoting for a theme: from the first to the last sentence holding one of
 * the theme's pattern hits. A coder's codes carry no offsets, so their extracts are quoted whole.
 */
export function quoteText(c: CodedExtract, themeCodes: readonly string[]): string {
  const e = c.extract;
  const hits = c.source === "coder" ? [] : e.highlights.filter((h) => themeCodes.includes(h.code));
  if (hits.length === 0) return e.text.trim();
  const sentences = splitSentences(e.text).filter((s) => hits.some((h) => h.start - e.start < s.end && h.end - e.start > s.start));
  if (sentences.length === 0) return e.text.trim();
  return e.text.slice(sentences[0].start, sentences[sentences.length - 1].end);
}

/**
 * Exemplar quotes per group and theme: of a quotable length, with most of the theme's codes, coder-coded
 * before suggested, shortest first; at most one per patient and no repeated wording. Each is checked for
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
        .map((x) => {
          const text = quoteText(x.c, x.codes);
          return { ...x, text, fits: text.length >= opts.minChars && text.length <= opts.maxChars };
        })
        .sort(
          (a, b) =>
            Number(b.fits) - Number(a.fits) ||
            b.codes.length - a.codes.length ||
            Number(b.c.source === "coder") - Number(a.c.source === "coder") ||
            a.text.length - b.text.length ||
            (a.c.extract.extractId < b.c.extract.extractId ? -1 : 1),
        );
      const patients = new Set<string>();
      // The same wording in two patients' notes (a template, a copied letter) is one exemplar, not two.
      const seen = new Set<string>();
      for (const x of candidates) {
        const key = x.text.toLowerCase().replace(/\s+/g, " ").trim();
        if (patients.has(x.c.extract.patientId) || seen.has(key)) continue;
        patients.add(x.c.extract.patientId);
        seen.add(key);
        out.push({ group, theme: theme.id, rank: patients.size, coded: x.c, codes: x.codes, text: x.text, identifierFlags: formatFlags(findIdentifiers(x.text)) });
        if (patients.size >= opts.perTheme) break;
      }
    }
  }
  return out;
}

export function quoteRow(q: Quote): (string | number)[] {
  const e = q.coded.extract;
  return [q.group, q.theme, q.rank, e.extractId, e.patientId, e.noteId, e.date, q.codes.join(";"), q.text, q.identifierFlags, q.identifierFlags ? "yes" : "no", q.coded.source];
}
