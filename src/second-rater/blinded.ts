import type { DecisionRow } from "../io/decision-workbook.js";
import type { SheetValue } from "../io/workbook.js";
import type { SampleRow } from "./plan.js";

/**
 * Where a blinded workbook says why a row is there: `why` (if any) holds the row's reason for being
 * sampled; `status` marks a row kept only for its decisions (`dropped`) after a redraw left it out.
 */
export interface BlindedLayout {
  why?: string;
  status: string;
  dropped?: string;
}

/** A patient sample's layout: `why_sampled` says first / random, or "no longer sampled". */
export const SAMPLED: BlindedLayout = { why: "why_sampled", status: "why_sampled", dropped: "no longer sampled" };

/**
 * The rows of a blinded workbook, one per sampled item in sample order: the evidence `evidenceOf` gives
 * (never a suggestion or the first rater's decision) and, when the layout has one, why it was sampled.
 * Pure.
 */
export function blindedRows(sample: readonly SampleRow[], evidenceOf: (id: string) => Record<string, SheetValue>, layout: BlindedLayout = SAMPLED): DecisionRow[] {
  return sample.map((s) => ({ id: s.id, evidence: { ...evidenceOf(s.id), ...(layout.why ? { [layout.why]: s.why } : {}) } }));
}

/**
 * The ids of a read blinded workbook that are still in the sample, in sheet order: rows a redraw left
 * out but kept for their decisions are not compared. Pure.
 */
export function currentSample(read: { ids: readonly string[]; evidence: ReadonlyMap<string, Record<string, string>> }, layout: BlindedLayout = SAMPLED): string[] {
  return read.ids.filter((id) => layout.dropped === undefined || read.evidence.get(id)?.[layout.status] !== layout.dropped);
}
