import { cohenKappa, type CohenKappa } from "../../stats/agreement/cohen.js";
import { compareCategories, contingencyTable } from "../../stats/agreement/table.js";
import type { ModelDocument } from "../../learn/features.js";
import { crossValidate, stratifiedFolds } from "../../learn/folds.js";
import { DEFAULT_LOGISTIC } from "../../learn/logistic.js";
import { buildCorpus, canFit, fitBinary, oneVsRest, scoreRows, type Corpus } from "../../learn/model.js";
import { screeningCorpus } from "../../learn/relevance/rank.js";
import { crossValidateCodes, DEFAULT_CODE_LEARN } from "../../stages/code/learn/linear.js";

/** One decision the people made, with what the rules suggested and what the model reads. */
export interface CardItem {
  id: string;
  /** The rules' suggestion (screening: include/exclude/unsure; routes: a route). */
  suggested: string;
  /** The rule id behind the suggestion ('' when none). */
  rule: string;
  doc: ModelDocument;
  /** The people's final decision. */
  final: string;
}

/** A coded passage: the codes suggested (with the pattern of each) and the coders' final codes. */
export interface CardPassage {
  id: string;
  suggested: ReadonlySet<string>;
  /** `code (pattern)` for each pattern that fired. */
  rules: readonly string[];
  doc: ModelDocument;
  final: ReadonlySet<string>;
}

export interface CardInputs {
  seed: number;
  screening?: CardItem[];
  routes?: CardItem[];
  codes?: CardPassage[];
}

export type Task = "screening" | "routes" | "codes";

/** Suggestions of one kind against the final human decisions. */
export interface Comparison {
  task: Task;
  source: "rules" | "model";
  /** What was compared, in a few words. */
  what: string;
  n: number;
  /** Rows: the suggestion; columns: the human decision. */
  categories: string[];
  counts: number[][];
  kappa: CohenKappa | null;
}

/** How often the people's final decision agreed with a rule's suggestion, each time it fired. */
export interface RulePrecision {
  task: Task;
  rule: string;
  fired: number;
  agreed: number;
}

export interface PerformanceCard {
  comparisons: Comparison[];
  rules: RulePrecision[];
  /** Tasks with too few decisions for a model, and why. */
  notes: string[];
  folds: number;
  seed: number;
}

export const CARD_FOLDS = 5;

function compare(task: Task, source: Comparison["source"], what: string, pairs: [string, string][]): Comparison {
  const t = contingencyTable(pairs, [...new Set(pairs.flat())].sort(compareCategories));
  return { task, source, what, n: t.n, categories: [...t.categories], counts: t.counts, kappa: cohenKappa(t) };
}

function precisionOf(task: Task, fired: [string, boolean][]): RulePrecision[] {
  const by = new Map<string, RulePrecision>();
  for (const [rule, ok] of fired) {
    if (!rule) continue;
    const p = by.get(rule) ?? { task, rule, fired: 0, agreed: 0 };
    p.fired++;
    if (ok) p.agreed++;
    by.set(rule, p);
  }
  return [...by.values()].sort((a, b) => b.fired - a.fired || (a.rule < b.rule ? -1 : 1));
}

/** Out-of-fold class predictions of the one-vs-rest model (a single class is two-sided: binary). */
function outOfFold(items: readonly CardItem[], folds: number, seed: number, corpusOf: (docs: ModelDocument[]) => Corpus): string[] {
  const corpus = corpusOf(items.map((i) => i.doc));
  const finals = items.map((i) => i.final);
  const classes = [...new Set(finals)].sort();
  const fold = stratifiedFolds(finals, folds, seed);
  const opts = { ...DEFAULT_LOGISTIC, seed };
  return crossValidate(items.length, fold, folds, (train, test) => {
    const labels = train.map((i) => finals[i]);
    if (classes.length === 2) {
      const ys = labels.map((l) => l === classes[1]);
      if (!canFit(ys)) return test.map(() => labels[0]);
      return scoreRows(fitBinary(corpus, train, ys, opts), corpus, test).map((s) => (s >= 0.5 ? classes[1] : classes[0]));
    }
    const scores = oneVsRest(corpus, train, labels, classes, test, opts);
    return test.map((_, j) => classes.reduce((best, c) => (scores.get(c)![j] > scores.get(best)![j] ? c : best), classes[0]));
  });
}

const MIN_FOR_MODEL = 10;

/**
 * The performance card: for screening, routes and codes, the rules' suggestions and the model's
 * against the people's final decisions (Cohen's kappa with its 95% interval and the confusion matrix),
 * and the precision of every rule id that fired. The model's figures are out-of-fold (k-fold
 * cross-validation, seeded): each decision is predicted by a model that never saw it. Pure.
 */
export function performanceCard(inputs: CardInputs, folds = CARD_FOLDS): PerformanceCard {
  const card: PerformanceCard = { comparisons: [], rules: [], notes: [], folds, seed: inputs.seed };
  const binary = (items: readonly CardItem[], task: Task, what: string, corpusOf: (docs: ModelDocument[]) => Corpus) => {
    card.comparisons.push(compare(task, "rules", what, items.map((i) => [i.suggested, i.final])));
    card.rules.push(...precisionOf(task, items.map((i) => [i.rule, i.suggested === i.final])));
    const finals = new Set(items.map((i) => i.final));
    if (items.length < MIN_FOR_MODEL || finals.size < 2 || [...finals].some((f) => items.filter((i) => i.final === f).length < 2)) {
      card.notes.push(`${task}: ${items.length} decisions; the model needs ${MIN_FOR_MODEL} with at least 2 of each kind for cross-validation`);
      return;
    }
    const pred = outOfFold(items, Math.min(folds, items.length), inputs.seed, corpusOf);
    card.comparisons.push(compare(task, "model", what, items.map((i, k) => [pred[k], i.final])));
  };
  if (inputs.screening?.length) binary(inputs.screening, "screening", "suggested decision against the final decision, per patient", screeningCorpus);
  if (inputs.routes?.length) binary(inputs.routes, "routes", "suggested route against the rater's route, per patient", (docs) => buildCorpus(docs));
  if (inputs.codes?.length) {
    const passages = inputs.codes;
    const codes = [...new Set(passages.flatMap((p) => [...p.suggested, ...p.final]))].filter((c) => c !== "none").sort();
    const pairs = (pred: (p: CardPassage, k: number) => ReadonlySet<string>) => passages.flatMap((p, k) => codes.map((c): [string, string] => [pred(p, k).has(c) ? "present" : "absent", p.final.has(c) ? "present" : "absent"]));
    const what = "each code present or absent on each coded passage, pooled over codes";
    card.comparisons.push(compare("codes", "rules", what, pairs((p) => p.suggested)));
    card.rules.push(...precisionOf("codes", passages.flatMap((p) => p.rules.map((r): [string, boolean] => [r, p.final.has(r.split(" ")[0])]))));
    if (passages.length < MIN_FOR_MODEL) card.notes.push(`codes: ${passages.length} coded passages; the model needs ${MIN_FOR_MODEL}`);
    else {
      const cv = crossValidateCodes(passages.map((p) => p.doc), passages.map((p) => p.final), { ...DEFAULT_CODE_LEARN, logistic: { ...DEFAULT_LOGISTIC, seed: inputs.seed }, folds, seed: inputs.seed });
      card.comparisons.push(compare("codes", "model", what, pairs((_p, k) => cv.predicted[k])));
    }
  }
  return card;
}
