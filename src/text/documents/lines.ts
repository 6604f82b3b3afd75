import type { CompiledDocuments, LabelRule, LineRule, SectionRule } from "./compile.js";

/** One line of a note: offsets of its visible text (no line break, no surrounding blanks). */
export interface Line {
  /** Offset of the line's first character (before any indent). */
  from: number;
  /** Offsets of the trimmed text. */
  start: number;
  end: number;
  text: string;
  blank: boolean;
  words: number;
}

const WORD = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g;

/** Split a note into lines (LF, CRLF or CR), each trimmed. Pure. */
/** A line that is an item of a list: a bullet, or a number with a point or bracket. */
const LIST_ITEM = /^\s*(?:[-–—•*·▪]|\d{1,2}[.)]|[a-z][.)])\s/;

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let from = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const to = m ? m.index : text.length;
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    const t = text.slice(s, e);
    out.push({ from, start: s, end: e, text: t, blank: s === e, words: t.match(WORD)?.length ?? 0 });
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

/** The first rule whose pattern matches the line, if any. */
export function lineRule(rules: readonly LineRule[], line: Line): LineRule | undefined {
  if (line.blank) return undefined;
  return rules.find((r) => r.regex.test(line.text));
}

/** The labelled-line rule (header or field) of a line, with where its value starts. */
export function labelOf(rules: readonly LabelRule[], line: Line): { rule: LabelRule; valueStart: number; alone?: boolean } | undefined {
  if (line.blank) return undefined;
  for (const rule of rules) {
    const m = rule.regex.exec(line.text);
    if (m) return { rule, valueStart: line.start + m[0].length };
  }
  // A field's label alone on its line, the value below it: "REFERRER" / "Metropolitan Police - DC ZZZZZ".
  if (line.words <= 6) for (const rule of rules) if (rule.alone?.test(line.text)) return { rule, valueStart: -1, alone: true };
  return undefined;
}

/** The section whose heading opens the line, with the heading's span. */
export function headingOf(rules: readonly SectionRule[], line: Line): { rule: SectionRule; start: number; end: number } | undefined {
  if (line.blank) return undefined;
  // The longest heading of its own wins: "Summary and formulation" is a formulation, not a summary joined to one.
  let best: { rule: SectionRule; start: number; end: number; own: number } | undefined;
  for (const rule of rules) {
    const m = rule.line.exec(line.text);
    if (!m) continue;
    const own = rule.own.exec(line.text.trimStart())?.[0].length ?? 0;
    if (!best || own > best.own) best = { rule, start: line.start, end: line.start + m[0].trimEnd().length, own };
  }
  return best && { rule: best.rule, start: best.start, end: best.end };
}

/** A line of prose rather than a block line: long, or a sentence of several words. */
export function isProse(line: Line): boolean {
  if (line.blank) return false;
  return line.text.length > 100 || line.words >= 14 || (line.words >= 6 && /[.!?]["'”’)]?$/.test(line.text));
}

/** Per-line classification used to find the parts of a note. */
/** A short label and its colon at a line start ("Date/time referred:", "Medically fit?:"): a field in a form. */
const LABEL = /^[A-Za-z][A-Za-z0-9/&'()\- ]{0,40}?\??[ \t]*:[ \t]*\S/;

export interface LineKinds {
  /** A short label and colon at the line start, known or not. */
  label?: boolean;
  salutation?: LineRule;
  closing?: LineRule;
  header?: { rule: LabelRule; valueStart: number };
  field?: { rule: LabelRule; valueStart: number; alone?: boolean };
  heading?: { rule: SectionRule; start: number; end: number };
  formTitle?: LineRule;
  pastedIntro?: LineRule;
}

/** Classify every line once. Pure. */
export function classify(lines: readonly Line[], rules: CompiledDocuments): LineKinds[] {
  return lines.map((line) => {
    if (line.blank) return {};
    const k: LineKinds = {};
    if (LABEL.test(line.text) && !/^\w+:\/\//.test(line.text)) k.label = true;
    const header = labelOf(rules.headers, line);
    if (header) k.header = header;
    const field = labelOf(rules.fields, line);
    if (field) k.field = field;
    const heading = headingOf(rules.sections, line);
    if (heading) k.heading = heading;
    if (line.words <= 14) {
      const salutation = lineRule(rules.salutations, line);
      if (salutation) k.salutation = salutation;
      const closing = lineRule(rules.closings, line);
      if (closing) k.closing = closing;
      // A labelled line is a field, never a form's title ("Date of referral: …", "REASON FOR REFERRAL"); nor is
      // an item of a list ("- Referral to CAMHS re self-harm").
      const title = k.field || k.label || LIST_ITEM.test(line.text) ? undefined : lineRule(rules.formTitles, line);
      if (title) k.formTitle = title;
    }
    const intro = lineRule(rules.pastedIntros, line);
    if (intro) k.pastedIntro = intro;
    return k;
  });
}
