/**
 * Text is read as tokens: runs of letters and digits (any script), and single punctuation marks.
 * Whitespace separates tokens and is never one. Matching works on these tokens, so a whole-word match
 * is simply a token match: `labour` cannot match inside `labourer`.
 */
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

export interface Token {
  /** Lower-cased text. */
  text: string;
  start: number;
  end: number;
}

export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    out.push({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Is the text between two tokens a gap a phrase may cross: whitespace and line breaks, or one hyphen? */
export function isPhraseGap(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  let hyphens = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ || c === 0x2010 || c === 0x2011) hyphens++;
    else if (!(c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0)) return false;
  }
  return hyphens <= 1;
}

/**
 * One edit at most: a letter inserted, deleted or replaced, or two neighbouring letters swapped (the
 * commonest typing slip, "dsiclosed"; optimal string alignment distance ≤ 1). One pass.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  if (la > lb) return a.slice(i + 1) === b.slice(i);
  return a.slice(i) === b.slice(i + 1);
}
