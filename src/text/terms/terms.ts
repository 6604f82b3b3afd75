/** How one token of a term matches a token of text. */
export type TokenMatch = "exact" | "prefix" | "fuzzy";

export interface TermToken {
  /** Lower-cased token text (for `prefix`, the part before `*`). */
  text: string;
  match: TokenMatch;
  /** `adjacent`: no gap in the text (inside one word, e.g. `A&E`); `gap`: whitespace, line breaks or a hyphen. */
  joinBefore: "adjacent" | "gap";
}

/** One search term as written in a term file. */
export interface Term {
  /** Position in the file(s), the tie-breaker when several terms match the same span. */
  id: number;
  /** The term as written, without its comment: the `term` column of hits.csv. */
  text: string;
  group: string;
  file: string;
  line: number;
  kind: "words" | "regex";
  tokens: TermToken[];
  regex?: RegExp;
}

/** The group whose terms decide which patients are returned. */
export const CASE_GROUP = "case";

/** A match of a term in a note; offsets are UTF-16 indexes into the note text. */
export interface Hit {
  term: Term;
  start: number;
  end: number;
}
