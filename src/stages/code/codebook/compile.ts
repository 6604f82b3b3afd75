import type { z } from "zod";
import { UserError } from "../../../core/errors.js";
import { parseTerms } from "../../../text/terms/parse-terms.js";
import { porterStem } from "../porter.js";
import { codebookSchema, CODE_GROUPS, type CodeFile } from "./schema.js";
import { NO_CODE, type CodeDef, type CodeGroup, type CodePattern, type Codebook, type ThemeDef } from "./types.js";

const STEM = /^stem:(.*)$/is;

/** Where a zod issue sits, named by theme and code id where the file has them: `code instability.finance › patterns[2]`. */
function where(data: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const isItem = typeof key === "number" && (path[i - 1] === "themes" || path[i - 1] === "codes");
    if (isItem) {
      parts.pop();
      const kind = path[i - 1] === "themes" ? "theme" : "code";
      const itemId = next && typeof next === "object" ? (next as Record<string, unknown>).id : undefined;
      parts.push(typeof itemId === "string" && itemId ? `${kind} ${itemId}` : `${kind} #${key + 1}`);
    } else parts.push(typeof key === "number" ? `[${key}]` : String(key));
    node = next;
  }
  return parts.join(" › ").replace(/ › \[/g, "[") || "(top level)";
}

function formatIssue(file: string, data: unknown, issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `${file} › ${where(data, issue.path)}: unknown key ${issue.keys.join(", ")} (allowed keys are listed in the codebook documentation; check the spelling)`;
  }
  return `${file} › ${where(data, issue.path)}: ${issue.message}`;
}

/** Compile one pattern; a bad pattern is a problem naming the code and field. */
function compilePattern(pattern: string, code: string, field: string, problems: string[], file: string, nextId: () => number): CodePattern | undefined {
  const stem = STEM.exec(pattern.trim());
  if (stem) {
    const words = stem[1].toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) {
      problems.push(`${file} › code ${code} › ${field}: "stem:" needs at least one word (e.g. stem:evict)`);
      return undefined;
    }
    return { text: pattern, code, ref: field, kind: "stem", stems: words.map(porterStem) };
  }
  try {
    const terms = parseTerms(pattern, `${file} › code ${code} › ${field}`, nextId());
    if (terms.length !== 1) throw new UserError(`${file} › code ${code} › ${field}: expected one pattern (a group header or a comment is not a pattern)`);
    return { text: pattern, code, ref: field, kind: "terms", term: { ...terms[0], group: code } };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.push(err.message.replace(/ › (patterns|unless)\[(\d+)\]:1: /, " › $1[$2]: "));
    return undefined;
  }
}

/**
 * Validate a codebook (parsed JSON) and compile its patterns. Pure. Every problem is reported at once,
 * one line each, naming the file, the theme or code id and the field, e.g.
 * `codebook.json › code instability.finance › patterns[2]: invalid regular expression …`.
 */
export function compileCodebook(data: unknown, file: string): Codebook {
  const parsed = codebookSchema.safeParse(data);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => formatIssue(file, data, i)).join("\n"));
  const book = parsed.data;
  const problems: string[] = [];
  const seen = new Map<string, string>();
  let termId = 0;
  const nextId = () => termId++;
  const claim = (id: string, what: string) => {
    if (id === NO_CODE) problems.push(`${file} › ${what}: "${NO_CODE}" is reserved (coders enter it for an extract with no code)`);
    const before = seen.get(id);
    if (before) problems.push(`${file} › ${what}: id "${id}" is already used by ${before} (ids must be unique)`);
    else seen.set(id, what);
  };
  const themes: ThemeDef[] = book.themes.map((t) => {
    claim(t.id, `theme ${t.id}`);
    const themeGroups: CodeGroup[] = t.groups ?? [...CODE_GROUPS];
    const codes: CodeDef[] = t.codes.map((c: CodeFile) => {
      claim(c.id, `code ${c.id}`);
      for (const g of c.groups ?? []) {
        if (!themeGroups.includes(g)) problems.push(`${file} › code ${c.id} › groups: "${g}" is not a group of its theme ${t.id} (${themeGroups.join(", ")})`);
      }
      const compile = (list: string[], field: "patterns" | "unless") =>
        list.map((p, i) => compilePattern(p, c.id, `${field}[${i}]`, problems, file, nextId)).filter((p): p is CodePattern => p !== undefined);
      return {
        id: c.id,
        theme: t.id,
        label: c.label,
        description: c.description,
        inclusion: c.inclusion,
        exclusion: c.exclusion,
        example: c.example,
        groups: c.groups ?? themeGroups,
        patterns: compile(c.patterns, "patterns"),
        unless: compile(c.unless, "unless"),
      };
    });
    return { id: t.id, label: t.label, description: t.description, groups: themeGroups, color: t.color, codes };
  });
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  const codes = themes.flatMap((t) => t.codes);
  return {
    name: book.name,
    question: book.question,
    description: book.description,
    source: book.source,
    file,
    themes,
    codes,
    themeById: new Map(themes.map((t) => [t.id, t])),
    codeById: new Map(codes.map((c) => [c.id, c])),
  };
}

/** The values a coder may enter in a codes cell: every code id, every theme id (coding at theme level), and `none`. */
export function codingValues(book: Codebook): string[] {
  return [...book.codes.map((c) => c.id), ...book.themes.map((t) => t.id), NO_CODE];
}

/** The theme of a code or theme id, or undefined for `none` and unknown values. */
export function themeOf(book: Codebook, id: string): string | undefined {
  return book.codeById.get(id)?.theme ?? (book.themeById.has(id) ? id : undefined);
}
