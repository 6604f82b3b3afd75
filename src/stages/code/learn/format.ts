import type { LearnedCode } from "../types.js";

/** `code (0.87); code (0.61)`: learned suggestions as a cell, each with the model's score. */
export function formatLearned(codes: readonly LearnedCode[]): string {
  return codes.map((c) => `${c.code} (${c.confidence.toFixed(2)})`).join("; ");
}
