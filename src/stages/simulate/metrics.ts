/**
 * Screening-order metrics defined exactly as ASReview Insights computes them (`asreviewcontrib/insights/
 * algorithms.py` and `metrics.py`), on the labels in the order screened, 1 relevant and 0 not, after the
 * start decisions (ASReview's default `priors=False`):
 * - recall after screening a fraction f (RRF@f): the recall after the last record whose position / N is
 *   at most f; 0 before the first record;
 * - work saved over sampling at recall r (WSS@r): take k, the largest number of relevant records with
 *   k / n_relevant ≤ r; WSS is (when random screening finds its k-th relevant record − when this order
 *   found it) / N, random screening finding round(i · n_relevant / (N − 1)) relevant records by position i
 *   (numpy's linspace and round, half to even).
 */

/** Rounding half to even, as numpy's `round` does. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

const relevantCount = (labels: readonly number[]) => labels.reduce((a, b) => a + b, 0);

/** The last index i with x[i] ≤ v, where x[i] = (i + 1) / n (numpy searchsorted, side right, minus one). */
function lastAtMost(n: number, denominator: number, v: number): number {
  let i = -1;
  for (let k = 0; k < n; k++) if ((k + 1) / denominator <= v) i = k;
  return i;
}

/** Recall after screening the fraction `f` of the records (ASReview's RRF@f). */
export function recallAt(labels: readonly number[], f: number): number {
  const n = labels.length;
  const nPos = relevantCount(labels);
  const i = lastAtMost(n, n, f);
  if (i < 0 || nPos === 0) return 0;
  let found = 0;
  for (let k = 0; k <= i; k++) found += labels[k];
  return found / nPos;
}

/** Work saved over sampling at recall `r` (ASReview's WSS@r), as a fraction of the records. */
export function wssAt(labels: readonly number[], r: number): number {
  const n = labels.length;
  const nPos = relevantCount(labels);
  if (nPos === 0) return 0;
  const k = lastAtMost(nPos, nPos, r) + 1;
  if (k < 1) return 0;
  let found = 0;
  let when = -1;
  for (let i = 0; i < n; i++) {
    found += labels[i];
    if (found >= k) {
      when = i;
      break;
    }
  }
  const step = n > 1 ? nPos / (n - 1) : 0;
  let whenRandom = n - 1;
  for (let i = 0; i < n; i++) {
    const expected = i === n - 1 ? nPos : roundHalfEven(i * step);
    if (expected >= k) {
      whenRandom = i;
      break;
    }
  }
  return (whenRandom - when) / n;
}

/** Where a stopping rule "stop after `run` irrelevant records in a row" stops, over the whole order. */
export function stoppingPoint(labels: readonly number[], run: number): { stopped: boolean; screened: number; recall: number } {
  const nPos = relevantCount(labels);
  let streak = 0;
  let found = 0;
  for (let i = 0; i < labels.length; i++) {
    found += labels[i];
    streak = labels[i] ? 0 : streak + 1;
    if (streak >= run) return { stopped: true, screened: i + 1, recall: nPos ? found / nPos : 0 };
  }
  return { stopped: false, screened: labels.length, recall: nPos ? 1 : 0 };
}
