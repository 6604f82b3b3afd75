import type { CompiledDocuments } from "./compile.js";
import { isProse, lineRule, type Line, type LineKinds } from "./lines.js";
import type { Segment } from "./types.js";

/** A part found in the lines, before its author is known: line range, kind and its blocks. */
export interface RawPart {
  kind: "note" | "letter" | "email" | "form";
  rule: string;
  /** First and last line (inclusive). */
  first: number;
  last: number;
  segments: Segment[];
}

/** Most lines a sign-off block runs to after its closing line. */
const SIGNOFF_REACH = 14;
/** Most blank lines in a row inside a sign-off block (the space left for a signature). */
const SIGNOFF_GAP = 4;

const seg = (kind: Segment["kind"], rule: string, start: number, end: number, extra: Partial<Segment> = {}): Segment => ({ kind, rule, start, end, ...extra });

/** Where an e-mail header block starts: two or more header lines in a row, one of them naming the sender or the sending time. */
function headerBlockAt(kinds: readonly LineKinds[], lines: readonly Line[], i: number): number {
  let j = i;
  let senderish = false;
  while (j < lines.length && kinds[j].header) {
    if (kinds[j].header!.rule.role === "sender" || /^(?:sent|date)\b/i.test(lines[j].text)) senderish = true;
    j++;
  }
  return j - i >= 2 && senderish ? j - 1 : -1;
}

/** The last line of the sign-off block that starts at closing line `c` (stopping before `limit`). */
function signoffEnd(lines: readonly Line[], kinds: readonly LineKinds[], c: number, limit: number): number {
  let last = c;
  let blanks = 0;
  for (let j = c + 1; j < Math.min(limit, c + SIGNOFF_REACH + 1); j++) {
    const l = lines[j];
    const k = kinds[j];
    if (l.blank) {
      if (++blanks > SIGNOFF_GAP) break;
      continue;
    }
    if (k.salutation || headerBlockAt(kinds, lines, j) >= 0 || (k.heading && !k.field) || k.pastedIntro || k.formTitle) break;
    if (isProse(l) || l.words > 10 || (l.words >= 3 && /[.!?]$/.test(l.text))) break;
    last = j;
    blanks = 0;
  }
  return last;
}

/** First line at or after `from` (and before `limit`) that is not blank. */
function nextFilled(lines: readonly Line[], from: number, limit: number): number {
  let j = from;
  while (j < limit && lines[j].blank) j++;
  return j;
}

/**
 * The head of a letter: the block lines (letterhead, addressee, date, subject) just above its salutation,
 * back to prose, an introducing line, or `floor`.
 */
function headStart(lines: readonly Line[], kinds: readonly LineKinds[], s: number, floor: number): number {
  let start = s;
  for (let j = s - 1; j >= floor; j--) {
    const l = lines[j];
    if (l.blank) continue;
    if (isProse(l) || kinds[j].pastedIntro || (kinds[j].heading && !kinds[j].field) || kinds[j].closing) break;
    start = j;
  }
  return start;
}

