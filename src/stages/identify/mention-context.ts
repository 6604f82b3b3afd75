import type { Note } from "../../core/types.js";
import type { RichRun } from "../../io/workbook.js";
import type { CompiledRules } from "../../text/context/types.js";
import type { Matcher } from "../../text/terms/match.js";
import { boldRuns, evidenceOf } from "./evidence.js";
import type { CompiledDocuments } from "../../text/documents/compile.js";
import { byDate, readNoteForRoutes } from "./suggest-route.js";

/**
 * What a rater reads to decide the route: the first notes (date order) that mention the patient's own
 * trafficking, each as "[date · note id]" and the mention's sentence with one sentence either side, the
 * mentions in bold; at most `maxNotes` notes and about `maxChars` characters. Pure.
 */
export function mentionContext(notes: readonly Note[], caseMatcher: Matcher, context: CompiledRules | undefined, maxNotes = 3, maxChars = 1500, documents?: CompiledDocuments): RichRun[] {
  const runs: RichRun[] = [];
  let used = 0;
  let shown = 0;
  for (const note of [...notes].sort(byDate)) {
    if (shown >= maxNotes || used >= maxChars) break;
    const { mentions, index } = readNoteForRoutes(note, caseMatcher, context, documents);
    if (mentions.length === 0) continue;
    const first = index.sentenceOf(mentions[0].start);
    const lo = Math.max(0, first - 1);
    const hi = Math.min(index.sentences.length - 1, first + 1);
    const span = { start: index.sentences[lo]?.start ?? mentions[0].start, end: index.sentences[hi]?.end ?? mentions[0].end };
    const inside = mentions.filter((m) => m.start >= span.start && m.end <= span.end);
    const { evidence, bold } = evidenceOf(note.text, span, inside, Math.max(120, Math.min(600, maxChars - used)));
    const head = `${shown > 0 ? "\n" : ""}[${note.date || "undated"} · ${note.noteId}${note.noteType ? ` · ${note.noteType}` : ""}] `;
    runs.push({ text: head }, ...boldRuns(evidence, bold));
    used += head.length + evidence.length;
    shown++;
  }
  return runs;
}
