/**
 * Agreement of a tool's suggestions with the truth, as pure functions. A ratio with nothing to divide
 * by is `null` (shown as "n/a"), never NaN.
 */

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Precision, recall and F1 of a predicted set against a true set. */
export function setScores(truth: ReadonlySet<string>, predicted: ReadonlySet<string>): Scores {
  let tp = 0;
  for (const x of predicted) if (truth.has(x)) tp++;
  const fp = predicted.size - tp;
  const fn = truth.size - tp;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? (tp + fp + fn === 0 ? null : 0) : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** A (truth, predicted) label pair for one item. */
export type Pair = readonly [truth: string, predicted: string];

/** Share of items whose predicted label equals the true one. */
export function accuracy(pairs: readonly Pair[]): number | null {
  return ratio(pairs.filter(([t, p]) => t === p).length, pairs.length);
}

/** Precision and recall of each label seen on either side, sorted by label. */
export function perLabel(pairs: readonly Pair[]): Array<{ label: string; support: number; predicted: number } & Scores> {
  const labels = [...new Set(pairs.flatMap(([t, p]) => [t, p]))].sort();
  return labels.map((label) => {
    const truth = new Set<string>();
    const predicted = new Set<string>();
    pairs.forEach(([t, p], i) => {
      if (t === label) truth.add(String(i));
      if (p === label) predicted.add(String(i));
    });
    return { label, support: truth.size, predicted: predicted.size, ...setScores(truth, predicted) };
  });
}

/** Counts of true label × predicted label, with both label lists sorted. */
export function confusion(pairs: readonly Pair[]): { rows: string[]; cols: string[]; count: (t: string, p: string) => number } {
  const counts = new Map<string, number>();
  for (const [t, p] of pairs) counts.set(`${t}\u0000${p}`, (counts.get(`${t}\u0000${p}`) ?? 0) + 1);
  return {
    rows: [...new Set(pairs.map(([t]) => t))].sort(),
    cols: [...new Set(pairs.map(([, p]) => p))].sort(),
    count: (t, p) => counts.get(`${t}\u0000${p}`) ?? 0,
  };
}

/** A ratio as a percentage with one decimal, or "n/a". */
export function pct(x: number | null): string {
  return x === null ? "n/a" : `${(100 * x).toFixed(1)}%`;
}
