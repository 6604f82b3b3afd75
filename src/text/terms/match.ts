import type { Hit, Term, TermToken } from "./terms.js";
import { isPhraseGap, tokenise, withinOneEdit, type Token } from "./tokenise.js";

const HYPHENS = new Set(["-", "\u2010", "\u2011"]);

/** All terms compiled into lookup tables, so each note is tokenised once and each token looked up once. */
export interface Matcher {
  readonly terms: readonly Term[];
  /** Every hit of every term in the text, one per term group and span, in text order. */
  match(text: string): Hit[];
}

/** Does a (lower-cased) text token match one token of a term? */
export function tokenMatches(t: TermToken, text: string): boolean {
  if (t.match === "exact") return t.text === text;
  if (t.match === "prefix") return text.startsWith(t.text);
  return text.length >= t.text.length - 1 && withinOneEdit(t.text, text) && text.length >= 6;
}

/** Try to match the rest of a term's tokens after the first matched at token index `i`. */
function matchFrom(term: Term, tokens: Token[], i: number, text: string): number {
  let prev = tokens[i];
  let j = i + 1;
  for (let k = 1; k < term.tokens.length; k++) {
    const want = term.tokens[k];
    let next = tokens[j];
    if (!next) return -1;
    if (want.joinBefore === "adjacent") {
      if (next.start !== prev.end || !tokenMatches(want, next.text)) return -1;
    } else {
      if (HYPHENS.has(next.text) && !HYPHENS.has(want.text)) next = tokens[++j];
      if (!next || !isPhraseGap(text, prev.end, next.start) || !tokenMatches(want, next.text)) return -1;
    }
    prev = next;
    j++;
  }
  return prev.end;
}

/** Compile terms for matching. Terms of the same group matching the same span give one hit (the first term). */
export function compileMatcher(terms: readonly Term[]): Matcher {
  const exact = new Map<string, Term[]>();
  const prefix = new Map<string, Term[]>();
  const fuzzy = new Map<number, Term[]>();
  const regexTerms: Term[] = [];
  const add = <K>(map: Map<K, Term[]>, key: K, term: Term) => {
    const list = map.get(key);
    if (list) list.push(term);
    else map.set(key, [term]);
  };
  for (const term of terms) {
    if (term.kind === "regex") {
      regexTerms.push(term);
      continue;
    }
    const first = term.tokens[0];
    if (first.match === "exact") add(exact, first.text, term);
    else if (first.match === "prefix") add(prefix, first.text.slice(0, 3), term);
    else add(fuzzy, first.text.length, term);
  }
  const hasFuzzy = fuzzy.size > 0;

  return {
    terms,
    match(text) {
      const raw: Hit[] = [];
      const tokens = tokenise(text);
      for (let i = 0; i < tokens.length; i++) {
        const tok = tokens[i].text;
        const consider = (list: Term[] | undefined, check: boolean) => {
          if (!list) return;
          for (const term of list) {
            if (check && !tokenMatches(term.tokens[0], tok)) continue;
            const end = term.tokens.length === 1 ? tokens[i].end : matchFrom(term, tokens, i, text);
            if (end >= 0) raw.push({ term, start: tokens[i].start, end });
          }
        };
        consider(exact.get(tok), false);
        if (tok.length >= 3) consider(prefix.get(tok.slice(0, 3)), true);
        if (hasFuzzy && tok.length >= 6) {
          for (let len = tok.length - 1; len <= tok.length + 1; len++) consider(fuzzy.get(len), true);
        }
      }
      for (const term of regexTerms) {
        const re = term.regex!;
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          raw.push({ term, start: m.index, end: m.index + m[0].length });
        }
      }
      return dedupe(raw);
    },
  };
}

/** Keep one hit per group and span, the earliest term in file order; sort in text order. */
function dedupe(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end || a.term.id - b.term.id);
  const out: Hit[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    const key = `${h.term.group}\u0000${h.start}\u0000${h.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(h);
  }
  return out;
}
