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

/** Streams one chunk is cut into for the anchor scan (see AnchorScanner.endsIn). */
const STREAMS = 4;

/**
 * Finds anchors in runs of bytes: an Aho–Corasick automaton compiled to a dense table (one lookup per
 * byte), with ASCII letters folded to lower case. A chunk of notes is scanned once, whole (endsIn), and
 * each note's text then looks up the anchors found in it (hasAnchor). With term words to check, an
 * anchor counts only when the ASCII word around it matches one of them (a word with other bytes in it
 * always counts: only the full matcher knows how to read it).
 */
export class AnchorScanner {
  private readonly table: Int32Array;
  private readonly words: TermToken[] | null;
  /** Bytes before a stream's start that it reads too, so an anchor across the cut is found: the longest anchor less one. */
  private readonly overlap: number;
  /** Anchor ends found by the last endsIn, per stream, then joined in `ends`. */
  private readonly found: Int32Array[] = Array.from({ length: STREAMS }, () => new Int32Array(256));
  private ends = new Int32Array(256);
  private count = 0;
  /** Where the last hasAnchor started looking in `ends`, and from which byte. */
  private cursor = 0;
  private lastFrom = 0;

  constructor(prefilter: CaseAnchors) {
    this.words = prefilter.words;
    const patterns = [...prefilter.anchors.map((a) => Buffer.from(a.toLowerCase(), "latin1")), ...FOLDS_TO_ASCII.map((c) => Buffer.from(c, "utf8"))];
    this.overlap = Math.max(...patterns.map((p) => p.length)) - 1;
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
    // Entries are premultiplied by 256, and negative (−entry − 1) when the state ends an anchor, so the
    // scan loop does one lookup and one test per byte.
    this.table = new Int32Array(next.length * 256);
    for (let s = 0; s < next.length; s++) {
      for (let c = 0; c < 256; c++) {
        const folded = c >= 65 && c <= 90 ? c + 32 : c;
        const to = next[s][folded];
        this.table[s * 256 + c] = out[to] ? -(to * 256) - 1 : to * 256;
      }
    }
  }

  /**
   * Every place an anchor ends in buf[from, to) (the offset just after its last byte), in order; a view
   * valid until the next call. The range is cut into STREAMS parts scanned in one loop, each part with
   * its own automaton state: one lookup waits for the one before it, so four independent lookups per
   * step keep the processor busy where one would leave it waiting (a third less time than one stream).
   * Each part starts `overlap` bytes early and keeps only the ends inside it, so none is lost or doubled.
   */
  endsIn(buf: Uint8Array, from: number, to: number): Int32Array {
    const t = this.table;
    const part = Math.floor((to - from) / STREAMS);
    const b1 = from + part;
    const b2 = b1 + part;
    const b3 = b2 + part;
    const p0 = from;
    const p1 = Math.max(from, b1 - this.overlap);
    const p2 = Math.max(from, b2 - this.overlap);
    const p3 = Math.max(from, b3 - this.overlap);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    const steps = Math.min(b1 - p0, b2 - p1, b3 - p2, to - p3);
    let [o0, o1, o2, o3] = this.found;
    for (let i = 0; i < steps; i++) {
      s0 = t[s0 + buf[p0 + i]];
      s1 = t[s1 + buf[p1 + i]];
      s2 = t[s2 + buf[p2 + i]];
      s3 = t[s3 + buf[p3 + i]];
      if ((s0 | s1 | s2 | s3) < 0) {
        // Rare: an anchor ends in one of the streams. Kept when it ends after the stream's own start.
        if (s0 < 0) {
          if (n0 === o0.length) o0 = this.grow(0);
          o0[n0++] = p0 + i + 1;
          s0 = -s0 - 1;
        }
        if (s1 < 0) {
          if (n1 === o1.length) o1 = this.grow(1);
          if (p1 + i >= b1) o1[n1++] = p1 + i + 1;
          s1 = -s1 - 1;
        }
        if (s2 < 0) {
          if (n2 === o2.length) o2 = this.grow(2);
          if (p2 + i >= b2) o2[n2++] = p2 + i + 1;
          s2 = -s2 - 1;
        }
        if (s3 < 0) {
          if (n3 === o3.length) o3 = this.grow(3);
          if (p3 + i >= b3) o3[n3++] = p3 + i + 1;
          s3 = -s3 - 1;
        }
      }
    }
    // Each stream's last bytes, on its own.
    n0 = this.finish(0, n0, s0, buf, p0 + steps, b1, from);
    n1 = this.finish(1, n1, s1, buf, p1 + steps, b2, b1);
    n2 = this.finish(2, n2, s2, buf, p2 + steps, b3, b2);
    n3 = this.finish(3, n3, s3, buf, p3 + steps, to, b3);
    const counts = [n0, n1, n2, n3];
    const total = n0 + n1 + n2 + n3;
    if (this.ends.length < total) this.ends = new Int32Array(Math.max(total, 2 * this.ends.length));
    let at = 0;
    for (let k = 0; k < STREAMS; k++) {
      this.ends.set(this.found[k].subarray(0, counts[k]), at);
      at += counts[k];
    }
    this.count = total;
    this.cursor = 0;
    this.lastFrom = from;
    return this.ends.subarray(0, total);
  }

  /** Stream k's list of ends, twice as long. */
  private grow(k: number): Int32Array {
    const grown = new Int32Array(2 * this.found[k].length);
    grown.set(this.found[k]);
    this.found[k] = grown;
    return grown;
  }

  /** Scan buf[i, to) for stream k from state s, keeping the ends after `start`. */
  private finish(k: number, n: number, s: number, buf: Uint8Array, i: number, to: number, start: number): number {
    const t = this.table;
    let o = this.found[k];
    for (; i < to; i++) {
      s = t[s + buf[i]];
      if (s < 0) {
        if (n === o.length) o = this.grow(k);
        if (i >= start) o[n++] = i + 1;
        s = -s - 1;
      }
    }
    return n;
  }

  /**
   * Does an anchor end in buf[from, to) (in a word that could match, when there are words to check)?
   * Looks among the ends the last endsIn found, which must have covered [from, to); asked for notes in
   * file order, it moves on through them, so each chunk's ends are looked at about once. An anchor that
   * began before `from` also counts: the prefilter may let a note through, never turn one away.
   */
  hasAnchor(buf: Uint8Array, from: number, to: number): boolean {
    const ends = this.ends;
    const n = this.count;
    let p = from >= this.lastFrom ? this.cursor : 0;
    while (p < n && ends[p] <= from) p++;
    this.cursor = p;
    this.lastFrom = from;
    const words = this.words;
    if (!words) return p < n && ends[p] <= to;
    while (p < n && ends[p] <= to) {
      const end = ends[p];
      let ws = end - 1;
      while (ws > from && isWordByte(buf[ws - 1])) ws--;
      let we = end;
      while (we < to && isWordByte(buf[we])) we++;
      let ascii = true;
      for (let i = ws; i < we && ascii; i++) ascii = buf[i] < 0x80;
      if (!ascii) return true;
      const word = Buffer.from(buf.buffer, buf.byteOffset + ws, we - ws).toString("latin1").toLowerCase();
      for (const t of words) if (tokenMatches(t, word)) return true;
      // Other anchors in the same word were judged with it.
      while (p < n && ends[p] <= we) p++;
    }
    return false;
  }

  /** Does an anchor occur in buf[from, to) (see hasAnchor)? One note on its own. */
  test(buf: Uint8Array, from: number, to: number): boolean {
    this.endsIn(buf, from, to);
    return this.hasAnchor(buf, from, to);
  }
}
