import type { Span } from "../context/sentences.js";

/** What a stretch of a note is, read as a document. */
export const SEGMENT_KINDS = [
  "letterhead",
  "addressee",
  "date",
  "salutation",
  "subject",
  "body",
  "signoff",
  "cc",
  "email_header",
  "form_title",
  "field",
  "heading",
] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** One block of a note, with the rule that recognised it. */
export interface Segment extends Span {
  kind: SegmentKind;
  /** Id of the documents rule that recognised the block (`doc.body` for what is left between blocks). */
  rule: string;
  /** The field id of a form field or the section id of a heading. */
  name?: string;
  /** For a field: where its value starts (after the label and colon). */
  valueStart?: number;
}

/** Who wrote a part of a note: the mental health team, another service, or no rule could tell. */
export type Author = "team" | "other" | "unknown";

/** Why a part was given its author: the rule, the block it looked in, and the span it matched. */
export interface AuthorEvidence extends Span {
  rule: string;
  block: AuthorBlock;
  says: "team" | "other";
}

/** The blocks of a part where its writer may be named. */
export const AUTHOR_BLOCKS = ["signoff", "letterhead", "email_from", "sender_field", "signature", "addressee", "opening"] as const;
export type AuthorBlock = (typeof AUTHOR_BLOCKS)[number];

/**
 * A unit of authorship: the note itself, or a letter, e-mail or form in it (a whole letter filed as a
 * note, or one pasted into an event note).
 */
export interface Part extends Span {
  kind: "note" | "letter" | "email" | "form";
  author: Author;
  /** The rule that decided the author, first; empty when none did. */
  evidence: AuthorEvidence[];
  /**
   * Spans that name the writer, in groups from the most telling: the sign-off and signature, the letterhead,
   * the From: line, the referrer's field, the opening — for looking up who they are.
   */
  senderSpans: Span[][];
  /** The rule that recognised the part (`doc.note` for the note itself). */
  rule: string;
}

/** A section of an assessment or note under a heading ("HPC", "Imp:", "PLAN"). */
export interface Section extends Span {
  /** The section id of the documents rules (`history`, `impression`, `plan` …). */
  id: string;
  /** The heading itself. */
  heading: Span;
  rule: string;
}

/** A note read as a document. Every offset is into `text`. */
export interface DocumentView {
  text: string;
  noteType: string;
  segments: Segment[];
  parts: Part[];
  sections: Section[];
  /** Sentences that respect blocks: letterhead, addressee and sign-off lines are units of their own; a heading starts a sentence. */
  sentences: Span[];
  /** The part holding `offset`. */
  partAt(offset: number): Part;
  /** The section holding `offset`, if it lies under a heading. */
  sectionAt(offset: number): Section | undefined;
  /** The segment holding `offset`, if any. */
  segmentAt(offset: number): Segment | undefined;
  /** Index of the sentence holding `offset` (the nearest one before it when it falls between sentences). */
  sentenceOf(offset: number): number;
}
