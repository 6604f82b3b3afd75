import type { Group } from "../../core/types.js";

/** One passage pulled out of a note for coding (a row of extracts.csv and of the coders' workbook). */
export interface Extract {
  extractId: string;
  patientId: string;
  group: Group;
  noteId: string;
  date: string;
  noteType: string;
  /** Offsets into the note text (UTF-16), end exclusive. */
  start: number;
  end: number;
  text: string;
  /** What pulled it out: retrieval groups, `codebook`, and `coded` for a passage a coder already decided on. */
  retrievedBy: string[];
  /** Suggested code ids, codebook order. */
  suggested: string[];
  /** `code ← "matched text" (pattern)` for each pattern that fired. */
  rules: string[];
  /** The pattern hits behind the suggestions: offsets into the note and the code each suggests. */
  highlights: { start: number; end: number; code: string }[];
}

/** A coder's decisions on one extract, read back from a workbook. */
export interface CoderDecision {
  /** Code (or theme) ids, or [`none`]; empty when not coded yet. */
  codes: string[];
  memo: string;
}

/** A learned suggestion: a code and the learner's probability for it. */
export interface LearnedCode {
  code: string;
  confidence: number;
}
