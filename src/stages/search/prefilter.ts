import { tokenMatches } from "../../text/terms/match.js";
import type { Term, TermToken } from "../../text/terms/terms.js";

/**
 * A prefilter for case-finding: literal "anchors" such that every hit of every case term contains at
 * least one of them, matched case-insensitively on the raw bytes of a note. Notes without an anchor
 * cannot hold a case hit and are not tokenised at all; notes with one go through the full matcher, which
 * alone decides what is a hit. The prefilter only ever lets too many notes through, never too few.
 *
 * Anchors are ASCII and folded by ASCII case, so they work on UTF-8 and Windows-1252 bytes alike. The
 * few characters outside ASCII whose lower case contains an ASCII letter (İ and the Kelvin sign K, see
 * FOLDS_TO_ASCII) are anchors too: a note holding one is always matched in full.
 */

/** Characters outside ASCII whose `toLowerCase()` contains an ASCII letter (checked by a test over all of Unicode). */
export const FOLDS_TO_ASCII = ["\u0130", "\u212a"];

/** The longest run of the text usable as an anchor: ASCII, no quote (doubled inside CSV fields). */
function usable(text: string): string {
  let best = "";
  for (const part of text.split(/[^\x20-\x21\x23-\x7e]+/)) if (part.length > best.length) best = part;
  return best;
}

/**
 * Anchors for one fuzzy word (one edit at most, transpositions included): split it in halves A|B. An
 * insertion, deletion or replacement leaves A or B whole, and so does a swap of two letters on one
 * side; the one swap across the middle gives a single word, which is an anchor itself.
 */
function fuzzyAnchors(word: string): string[] {
  const h = Math.floor(word.length / 2);
  const swapped = word.slice(0, h - 1) + word[h] + word[h - 1] + word.slice(h + 1);
  return [usable(word.slice(0, h)), usable(word.slice(h)), usable(swapped)];
}

/** One way to anchor a term: anchors one of which every hit contains, and the word token they lie in, if one. */
interface AnchorOption {
  anchors: string[];
  /** The term token (letters or digits only, a whole word of the term) every anchor lies inside. */
  word?: TermToken;
}

const WORD = /^[\p{L}\p{N}]+$/u;

/** The options for anchoring a term: each a set of anchors, one of which every hit contains. */
function anchorOptions(tokens: readonly TermToken[]): AnchorOption[] {
  const options: AnchorOption[] = [];
  let run = "";
  let runExact = true;
  let runLength = 0;
  const endRun = () => {
    // A run of tokens joined without a gap (A&E) is one literal; a single token was added on its own.
    if (runExact && runLength > 1) options.push({ anchors: [usable(run)] });
    run = "";
    runExact = true;
    runLength = 0;
  };
  tokens.forEach((t, i) => {
    if (t.joinBefore === "gap") endRun();
    runLength++;
    const whole = WORD.test(t.text) && tokens[i + 1]?.joinBefore !== "adjacent" && t.joinBefore === "gap";
    const word = whole ? { word: t } : {};
    if (t.match === "fuzzy") {
      options.push({ anchors: fuzzyAnchors(t.text), ...word });
      runExact = false;
    } else {
      options.push({ anchors: [usable(t.text)], ...word });
      run += t.text;
    }
  });
  endRun();
  return options;
}

/**
 * How the case-finding terms are anchored: every hit contains one of `anchors`. When `words` is given,
 * every anchor lies inside a whole word of its term, and an anchor found in a word of a note that
 * matches none of these term words (say "traff" in "traffic") can be passed over.
 */
export interface CaseAnchors {
  anchors: string[];
  words: TermToken[] | null;
}

/**
 * The anchors of the case-finding terms, or null when some term cannot be anchored (a regex, or a term
 * without ASCII letters); then every note is matched in full.
 */
