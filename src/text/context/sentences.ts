/** A span of a note: character offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Abbreviations after which a full stop never ends a sentence (titles, Latin, "versus"). */
const NEVER_END = new Set(["dr", "mr", "mrs", "ms", "miss", "prof", "rev", "st", "sr", "jr", "vs", "viz", "cf", "eg", "ie", "e.g", "i.e", "co"]);
/** Clinical shorthand that may end a sentence: it does only when the next word starts with a capital. */
const MAYBE_END = new Set([
  "pt", "pts", "approx", "appt", "appts", "etc", "wk", "wks", "yrs", "yr", "hrs", "mins", "tab", "tabs", "mg", "ml",
  "hx", "sx", "dx", "rx", "tx", "fx", "no", "ref", "tel", "fig", "dept", "obs", "re", "att", "info",
]);
const CLOSERS = `"'”’)]}`;
/** How far `sentenceAround` looks either side of a mention before giving up on finding a boundary. */
const MAX_REACH = 3000;

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\f" || c === "\v" || c === "\u00a0";
const isUpperOrDigit = (c: string | undefined): boolean => c !== undefined && /[A-Z0-9]/.test(c);

function skipClosers(text: string, i: number): number {
  while (i < text.length && CLOSERS.includes(text[i])) i++;
  return i;
}
function nextVisible(text: string, i: number): number {
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}
/** True when the line from `k` starts with a bullet or a list number ("-", "•", "1.", "2)", "a)", "(b)"). */
function startsListItem(text: string, k: number): boolean {
  return /^(?:[-*•·>]\s|\(?[0-9]{1,2}[.)]\s|\(?[a-z][.)]\s)/i.test(text.slice(k, k + 5));
}

/**
 * A list marker such as "1." or "b." standing at the start of a line (or after a heading colon and a
 * space: "CHEST: 1." is a list, "at 14:00." is a time).
 */
function isListMarker(text: string, tokenStart: number): boolean {
  let j = tokenStart - 1;
  while (j >= 0 && (text[j] === " " || text[j] === "\t")) j--;
  return j < 0 || text[j] === "\n" || (text[j] === ":" && j < tokenStart - 1);
}

function fullStopEnds(text: string, i: number): number {
  if (text[i + 1] === ".") return -1; // only the last dot of "..." decides
  const e = skipClosers(text, i + 1);
  if (e < text.length && !isSpace(text[e])) return -1; // 2.5, p.o.x, e.g.,
  const k = nextVisible(text, e);
  if (text[i - 1] === ".") return k >= text.length || isUpperOrDigit(text[k]) ? e : -1; // ellipsis
  const m = /[A-Za-z0-9.]+$/.exec(text.slice(Math.max(0, i - 24), i));
  if (!m || k >= text.length) return e;
  const token = m[0].toLowerCase();
  const tokenStart = i - m[0].length;
  if (/^(?:[0-9]{1,2}|[a-z])$/.test(token) && isListMarker(text, tokenStart)) return -1;
  // An initial after a title or a name: "Dr A. Example", "J. R. Smith".
  if (/^[a-z]$/.test(token) && /[A-Z]/.test(text[tokenStart]) && /(?:\b(?:dr|mr|mrs|ms|miss|prof)\.?|\b[A-Z]\.|\b[A-Z][a-z]+)\s+$/i.test(text.slice(Math.max(0, tokenStart - 12), tokenStart))) return -1;
  if (NEVER_END.has(token)) return -1;
  if (token === "no" && /[0-9]/.test(text[k] ?? "")) return -1; // "No. 5", "Ward No. 3"
  if (MAYBE_END.has(token) || token.includes(".")) return isUpperOrDigit(text[k]) ? e : -1;
  return e;
}

/**
 * If a sentence ends at `text[i]`, the offset just after its final punctuation (and closing quotes or
 * brackets); else -1. Clinical text rules: "pt." and "e.g." are not ends, "1." starting a line is a list
 * number, "?trafficked" and " ? trafficked" are query marks rather than questions, and a line break ends a
 * sentence when a blank line, a list item or a capital letter follows it (a lower-case word means the line
 * was only wrapped).
 */
export function sentenceEndAt(text: string, i: number): number {
  const c = text[i];
  if (c === ".") return fullStopEnds(text, i);
  if (c === "!" || c === "?" || c === "…") {
    if (c === "?" && (i === 0 || isSpace(text[i - 1]) || text[i - 1] === "(" || text[i - 1] === "?")) return -1;
    const e = skipClosers(text, i + 1);
    if (e < text.length && !isSpace(text[e])) return -1;
    if (c === "…" && e < text.length && !isUpperOrDigit(text[nextVisible(text, e)])) return -1;
    return e;
  }
  if (c === "\n") {
    let k = i + 1;
    while (k < text.length && (text[k] === " " || text[k] === "\t" || text[k] === "\r")) k++;
    if (k >= text.length || text[k] === "\n") return i + 1;
    return startsListItem(text, k) || isUpperOrDigit(text[k]) ? i + 1 : -1;
  }
  return -1;
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

/** Split a note into sentences (trimmed spans; empty ones dropped). Pure. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const e = sentenceEndAt(text, i);
    if (e < 0) continue;
    const s = trimmed(text, from, e);
    if (s.end > s.start) out.push(s);
    from = e;
    i = e - 1;
  }
  const last = trimmed(text, from, text.length);
  if (last.end > last.start) out.push(last);
  return out;
}

/**
 * The sentence holding `text[start, end)`, found by looking outwards from the mention only (fast on long
 * notes). A boundary inside the mention itself (a phrase matched across a line break) is ignored.
 */
export function sentenceAround(text: string, start: number, end: number): Span {
  let from = Math.max(0, start - MAX_REACH);
  for (let j = start - 1; j >= Math.max(0, start - MAX_REACH); j--) {
    const e = sentenceEndAt(text, j);
    if (e >= 0 && e <= start) {
      from = e;
      break;
    }
  }
  let to = Math.min(text.length, end + MAX_REACH);
  for (let j = end; j < Math.min(text.length, end + MAX_REACH); j++) {
    const e = sentenceEndAt(text, j);
    if (e >= 0) {
      to = e;
      break;
    }
  }
  const s = trimmed(text, from, to);
  return { start: Math.min(s.start, start), end: Math.max(s.end, end) };
}
