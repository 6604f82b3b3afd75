import type { ModelDocument } from "../../learn/features.js";
import { crossValidate, stratifiedFolds } from "../../learn/folds.js";
import { DEFAULT_LOGISTIC } from "../../learn/logistic.js";
import { buildCorpus, oneVsRest, type Corpus } from "../../learn/model.js";

/** One eligible patient as routes.csv and hits.csv give them. */
export interface RouteRow {
  patientId: string;
  suggestedRoute: string;
  suggestedService: string;
  rule: string;
  evidence: string;
  /** The rater's route ('' until confirmed). */
  finalRoute: string;
  /** Words around each case-finding hit. */
  contexts: readonly string[];
}

/**
 * What the route model reads of a patient: the rules' evidence sentence and the words around each
 * case-finding hit, with the rules' suggested route, service and rule id as tokens. Pure.
 */
export function routeDocument(r: RouteRow): ModelDocument {
  const tokens = [`suggest:${r.suggestedRoute}`, ...(r.suggestedService ? [`service:${r.suggestedService}`] : []), ...(r.rule ? [`rule:${r.rule}`] : [])];
  return { text: [r.evidence, ...r.contexts].join("\n"), tokens };
}

export interface RouteOpinion {
  patientId: string;
  route: string;
  /** The model's score for that route (0–1). */
  score: number;
  /** `out-of-fold` for a confirmed patient (a model that never saw it), `confirmed routes` otherwise. */
  basis: "out-of-fold" | "confirmed routes";
}

/** The least confirmed before the model gives a second opinion: as for screening, 10 with two kinds. */
export const ROUTE_MINIMUM = { confirmed: 10, routes: 2 } as const;

function best(scores: Map<string, number[]>, classes: readonly string[], j: number): { route: string; score: number } {
  let route = classes[0];
  for (const c of classes) if (scores.get(c)![j] > scores.get(route)![j]) route = c;
  return { route, score: scores.get(route)![j] };
}

/**
 * A second opinion on each patient's route from the routes raters have confirmed in this study: for the
 * unconfirmed, one-vs-rest models fitted on every confirmed patient; for the confirmed, out-of-fold
 * predictions (5 folds, seeded), so agreement with the raters can be judged. Undefined until the minimum
 * is confirmed. Pure and deterministic.
 */
export function routeSecondOpinion(rows: readonly RouteRow[], seed: number, corpusOf: (docs: ModelDocument[]) => Corpus = (d) => buildCorpus(d)): RouteOpinion[] | undefined {
  const confirmed = rows.map((r, i) => (r.finalRoute ? i : -1)).filter((i) => i >= 0);
  const classes = [...new Set(confirmed.map((i) => rows[i].finalRoute))].sort();
  if (confirmed.length < ROUTE_MINIMUM.confirmed || classes.length < ROUTE_MINIMUM.routes) return undefined;
  const corpus = corpusOf(rows.map(routeDocument));
  const opts = { ...DEFAULT_LOGISTIC, seed };
  const out = new Array<RouteOpinion>(rows.length);
  const open = rows.map((r, i) => (r.finalRoute ? -1 : i)).filter((i) => i >= 0);
  if (open.length > 0) {
    const scores = oneVsRest(corpus, confirmed, confirmed.map((i) => rows[i].finalRoute), classes, open, opts);
    open.forEach((i, j) => (out[i] = { patientId: rows[i].patientId, ...best(scores, classes, j), basis: "confirmed routes" }));
  }
  const finals = confirmed.map((i) => rows[i].finalRoute);
  const folds = Math.min(5, confirmed.length);
  const fold = stratifiedFolds(finals, folds, seed);
  crossValidate(confirmed.length, fold, folds, (train, test) => {
    const scores = oneVsRest(corpus, train.map((k) => confirmed[k]), train.map((k) => finals[k]), classes, test.map((k) => confirmed[k]), opts);
    return test.map((k, j) => (out[confirmed[k]] = { patientId: rows[confirmed[k]].patientId, ...best(scores, classes, j), basis: "out-of-fold" }));
  });
  return out;
}