export function caseAnchors(terms: readonly Term[]): CaseAnchors | null {
  const anchors = new Set<string>();
  let words: TermToken[] | null = [];
  for (const term of terms) {
    if (term.kind === "regex") return null;
    // The option whose shortest anchor is longest: long anchors are rare in text.
    let best: AnchorOption | undefined;
    let bestLen = 0;
    for (const option of anchorOptions(term.tokens)) {
      const len = Math.min(...option.anchors.map((a) => a.length));
      if (len > bestLen) [best, bestLen] = [option, len];
    }
    if (!best) return null;
    for (const a of best.anchors) anchors.add(a.toLowerCase());
    if (best.word && /^[a-z0-9]+$/.test(best.anchors.join(""))) words?.push(best.word);
    else words = null;
  }
  return { anchors: [...anchors].sort(), words };
}

const isWordByte = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c >= 0x80;

/**
 * Finds whether any anchor occurs in a run of bytes: an Aho–Corasick automaton compiled to a dense
 * table (one lookup per byte), with ASCII letters folded to lower case. With term words to check, an
 * anchor counts only when the ASCII word around it matches one of them (a word with other bytes in it
 * always counts: only the full matcher knows how to read it).
 */
export class AnchorScanner {
  private readonly table: Int32Array;
  private readonly words: TermToken[] | null;

  constructor(prefilter: CaseAnchors) {
    this.words = prefilter.words;
    const patterns = [...prefilter.anchors.map((a) => Buffer.from(a.toLowerCase(), "latin1")), ...FOLDS_TO_ASCII.map((c) => Buffer.from(c, "utf8"))];
    // Trie.
    const next: Int32Array[] = [new Int32Array(256).fill(-1)];
    const out: number[] = [0];
    for (const p of patterns) {
      let s = 0;
      for (const byte of p) {
        if (next[s][byte] === -1) {
          next[s][byte] = next.length;
          next.push(new Int32Array(256).fill(-1));
          out.push(0);
        }
        s = next[s][byte];
      }
      out[s] = 1;
    }
    // Failure links, breadth first, folded into a complete transition table.
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    for (let c = 0; c < 256; c++) {
      if (next[0][c] === -1) next[0][c] = 0;
      else queue.push(next[0][c]);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi];
      for (let c = 0; c < 256; c++) {
        const s = next[r][c];
        if (s === -1) next[r][c] = next[fail[r]][c];
        else {
          fail[s] = next[fail[r]][c];
          out[s] |= out[fail[s]];
          queue.push(s);
        }
      }
    }
    // Entries are premultiplied by 256, and negative when the state ends an anchor, so the scan loop
    // does one lookup and one test per byte.
    this.table = new Int32Array(next.length * 256);
    for (let s = 0; s < next.length; s++) {
      for (let c = 0; c < 256; c++) {
        const folded = c >= 65 && c <= 90 ? c + 32 : c;
        const to = next[s][folded];
        this.table[s * 256 + c] = out[to] ? -(to * 256) - 1 : to * 256;
      }
    }
  }

  /** Where the first anchor in buf[from, to) ends, or −1. */
  private find(buf: Uint8Array, from: number, to: number): number {
    const table = this.table;
    let s = 0;
    for (let i = from; i < to; i++) {
      s = table[s + buf[i]];
      if (s < 0) return i + 1;
    }
    return -1;
  }

  /** Does an anchor occur in buf[from, to) (in a word that could match, when there are words to check)? */
  test(buf: Buffer, from: number, to: number): boolean {
    const words = this.words;
    if (!words) return this.find(buf, from, to) !== -1;
    for (let at = from; at < to; ) {
      const end = this.find(buf, at, to);
      if (end === -1) return false;
      let ws = end - 1;
      while (ws > from && isWordByte(buf[ws - 1])) ws--;
      let we = end;
      while (we < to && isWordByte(buf[we])) we++;
      let ascii = true;
      for (let i = ws; i < we && ascii; i++) ascii = buf[i] < 0x80;
      if (!ascii) return true;
      const word = buf.toString("latin1", ws, we).toLowerCase();
      for (const t of words) if (tokenMatches(t, word)) return true;
      at = we;
    }
    return false;
  }
}