/** Split the head of a letter into its blocks by blank lines: dates, subject, addressee, letterhead. */
function headSegments(lines: readonly Line[], first: number, last: number, rules: CompiledDocuments): Segment[] {
  const out: Segment[] = [];
  const paragraphs: [number, number][] = [];
  for (let j = first; j <= last; j++) {
    if (lines[j].blank) continue;
    const p = paragraphs[paragraphs.length - 1];
    if (p && p[1] === j - 1) p[1] = j;
    else paragraphs.push([j, j]);
  }
  let letterheadSeen = false;
  for (const [a, b] of paragraphs) {
    let j = a;
    while (j <= b) {
      const l = lines[j];
      const date = lineRule(rules.dates, l);
      const subject = lineRule(rules.subjects, l);
      if (date) {
        out.push(seg("date", date.id, l.start, l.end));
        j++;
        continue;
      }
      if (subject) {
        let k = j;
        while (k + 1 <= b && !lineRule(rules.dates, lines[k + 1])) k++;
        out.push(seg("subject", subject.id, l.start, lines[k].end));
        j = k + 1;
        continue;
      }
      // An addressee block starts at a person's title or a "To:"/"FAO" line; a letterhead is the sender's block
      // at the top. Inside one paragraph, a title line after organisation lines starts the addressee.
      const addressee = lineRule(rules.addressees, l);
      let k = j;
      if (addressee || letterheadSeen) {
        while (k + 1 <= b && !lineRule(rules.dates, lines[k + 1]) && !lineRule(rules.subjects, lines[k + 1])) k++;
        out.push(seg("addressee", addressee?.id ?? "doc.addressee-after-letterhead", l.start, lines[k].end));
      } else {
        while (k + 1 <= b && !lineRule(rules.dates, lines[k + 1]) && !lineRule(rules.subjects, lines[k + 1]) && !lineRule(rules.addressees, lines[k + 1])) k++;
        out.push(seg("letterhead", "doc.letterhead", l.start, lines[k].end));
        letterheadSeen = true;
      }
      j = k + 1;
    }
  }
  return out;
}

/** Body and sign-off of a letter or e-mail from line `from` to `last`, the sign-off opening at closing line `c` (or none). */
function bodyAndSignoff(lines: readonly Line[], kinds: readonly LineKinds[], from: number, c: number, last: number, rules: CompiledDocuments): Segment[] {
  const out: Segment[] = [];
  const bodyLast = c >= 0 ? c - 1 : last;
  const a = nextFilled(lines, from, bodyLast + 1);
  if (a <= bodyLast) {
    let b = bodyLast;
    while (b > a && lines[b].blank) b--;
    out.push(seg("body", "doc.body", lines[a].start, lines[b].end));
  }
  if (c >= 0) {
    out.push(seg("signoff", kinds[c].closing!.id, lines[c].start, lines[last].end));
    for (let j = c + 1; j <= last; j++) {
      const cc = lineRule(rules.copies, lines[j]);
      if (!cc) continue;
      let k = j;
      while (k + 1 <= last && !lines[k + 1].blank && !lineRule(rules.copies, lines[k + 1])) k++;
      out.push(seg("cc", cc.id, lines[j].start, lines[k].end));
      j = k;
    }
  }
  return out;
}

/** The first closing line in `[from, limit)`. */
function closingIn(kinds: readonly LineKinds[], from: number, limit: number): number {
  for (let j = from; j < limit; j++) if (kinds[j].closing) return j;
  return -1;
}

/** A letter opening at salutation line `s`. */
function letterAt(lines: readonly Line[], kinds: readonly LineKinds[], s: number, floor: number, limit: number, rules: CompiledDocuments): RawPart {
  const first = headStart(lines, kinds, s, floor);
  const segments = headSegments(lines, first, s - 1, rules);
  segments.push(seg("salutation", kinds[s].salutation!.id, lines[s].start, lines[s].end));
  let j = nextFilled(lines, s + 1, limit);
  const subject = j < limit ? lineRule(rules.subjects, lines[j]) : undefined;
  if (subject) {
    let k = j;
    while (k + 1 < limit && !lines[k + 1].blank && !isProse(lines[k + 1])) k++;
    segments.push(seg("subject", subject.id, lines[j].start, lines[k].end));
    j = k + 1;
  }
  const c = closingIn(kinds, j, limit);
  const last = c >= 0 ? signoffEnd(lines, kinds, c, limit) : lastFilled(lines, j, limit);
  segments.push(...bodyAndSignoff(lines, kinds, j, c, last, rules));
  return { kind: "letter", rule: kinds[s].salutation!.id, first, last, segments };
}

function lastFilled(lines: readonly Line[], from: number, limit: number): number {
  let b = limit - 1;
  while (b > from && lines[b].blank) b--;
  return Math.max(from, b);
}

