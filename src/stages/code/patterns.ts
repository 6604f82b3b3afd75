import { compileMatcher } from "../../text/terms/match.js";
import { isPhraseGap, tokenise } from "../../text/terms/tokenise.js";
import { porterStem } from "./porter.js";
import type { CodePattern } from "./codebook/types.js";

/** A match of one codebook pattern in a text; offsets are into that text. */
export interface PatternHit {
  pattern: CodePattern;
  start: number;
  end: number;
}

export interface PatternMatcher {
  match(text: string): PatternHit[];
}

interface StemWord {
  stem: string;
  start: number;
  end: number;
}

function stemWords(text: string): StemWord[] {
  return tokenise(text)
    .filter((t) => /[\p{L}\p{N}]/u.test(t.text))
    .map((t) => ({ stem: porterStem(t.text), start: t.start, end: t.end }));
}

/**
 * Compile codebook patterns into one matcher: term-language patterns go through stage 1's single-scan
 * matcher, `stem:` patterns match words whose Porter stems equal the pattern's, in order, across
 * whitespace or a hyphen. Every hit keeps the pattern that made it.
 */
export function compilePatterns(patterns: readonly CodePattern[]): PatternMatcher {
  const termPatterns = patterns.filter((p) => p.kind === "terms");
  const byTermId = new Map(termPatterns.map((p) => [p.term!.id, p]));
  const terms = compileMatcher(termPatterns.map((p) => p.term!));
  const stemPatterns = new Map<string, CodePattern[]>();
  for (const p of patterns) {
    if (p.kind !== "stem") continue;
    const first = p.stems![0];
    stemPatterns.set(first, [...(stemPatterns.get(first) ?? []), p]);
  }
  return {
    match(text) {
      const out: PatternHit[] = termPatterns.length > 0 ? terms.match(text).map((h) => ({ pattern: byTermId.get(h.term.id)!, start: h.start, end: h.end })) : [];
      if (stemPatterns.size > 0) {
        const words = stemWords(text);
        for (let i = 0; i < words.length; i++) {
          for (const p of stemPatterns.get(words[i].stem) ?? []) {
            const stems = p.stems!;
            let ok = true;
            for (let k = 1; k < stems.length && ok; k++) {
              const w = words[i + k];
              ok = w !== undefined && w.stem === stems[k] && isPhraseGap(text, words[i + k - 1].end, w.start);
            }
            if (ok) out.push({ pattern: p, start: words[i].start, end: words[i + stems.length - 1].end });
          }
        }
      }
      return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.pattern.code < b.pattern.code ? -1 : a.pattern.code > b.pattern.code ? 1 : 0));
    },
  };
}
