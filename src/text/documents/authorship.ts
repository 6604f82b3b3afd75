import type { Span } from "../context/sentences.js";
import type { CompiledDocuments } from "./compile.js";
import type { Author, AuthorBlock, AuthorEvidence, Segment } from "./types.js";

/** The blocks of one part where its writer may be named, each a list of spans. */
export type Blocks = Record<AuthorBlock, Span[]>;

/**
 * Collect the blocks of a part from its segments: sign-off lines (not the closing phrase, not cc lines),
 * letterhead, the sender's e-mail header and form field values, the addressee (with the salutation and
 * recipient fields), and the opening (`opening`, given by the caller: the part's first sentences).
 */
export function blocksOf(text: string, segments: readonly Segment[], opening: readonly Span[]): Blocks {
  const blocks: Blocks = { signoff: [], letterhead: [], email_from: [], sender_field: [], signature: [], addressee: [], opening: [...opening] };
  const ccs = segments.filter((s) => s.kind === "cc");
  for (const s of segments) {
    if (s.kind === "signoff") {
      const nl = text.indexOf("\n", s.start);
      const from = nl < 0 || nl >= s.end ? s.end : nl + 1;
      let at = from;
      for (const cc of ccs.filter((c) => c.start >= from && c.end <= s.end).sort((a, b) => a.start - b.start)) {
        if (cc.start > at) blocks.signoff.push({ start: at, end: cc.start });
        at = cc.end;
      }
      if (s.end > at) blocks.signoff.push({ start: at, end: s.end });
    } else if (s.kind === "letterhead") blocks.letterhead.push({ start: s.start, end: s.end });
    else if (s.kind === "email_header" && s.name === "sender") blocks.email_from.push({ start: s.valueStart ?? s.start, end: s.end });
    else if (s.kind === "email_header" && s.name === "recipient") blocks.addressee.push({ start: s.valueStart ?? s.start, end: s.end });
    else if (s.kind === "field" && s.name === "sender") blocks.sender_field.push({ start: s.valueStart ?? s.start, end: s.end });
    else if (s.kind === "field" && s.name === "signature") blocks.signature.push({ start: s.valueStart ?? s.start, end: s.end });
    else if (s.kind === "field" && s.name === "recipient") blocks.addressee.push({ start: s.valueStart ?? s.start, end: s.end });
    else if (s.kind === "addressee" || s.kind === "salutation") blocks.addressee.push({ start: s.start, end: s.end });
  }
  return blocks;
}

/**
 * Who wrote a part: the first authorship rule, in file order, whose pattern matches inside its block
 * decides. `fallback` when none matches (the note's own text is the team's; a letter nobody can place is
 * `unknown`). Pure.
 */
export function decideAuthor(text: string, blocks: Blocks, rules: CompiledDocuments, fallback: Author): { author: Author; evidence: AuthorEvidence[] } {
  for (const rule of rules.authorship) {
    for (const span of blocks[rule.block]) {
      const slice = text.slice(span.start, span.end);
      rule.regex.lastIndex = 0;
      const m = rule.regex.exec(slice);
      if (!m) continue;
      const start = span.start + m.index;
      return { author: rule.says, evidence: [{ rule: rule.id, block: rule.block, says: rule.says, start, end: start + Math.max(1, m[0].length) }] };
    }
  }
  return { author: fallback, evidence: [] };
}

/** Spans where the writer may be named, in groups, most telling first: sign-off and signature, letterhead, From:, sender field, opening. */
export function senderSpans(blocks: Blocks): Span[][] {
  return [[...blocks.signoff, ...blocks.signature], blocks.letterhead, blocks.email_from, blocks.sender_field, blocks.opening].filter((g) => g.length > 0);
}
