import { UserError } from "../../core/errors.js";
import { CASE_GROUP, type Term, type TermToken } from "./terms.js";

const GROUP = /^\[([A-Za-z0-9_-]+)\]$/;
const REGEX_LINE = /^\/(.+?)\/\s*(?:#.*)?$/;
const WORD_PART = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const FUZZY_MIN = 6;
const PREFIX_MIN = 3;

/** Drop a `#` comment that follows whitespace (a `#` inside a word, like `C#`, is kept). */
function stripComment(line: string): string {
  if (line.trimStart().startsWith("#")) return "";
  const m = /\s#/.exec(line);
  return (m ? line.slice(0, m.index) : line).trim();
}

function fail(file: string, line: number, why: string): never {
  throw new UserError(`${file}:${line}: ${why}`);
}

/** Turn the words of a term into tokens (see tokenise.ts); `-` and whitespace both separate words. */
function wordTokens(body: string, fuzzy: boolean, file: string, line: number): TermToken[] {
  const tokens: TermToken[] = [];
  const words = body.split(/[\s\-\u2010\u2011]+/).filter(Boolean);
  if (words.length === 0) fail(file, line, "empty term");
  for (const word of words) {
    let w = word;
    let prefix = false;
    if (w.endsWith("*")) {
      prefix = true;
      w = w.slice(0, -1);
    }
    if (w.includes("*")) fail(file, line, `"*" may only end a word (write ${word.replace(/\*/g, "")}*, not ${word})`);
    const parts = w.match(WORD_PART) ?? [];
    if (parts.length === 0) fail(file, line, `"${word}" has no letters or digits`);
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      const text = p.toLowerCase();
      const isWord = /[\p{L}\p{N}]/u.test(p);
      let match: TermToken["match"] = "exact";
      if (prefix && last) {
        if (!isWord || text.length < PREFIX_MIN) fail(file, line, `a wildcard needs at least ${PREFIX_MIN} letters before "*" (got ${word})`);
        match = "prefix";
      } else if (fuzzy && isWord && text.length >= FUZZY_MIN) match = "fuzzy";
      tokens.push({ text, match, joinBefore: i === 0 ? "gap" : "adjacent" });
    });
  }
  return tokens;
}

/**
 * Parse a term file (SPEC §1 Stage 1): one term a line, `#` comments, `[group]` headers (terms before
 * any header are the case-finding group), whole words, phrases, `*` at a word end, `-`/space variants,
 * `/regex/`, and a leading `~` for one-typo tolerance on words of six or more letters. Any malformed
 * line is an error naming the file and line.
 */
export function parseTerms(source: string, file: string, firstId = 0): Term[] {
  const terms: Term[] = [];
  let group = CASE_GROUP;
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith("/")) {
      const m = REGEX_LINE.exec(trimmed);
      if (!m) fail(file, line, "a /regex/ term must end with / (a comment may follow after a space and #)");
      let regex: RegExp;
      try {
        regex = new RegExp(m[1], "gi");
      } catch (err) {
        fail(file, line, `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, "")}`);
      }
      if (regex.test("")) fail(file, line, "the regular expression matches empty text; it would match everywhere");
      regex.lastIndex = 0;
      terms.push({ id: firstId + terms.length, text: `/${m[1]}/`, group, file, line, kind: "regex", tokens: [], regex });
      return;
    }
    const body = stripComment(raw);
    if (body === "") return;
    if (body.startsWith("[")) {
      const g = GROUP.exec(body);
      if (!g) fail(file, line, `a group header is [name] with letters, digits, _ or - (got ${body})`);
      group = g[1].toLowerCase();
      return;
    }
    const fuzzy = body.startsWith("~");
    const words = fuzzy ? body.slice(1).trim() : body;
    if (words.startsWith("~")) fail(file, line, "one ~ is enough");
    const tokens = wordTokens(words, fuzzy, file, line);
    if (fuzzy && !tokens.some((t) => t.match === "fuzzy")) {
      fail(file, line, `~ allows one typo in words of ${FUZZY_MIN} or more letters, and "${words}" has none`);
    }
    terms.push({ id: firstId + terms.length, text: body, group, file, line, kind: "words", tokens });
  });
  return terms;
}
