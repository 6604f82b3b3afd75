import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Note } from "../../../src/core/types.js";
import { readCategories } from "../../../src/stages/identify/read-categories.js";
import { suggestRoute } from "../../../src/stages/identify/suggest-route.js";
import type { RouteSuggestion } from "../../../src/stages/identify/types.js";
import { readContextRules } from "../../../src/text/context/index.js";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { readDocumentRules } from "../../../src/text/documents/read-rules.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";

/** The south-london-2015 preset as the identify command loads it. */
const PRESET = join(import.meta.dirname, "..", "..", "..", "src", "presets", "south-london-2015");
export const categories = readCategories(join(PRESET, "categories.json"));
export const caseMatcher = compileMatcher(parseTerms(readFileSync(join(PRESET, "terms.txt"), "utf8"), "terms.txt").filter((t) => t.group === "case"));
export const context = readContextRules(join(PRESET, "context-rules.json"));
export const documents = readDocumentRules(join(PRESET, "documents.json"));

let n = 0;
/** A note of patient P, dated in order of creation unless a date is given. */
export function note(text: string, opts: { date?: string; type?: string; id?: string } = {}): Note {
  n++;
  return { patientId: "P", noteId: opts.id ?? `n${n}`, date: opts.date ?? `2010-01-${String(n % 28 + 1).padStart(2, "0")}`, text, noteType: opts.type ?? "Event", source: { file: "notes.csv", line: n + 1 } };
}

/** The preset's suggestion for one patient's notes. */
export function suggest(...notes: Note[]): RouteSuggestion {
  return suggestRoute(notes, categories, caseMatcher, context, documents);
}

/** The rule of the procedure step that decided (the last of "author rule + step rule"). */
export const stepRule = (s: RouteSuggestion): string => s.rule.split(" + ").pop()!;
