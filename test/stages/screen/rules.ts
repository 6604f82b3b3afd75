import { fileURLToPath } from "node:url";
import { analyseMention, readContextRules, type MentionAnalysis } from "../../../src/text/context/index.js";

/** The preset's context rules, compiled once for the screen tests. */
export const PRESET_RULES_PATH = fileURLToPath(new URL("../../../src/presets/south-london-2015/context-rules.json", import.meta.url));
export const rules = readContextRules(PRESET_RULES_PATH);

/** Analyse the first occurrence of `term` in `text` (case-insensitive). */
export function analyseTerm(text: string, term: string, from = 0): MentionAnalysis & { start: number; end: number } {
  const start = text.toLowerCase().indexOf(term.toLowerCase(), from);
  if (start < 0) throw new Error(`test setup: "${term}" is not in the text`);
  return { ...analyseMention(text, start, start + term.length, rules), start, end: start + term.length };
}
