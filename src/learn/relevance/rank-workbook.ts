import type { DecisionRow } from "../../io/decision-workbook.js";
import { DEFAULT_LOGISTIC } from "../logistic.js";
import { patientDocument, type RuleSuggestion } from "./documents.js";
import { orderByRanking, screeningLabels } from "./order-rows.js";
import { rankByRelevance, rankReadiness } from "./rank.js";
import { readCaseHits } from "./read-documents.js";

export interface RankOutcome {
  rows: DecisionRow[];
  /** Undecided patients ranked (0 when not ready). */
  ranked: number;
  include: number;
  exclude: number;
  /** Why nothing was ranked yet. */
  missing?: string;
}

/**
 * `screen --rank`: learn relevance from the decisions already in screening.xlsx and order the undecided
 * rows by it. Until the minimum is decided the rows are returned unchanged (with no scores).
 */
export async function rankScreening(searchDir: string, rows: readonly DecisionRow[], decisions: ReadonlyMap<string, Record<string, string>>, rules: ReadonlyMap<string, RuleSuggestion>): Promise<RankOutcome> {
  const ids = rows.map((r) => r.id);
  const wanted = new Set(ids);
  const labels = new Map([...screeningLabels(decisions)].filter(([id]) => wanted.has(id)));
  const ready = rankReadiness(labels);
  if (!ready.ready) return { rows: [...rows], ranked: 0, include: ready.include, exclude: ready.exclude, missing: ready.missing };
  const hits = await readCaseHits(searchDir);
  const docs = ids.map((id) => patientDocument(hits.get(id) ?? [], rules.get(id)));
  const decided = new Set([...decisions].filter(([, d]) => (d.decision ?? "") !== "").map(([id]) => id));
  const ranking = rankByRelevance(ids, docs, labels, DEFAULT_LOGISTIC, decided);
  return { rows: orderByRanking(rows, ranking), ranked: ranking.order.length, include: ready.include, exclude: ready.exclude };
}
