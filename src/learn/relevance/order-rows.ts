import type { DecisionRow } from "../../io/decision-workbook.js";
import type { Ranking } from "./rank.js";

/**
 * The screening workbook's rows once ranked: the undecided rows first, most relevant at the top, each
 * with its model score and rank; then the decided rows in their usual order, without a score (the model
 * learned from them). Decisions are not touched here: the workbook writer carries them over by id. Pure.
 */
export function orderByRanking(rows: readonly DecisionRow[], ranking: Ranking): DecisionRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ranked = ranking.order
    .filter((id) => byId.has(id))
    .map((id) => ({ ...byId.get(id)!, display: { model_score: Number(ranking.score.get(id)!.toFixed(3)), model_rank: ranking.rank.get(id)! } }));
  return [...ranked, ...rows.filter((r) => !ranking.rank.has(r.id))];
}

/** Screening decisions as labels for the model: include is relevant, exclude is not; unsure teaches nothing. */
export function screeningLabels(decisions: ReadonlyMap<string, Record<string, string>>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const [id, d] of decisions) {
    if (d.decision === "include") out.set(id, true);
    else if (d.decision === "exclude") out.set(id, false);
  }
  return out;
}
