import type { DecisionSheet } from "../../../io/decision-workbook.js";
import { readRaterWorkbook } from "../../../second-rater/files.js";
import type { Span } from "../../../text/context/sentences.js";
import { parseExtractId } from "../extract.js";
import type { CoderDecision } from "../types.js";
import { toCoderDecisions } from "./workbooks.js";

/** A coder's decisions from a workbook (none when it does not exist yet); any bad cell stops the run, named. */
export async function readCoderDecisions(path: string, spec: DecisionSheet, codesKey: string): Promise<Map<string, CoderDecision>> {
  const read = await readRaterWorkbook(path, spec, { rerun: "code" });
  return toCoderDecisions(read?.decisions ?? new Map(), codesKey);
}

/**
 * Passages a coder already decided on (codes or a memo), by patient (`""` when the id does not name
 * one) and note, so extraction keeps them exactly and never cuts them. Pure.
 */
export function pinnedSpans(decisions: ReadonlyMap<string, CoderDecision>): Map<string, Map<string, Span[]>> {
  const out = new Map<string, Map<string, Span[]>>();
  for (const [id, d] of decisions) {
    const p = parseExtractId(id);
    if (!p || (d.codes.length === 0 && !d.memo)) continue;
    const key = p.patientId ?? "";
    const byNote = out.get(key) ?? new Map<string, Span[]>();
    byNote.set(p.noteId, [...(byNote.get(p.noteId) ?? []), { start: p.start, end: p.end }]);
    out.set(key, byNote);
  }
  return out;
}

/** The pinned spans that apply to one patient's notes. */
export function pinnedFor(pinned: ReadonlyMap<string, ReadonlyMap<string, Span[]>>, patientId: string, noteIds: ReadonlySet<string>): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const key of ["", patientId]) {
    for (const [noteId, spans] of pinned.get(key) ?? []) if (noteIds.has(noteId)) out.set(noteId, [...(out.get(noteId) ?? []), ...spans]);
  }
  return out;
}
