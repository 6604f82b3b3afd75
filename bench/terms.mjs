// The case-finding terms of a notes-analyse term file, rewritten as regular expressions for the
// baselines of the benchmark (ripgrep, GNU grep, pandas).
//
//   node bench/terms.mjs [rg|grep] [TERMS_FILE]     print the patterns, one a line
//
// The terms are read by notes-analyse's own parser (dist/text/terms/parse-terms.js: run
// `npm run build` first), so the baselines search exactly the case-finding group that search does.
//
// What the baselines cannot do, and how the patterns stand in for it:
// - typo tolerance (`~trafficked`): neither grep, ripgrep nor Python's `re` has fuzzy matching, so the
//   word is searched exactly (typos are missed);
// - whole words: given to rg and grep by `-w`, and to pandas by `\b` around the combined pattern;
// - phrases across line breaks: rg and grep search line by line, so a phrase broken over two lines
//   is missed by them (pandas matches within the whole note text).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const DEFAULT_TERMS = join(import.meta.dirname, "..", "src", "presets", "south-london-2015", "terms.txt");

/**
 * The case-finding terms of a term file: { kind: "regex", text, source } or
 * { kind: "words", text, fuzzy, words }, where a word ending in `*` is a prefix.
 */
export async function caseTerms(source, file = "terms.txt") {
  const { parseTerms } = await import("../dist/text/terms/parse-terms.js");
  const { CASE_GROUP } = await import("../dist/text/terms/terms.js");
  return parseTerms(source, file)
    .filter((t) => t.group === CASE_GROUP)
    .map((t) => {
      if (t.kind === "regex") return { kind: "regex", text: t.text, source: t.regex.source };
      // Tokens joined without a gap (A&E) make one word; a prefix token ends its word with `*`.
      const words = [];
      for (const k of t.tokens) {
        const w = k.text + (k.match === "prefix" ? "*" : "");
        if (k.joinBefore === "adjacent" && words.length > 0) words[words.length - 1] += w;
        else words.push(w);
      }
      return { kind: "words", text: t.text, fuzzy: t.tokens.some((k) => k.match === "fuzzy"), words };
    });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Regex flavours: Rust/Python/JavaScript (`rg`, also used by pandas) and POSIX ERE (`grep`). */
const FLAVOURS = {
  rg: { gap: "[\\s-]+", wordChars: "\\w*" },
  grep: { gap: "[[:space:]-]+", wordChars: "[[:alnum:]_]*" },
};

/** One term as a pattern of the flavour (without word boundaries: `-w` or `\b` adds them). */
function wordsPattern(term, flavour) {
  const { gap, wordChars } = FLAVOURS[flavour];
  return term.words.map((w) => (w.endsWith("*") ? escape(w.slice(0, -1)) + wordChars : escape(w))).join(gap);
}

/**
 * A `/regex/` term (JavaScript syntax) as POSIX ERE for GNU grep: `\s \w \d` become character classes
 * (inside or outside brackets), `(?:` becomes `(`. Anything ERE cannot say (lookaround, `\S` inside
 * brackets, lazy quantifiers) is an error rather than a silently different pattern.
 */
function regexToEre(source) {
  const classes = { s: "[:space:]", w: "[:alnum:]_", d: "[:digit:]" };
  const negated = { S: "[:space:]", W: "[:alnum:]_", D: "[:digit:]" };
  let out = "";
  let inBracket = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\" && i + 1 < source.length) {
      const e = source[++i];
      if (classes[e]) out += inBracket ? classes[e] : `[${classes[e]}]`;
      else if (negated[e] && !inBracket) out += `[^${negated[e]}]`;
      else if (negated[e]) throw new Error(`terms: cannot write \\${e} inside [] for grep in /${source}/`);
      else out += `\\${e}`;
    } else if (!inBracket && source.startsWith("(?:", i)) {
      out += "(";
      i += 2;
    } else if (!inBracket && (source.startsWith("(?", i) || (c === "?" && /[*+?}]/.test(source[i - 1] ?? "") && source[i - 2] !== "\\"))) {
      throw new Error(`terms: /${source}/ uses syntax GNU grep -E does not have`);
    } else {
      if (c === "[" && !inBracket) inBracket = true;
      else if (c === "]" && inBracket && out.at(-1) !== "[" && out.slice(-2) !== "[^") inBracket = false;
      out += c;
    }
  }
  return out;
}

/**
 * The case-finding terms as patterns of a flavour ("rg" or "grep"), duplicates removed, and notes on
 * the terms that had to be simplified (the `~` ones).
 */
export async function casePatterns(source, flavour) {
  if (!FLAVOURS[flavour]) throw new Error(`terms: unknown flavour ${flavour}`);
  const patterns = [];
  const notes = [];
  for (const term of await caseTerms(source)) {
    let p;
    if (term.kind === "regex") p = flavour === "grep" ? regexToEre(term.source) : term.source;
    else {
      p = wordsPattern(term, flavour);
      if (term.fuzzy) notes.push(`${term.text}: searched as "${term.words.join(" ")}" without typo tolerance`);
    }
    if (!patterns.includes(p)) patterns.push(p);
  }
  return { patterns, notes };
}

// Run directly: print the patterns.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [flavour = "rg", file = DEFAULT_TERMS] = process.argv.slice(2);
  const { patterns, notes } = await casePatterns(readFileSync(file, "utf8"), flavour);
  process.stdout.write(patterns.join("\n") + "\n");
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
}