/** An e-mail whose header block spans lines `h0..h1`. */
function emailAt(lines: readonly Line[], kinds: readonly LineKinds[], h0: number, h1: number, limit: number, rules: CompiledDocuments): RawPart {
  const segments: Segment[] = [];
  for (let j = h0; j <= h1; j++) {
    const h = kinds[j].header!;
    segments.push(seg("email_header", h.rule.id, lines[j].start, lines[j].end, { name: h.rule.role, valueStart: h.valueStart }));
  }
  let j = nextFilled(lines, h1 + 1, limit);
  if (j < limit && kinds[j].salutation) {
    segments.push(seg("salutation", kinds[j].salutation!.id, lines[j].start, lines[j].end));
    j++;
  }
  const c = closingIn(kinds, j, limit);
  const last = c >= 0 ? signoffEnd(lines, kinds, c, limit) : lastFilled(lines, j, limit);
  segments.push(...bodyAndSignoff(lines, kinds, j, c, last, rules));
  return { kind: "email", rule: kinds[h0].header!.rule.id, first: h0, last, segments };
}

/**
 * A form from line `t`: its title (if any) and the run of field lines after it, each field running on
 * over its continuation lines, up to a section heading that is not also a field, or `limit`. A title that
 * holds the whole note (minutes, a report) keeps its prose and headings too, up to another document.
 */
function formAt(lines: readonly Line[], kinds: readonly LineKinds[], t: number, limit: number, rules: CompiledDocuments): RawPart {
  const segments: Segment[] = [];
  let j = t;
  const whole = kinds[t].formTitle?.wholeNote === true && !kinds[t].field;
  if (kinds[t].formTitle && !kinds[t].field) {
    const title = kinds[t].formTitle!;
    segments.push(seg("form_title", title.id, lines[t].start, lines[t].end));
    // A title that names its issuer and its recipient ("SOCIAL CARE - REFERRAL TO CAMHS"): like a letterhead and an addressee.
    const m = title.regex.exec(lines[t].text);
    for (const [group, kind] of [["sender", "letterhead"], ["recipient", "addressee"]] as const) {
      const at = m?.indices?.groups?.[group];
      if (!at || !m!.groups![group].trim()) continue;
      const s = lines[t].start + at[0] + (m!.groups![group].length - m!.groups![group].trimStart().length);
      const e = lines[t].start + at[1] - (m!.groups![group].length - m!.groups![group].trimEnd().length);
      if (e > s) segments.push(seg(kind, title.id, s, e));
    }
    j++;
  }
  let last = j - 1;
  let open: Segment | undefined;
  let afterBlank = false;
  for (; j < limit; j++) {
    const l = lines[j];
    const k = kinds[j];
    if (l.blank) {
      afterBlank = true;
      continue;
    }
    // The team's own assessment starts at one of its headings ("HPC", "MSE", "Impression"); other labels carry the form on.
    const ends = !whole && k.heading && !k.field && rules.formEnds.has(k.heading.rule.id);
    if (k.salutation || headerBlockAt(kinds, lines, j) >= 0 || (k.closing && !whole) || k.pastedIntro || ends || (k.formTitle && !k.field && j > t)) break;
    const fieldLike = k.field || k.label || k.heading;
    // After a blank line only another field carries the form on: a line of prose there is the note's own,
    // unless the titled document is the whole note.
    if (afterBlank && !fieldLike) {
      if (!whole) break;
      open = undefined;
    }
    afterBlank = false;
    if (k.field) {
      // A label alone on its line takes the lines below it as its value.
      const valueStart = k.field.alone ? (lines[nextFilled(lines, j + 1, limit)]?.start ?? l.end) : k.field.valueStart;
      open = seg("field", k.field.rule.id, l.start, l.end, { name: k.field.rule.role, valueStart });
      segments.push(open);
    } else if (fieldLike) {
      open = seg("field", "doc.field", l.start, l.end, { name: "other" });
      segments.push(open);
    } else if (open) open.end = l.end;
    else segments.push((open = seg("body", "doc.body", l.start, l.end)));
    last = j;
  }
  const rule = kinds[t].formTitle?.id ?? kinds[t].field!.rule.id;
  return { kind: "form", rule, first: t, last: Math.max(last, t), segments };
}

