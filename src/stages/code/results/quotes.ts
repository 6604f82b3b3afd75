import type { Codebook } from "../codebook/types.js";
import { themeOf } from "../codebook/compile.js";
import { findIdentifiers, formatFlags } from "../identifiers.js";
import { splitSentences } from "../../../text/context/sentences.js";
import type { CodedExtract } from "./effective.js";

export const QUOTE_COLUMNS = ["group", "theme", "rank", "extract_id", "patient_id", "note_id", "date", "codes", "text", "identifier_flags", "needs_review", "source"] as const;

export interface Quote {
  group: string;
  theme: string;
  rank: number;
  coded: CodedExtract;
  /** The theme's codes in this extract. */
  codes: string[];
  /** The quote: the sentences of the extract where the theme's patterns matched (see quoteText). */
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
 * The part of an extract worth quoting for a theme: the sentences holding one of the theme's pattern
 * hits, nothing between them that carries none (a gap is shown as " … "). A coder-coded extract is
 * cut the same way where the patterns hit the coder's codes, or failing that any code of the theme;
 * only an extract with no such hit is quoted whole.
 */
export function quoteText(c: CodedExtract, themeCodes: readonly string[], inTheme: (code: string) => boolean = () => false): string {
  const e = c.extract;
  let hits = e.highlights.filter((h) => themeCodes.includes(h.code));
  if (hits.length === 0) hits = e.highlights.filter((h) => inTheme(h.code));
  if (hits.length === 0) return e.text.trim();
  const all = splitSentences(e.text);
  const kept = all.map((s, i) => ({ s, i })).filter(({ s }) => hits.some((h) => h.start - e.start < s.end && h.end - e.start > s.start));
  if (kept.length === 0) return e.text.trim();
  const parts: { start: number; end: number; last: number }[] = [];
  for (const { s, i } of kept) {
    const run = parts[parts.length - 1];
    if (run && run.last === i - 1) Object.assign(run, { end: s.end, last: i });
    else parts.push({ start: s.start, end: s.end, last: i });
  }
  return parts.map((p) => e.text.slice(p.start, p.end).trim()).join(" … ");
}

/** The words of a quote, for telling near-duplicates apart. */
function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Two quotes are near-duplicates when nearly all the words of the shorter are in the longer (a copied
 * letter, a template with one word changed): 85% or more.
 */
export function nearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return large.size === 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size >= 0.85;
}

/**
 * Exemplar quotes per group and theme: of a quotable length, with most of the theme's codes, coder-coded
 * before suggested, shortest first; at most one per patient and no repeated or nearly repeated wording. Each is checked for
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
          const text = quoteText(x.c, x.codes, (code) => themeOf(book, code) === theme.id);
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
      // The same or nearly the same wording in two patients' notes (a template, a copied letter) is one
      // exemplar, not two.
      const seen: Set<string>[] = [];
      for (const x of candidates) {
        const key = words(x.text);
        if (patients.has(x.c.extract.patientId) || seen.some((s) => nearDuplicate(s, key))) continue;
        patients.add(x.c.extract.patientId);
        seen.push(key);
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
