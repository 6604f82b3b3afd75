import type { Span } from "../../text/context/sentences.js";
import type { CodeGroup, CodePattern, Codebook } from "./codebook/types.js";
import type { PatternHit } from "./patterns.js";

/** Suggested codes for a passage, each with the pattern(s) that fired. */
export interface Suggestion {
  /** Code ids in codebook order. */
  codes: string[];
  /** For every pattern that fired (codebook order): `code ← "matched text" (pattern)`. */
  rules: string[];
  /** The hits behind the codes (offsets into the note). */
  hits: PatternHit[];
}

const patternIndex = (p: CodePattern): number => Number(/\[(\d+)\]/.exec(p.ref)?.[1] ?? 0);

/**
 * How a suggestion is shown to a coder: the code, the text that matched and the pattern that fired
 * (written out when short, else by its place in the codebook, e.g. `patterns[12]`).
 */
export function ruleLabel(h: PatternHit, text: string): string {
  const matched = text.slice(h.start, h.end).replace(/\s+/g, " ").trim();
  const shown = matched.length > 60 ? `${matched.slice(0, 57)}…` : matched;
  const p = h.pattern;
  const ref = p.text.startsWith("/") || p.text.length > 40 ? p.ref : p.text;
  return `${p.code} ← "${shown}" (${ref})`;
}

function sentenceOf(sentences: readonly Span[], at: number): Span | undefined {
  return sentences.find((s) => s.start <= at && at < s.end);
}

/**
 * The pattern hits of a note that may suggest a code: the code applies to the patient's group (a patient
 * of unknown group gets every code) and no `unless` pattern of the same code is in the same sentence. Pure.
 */
export function effectiveHits(
  book: Codebook,
  group: CodeGroup | "unknown",
  sentences: readonly Span[],
  hits: readonly PatternHit[],
  unless: readonly PatternHit[],
): PatternHit[] {
  return hits.filter((h) => {
    const code = book.codeById.get(h.pattern.code);
    if (!code || (group !== "unknown" && !code.groups.includes(group))) return false;
    const sentence = sentenceOf(sentences, h.start) ?? { start: h.start, end: h.end };
    return !unless.some((u) => u.pattern.code === h.pattern.code && u.start < sentence.end && u.end > sentence.start);
  });
}

/** The codes a passage suggests: the effective hits (see `effectiveHits`) that lie inside it. Pure. */
export function suggestCodes(book: Codebook, span: Span, hits: readonly PatternHit[], text: string): Suggestion {
  const kept = hits.filter((h) => h.start >= span.start && h.end <= span.end);
  const order = new Map(book.codes.map((c, i) => [c.id, i]));
  const codes = [...new Set(kept.map((h) => h.pattern.code))].sort((a, b) => order.get(a)! - order.get(b)!);
  const firstHit = new Map<CodePattern, PatternHit>();
  for (const h of kept) if (!firstHit.has(h.pattern)) firstHit.set(h.pattern, h);
  const rules = [...firstHit.values()]
    .sort((a, b) => order.get(a.pattern.code)! - order.get(b.pattern.code)! || patternIndex(a.pattern) - patternIndex(b.pattern))
    .map((h) => ruleLabel(h, text));
  return { codes, rules, hits: kept };
}