/**
 * Does a form start at line `i`: a title line; three field lines among the next few, one naming the sender;
 * or, at the top of the note's text (`top`), the sender's field and one more ("Source of referral: GP.
 * Reason: low mood …").
 */
function formStartsAt(lines: readonly Line[], kinds: readonly LineKinds[], i: number, top = false): boolean {
  if (kinds[i].formTitle) return true;
  if (!kinds[i].field) return false;
  if (top && kinds[i].field!.rule.role === "sender" && !kinds[i].field!.alone) {
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) if (kinds[j].field || kinds[j].label || /\b[A-Z][a-z]+:\s/.test(lines[j].text)) return true;
    if (/[.;]\s+[A-Z][a-z]+:\s/.test(lines[i].text)) return true;
  }
  let fields = 0;
  let sender = false;
  for (let j = i; j < Math.min(lines.length, i + 8); j++) {
    if (kinds[j].field) {
      fields++;
      if (kinds[j].field!.rule.role === "sender") sender = true;
    }
  }
  return fields >= 3 && sender;
}

/**
 * Find the parts of a note: e-mails (a header block), letters (a salutation, or a closing with no
 * salutation before it), forms (a title, or a run of fields naming the sender), and the note's own text
 * around them. Pure.
 */
export function findParts(lines: readonly Line[], kinds: readonly LineKinds[], rules: CompiledDocuments): RawPart[] {
  const parts: RawPart[] = [];
  let cursor = 0;
  const n = lines.length;
  const noteRegion = (a: number, b: number): void => {
    const x = nextFilled(lines, a, b + 1);
    if (x <= b) parts.push({ kind: "note", rule: "doc.note", first: x, last: lastFilled(lines, x, b + 1), segments: [] });
  };
  // Where the next part could begin, from line i: the limit the current part must stop at.
  const nextAnchor = (i: number): number => {
    for (let j = i; j < n; j++) if (headerBlockAt(kinds, lines, j) >= 0 || kinds[j].salutation || (formStartsAt(lines, kinds, j) && kinds[j].formTitle)) return j;
    return n;
  };
  let i = 0;
  while (i < n) {
    let part: RawPart | undefined;
    const h1 = headerBlockAt(kinds, lines, i);
    if (h1 >= 0) {
      // A greeting just under the headers belongs to the e-mail, not to a letter of its own.
      const g = nextFilled(lines, h1 + 1, n);
      part = emailAt(lines, kinds, i, h1, nextAnchor(g < n && kinds[g].salutation ? g + 1 : h1 + 1), rules);
    }
    else if (kinds[i].salutation) part = letterAt(lines, kinds, i, cursor, nextAnchor(i + 1), rules);
    else if (formStartsAt(lines, kinds, i, i === nextFilled(lines, cursor, n))) part = formAt(lines, kinds, i, nextAnchor(i + 1), rules);
    else if (kinds[i].closing && !kinds[i].field) {
      // A closing with no salutation: a letter from the start of the text around it (after any introducing line).
      let first = cursor;
      for (let j = i - 1; j >= cursor; j--) if (kinds[j].pastedIntro) { first = j + 1; break; }
      first = nextFilled(lines, first, i);
      const last = signoffEnd(lines, kinds, i, nextAnchor(i + 1));
      const segments = bodyAndSignoff(lines, kinds, first, i, last, rules);
      part = { kind: "letter", rule: kinds[i].closing!.id, first, last, segments };
    }
    if (!part) {
      i++;
      continue;
    }
    if (part.first > cursor) noteRegion(cursor, part.first - 1);
    parts.push(part);
    cursor = part.last + 1;
    i = cursor;
  }
  if (cursor < n) noteRegion(cursor, n - 1);
  return parts;
}
