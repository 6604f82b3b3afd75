import { UserError } from "../../core/errors.js";
import { ruleIssues, ruleWhere } from "../../config/rule-errors.js";
import { documentsSchema, type DocumentsFile } from "./schema.js";
import type { AuthorBlock } from "./types.js";

/** A line rule ready to run. */
export interface LineRule {
  id: string;
  regex: RegExp;
  /** For a form title: the titled document runs to the end of the note. */
  wholeNote?: boolean;
}

/** A labelled line (e-mail header, form field): the regex matches the label and its colon at a line start. */
export interface LabelRule extends LineRule {
  role: "sender" | "recipient" | "signature" | "other";
  /** For a form field: the label alone on its line, its value on the lines below ("REFERRER" / "Metropolitan Police"). */
  alone?: RegExp;
}

/** A section rule ready to run: its heading at a line start, and inline after a sentence end. */
export interface SectionRule {
  id: string;
  label: string;
  /** Heading at the start of a line: followed by a colon or dash, or alone on the line. */
  line: RegExp;
  /** Heading inside a line, after a sentence end or a wide gap, followed by a colon. */
  inline: RegExp;
  /** One of this section's own headings at the start of a text (to tell the longest heading of a line). */
  own: RegExp;
}

export interface AuthorRule {
  id: string;
  says: "team" | "other";
  block: AuthorBlock;
  /** Global, case-insensitive: every match in the block is a candidate. */
  regex: RegExp;
}

/** A documents file validated and compiled once, shared by every note. */
export interface CompiledDocuments {
  source: string;
  name: string;
  salutations: LineRule[];
  closings: LineRule[];
  subjects: LineRule[];
  copies: LineRule[];
  dates: LineRule[];
  addressees: LineRule[];
  pastedIntros: LineRule[];
  formTitles: LineRule[];
  headers: LabelRule[];
  fields: LabelRule[];
  sections: SectionRule[];
  /** Ids of sections whose heading ends a form. */
  formEnds: ReadonlySet<string>;
  /** Organisation or address words of a letterhead at a note's top (absent: no such letterheads). */
  letterheadWords?: RegExp;
  authorship: AuthorRule[];
}

const LISTS = new Set(["salutations", "closings", "subjects", "copies", "dates", "addressees", "pastedIntros", "formTitles", "emailHeaders", "fields", "sections", "authorship"]);




const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A literal label as a pattern: case-insensitive, any run of spaces for a space, `/` and `&` with optional spaces around. */
const literal = (s: string): string =>
  escape(s.trim())
    .replace(/\s+/g, "\\s+")
    .replace(/\\?\/|&/g, (m) => `\\s*${m}\\s*`);

/**
 * Validate a documents file (already parsed from JSON) and compile its patterns once. Throws a
 * `UserError` naming the file, the entry and the field. Pure.
 */
export function compileDocuments(raw: unknown, source = "documents.json"): CompiledDocuments {
  const parsed = documentsSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(ruleIssues(source, raw, parsed.error.issues, LISTS));
  const file: DocumentsFile = parsed.data;
  const lexicons = file.lexicons ?? {};
  const seen = new Set<string>();

  const compile = (pattern: string, flags: string, at: string): RegExp => {
    const spliced = pattern.replace(/@([a-z0-9_.-]+)/g, (_, name: string) => {
      const lex = lexicons[name];
      if (!lex) throw new UserError(`${at}: no lexicon named "${name}" (define it under "lexicons" or fix the name)`);
      return `(?:${lex.join("|")})`;
    });
    try {
      return new RegExp(spliced, flags);
    } catch (err) {
      throw new UserError(`${at}: not a valid regular expression (${(err as Error).message.replace(/^Invalid regular expression: /, "")})`);
    }
  };
  const claim = (ruleId: string, at: string): void => {
    if (seen.has(ruleId)) throw new UserError(`${at} › id: "${ruleId}" is used twice; give each rule its own id`);
    seen.add(ruleId);
  };
  // Form titles keep match indices: their named groups `sender` and `recipient` mark who issued the form and whom it is for.
  const lines = (key: "salutations" | "closings" | "subjects" | "copies" | "dates" | "addressees" | "pastedIntros" | "formTitles"): LineRule[] =>
    file[key].map((r, i) => {
      const at = ruleWhere(source, raw, [key, i], LISTS);
      claim(r.id, at);
      const wholeNote = "wholeNote" in r && r.wholeNote === true;
      return { id: r.id, regex: compile(r.pattern, key === "formTitles" ? "di" : "i", `${at} › pattern`), ...(wholeNote ? { wholeNote } : {}) };
    });
  const labelled = (key: "emailHeaders" | "fields"): LabelRule[] =>
    file[key].map((r, i) => {
      const at = ruleWhere(source, raw, [key, i], LISTS);
      claim(r.id, at);
      const extra = "labelPattern" in r && r.labelPattern ? compile(r.labelPattern, "i", `${at} › labelPattern`).source.replace(/^\^|\$$/g, "") : undefined;
      const alt = [...r.labels.map(literal), ...(extra ? [`(?:${extra})`] : [])].join("|");
      return {
        id: r.id,
        role: r.role,
        regex: new RegExp(`^[ \\t]*(?:${alt})[ \\t]*:[ \\t]*`, "i"),
        ...(key === "fields" ? { alone: new RegExp(`^[ \\t]*(?:${alt})[ \\t]*:?[ \\t]*$`, "i") } : {}),
      };
    });

  // A heading may join others: "Personal/Social", "Impression & plan", "Drugs and alcohol/forensic"; the first names the section.
  const anyHeading = file.sections.flatMap((s) => s.headings.map(literal)).join("|");
  const joined = `(?:[ \\t]*(?:/|&|\\band\\b)[ \\t]*(?:${anyHeading}))*`;
  const sections: SectionRule[] = file.sections.map((s, i) => {
    claim(s.id, ruleWhere(source, raw, ["sections", i], LISTS));
    const alt = s.headings.map(literal).join("|");
    return {
      id: s.id,
      label: s.label,
      line: new RegExp(`^[ \\t]*(?:${alt})${joined}(?:[ \\t]*:[ \\t]*|[ \\t]+[-–—][ \\t]+|[ \\t]*[-–—]?[ \\t]*$)`, "i"),
      inline: new RegExp(`(?<=[.!?;)][ \\t]{1,4}|[ \\t]{3,})(?:${alt})[ \\t]*:`, "gi"),
      own: new RegExp(`^(?:${s.headings.map(literal).sort((a, b) => b.length - a.length).join("|")})`, "i"),
    };
  });
  const authorship: AuthorRule[] = file.authorship.map((r, i) => {
    const at = ruleWhere(source, raw, ["authorship", i], LISTS);
    claim(r.id, at);
    return { id: r.id, says: r.says, block: r.block, regex: compile(r.pattern, "gi", `${at} › pattern`) };
  });
  return {
    source,
    name: file.name ?? source,
    salutations: lines("salutations"),
    closings: lines("closings"),
    subjects: lines("subjects"),
    copies: lines("copies"),
    dates: lines("dates"),
    addressees: lines("addressees"),
    pastedIntros: lines("pastedIntros"),
    formTitles: lines("formTitles"),
    headers: labelled("emailHeaders"),
    fields: labelled("fields"),
    sections,
    formEnds: new Set(file.formEnds ?? []),
    letterheadWords: file.letterheadWords ? compile(file.letterheadWords, "i", `${source} › letterheadWords`) : undefined,
    authorship,
  };
}
