import { NO_CODE, type Codebook } from "../codebook/types.js";
import { themeOf } from "../codebook/compile.js";
import type { CoderDecision, Extract, LearnedCode } from "../types.js";

/** Where an extract's codes come from: a coder's decision, else the suggestions (rules, and the learner when asked). */
export type CodeSource = "coder" | "suggested";

/** An extract with the codes results are built from. */
export interface CodedExtract {
  extract: Extract;
  /** Code or theme ids (never `none`). */
  codes: string[];
  source: CodeSource;
}

/**
 * The codes that count for an extract: the coder's final codes when given (`none` means none), else the
 * rule suggestions, plus the learner's suggestions when `useLearned`. Pure.
 */
export function effectiveCodes(extract: Extract, decision: CoderDecision | undefined, learned: readonly LearnedCode[] = [], useLearned = false): CodedExtract {
  if (decision && decision.codes.length > 0) return { extract, codes: decision.codes.filter((c) => c !== NO_CODE), source: "coder" };
  const codes = [...extract.suggested];
  if (useLearned) for (const l of learned) if (!codes.includes(l.code)) codes.push(l.code);
  return { extract, codes, source: "suggested" };
}

/** The themes an extract's codes belong to, unique, in codebook order. */
export function themesOfCodes(book: Codebook, codes: readonly string[]): string[] {
  const set = new Set(codes.map((c) => themeOf(book, c)).filter((t): t is string => t !== undefined));
  return book.themes.map((t) => t.id).filter((t) => set.has(t));
}
