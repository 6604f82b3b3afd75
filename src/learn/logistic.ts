import { createRandom } from "../core/random.js";
import type { SparseVector } from "./tfidf.js";

/** Settings of the logistic regression. */
export interface LogisticOptions {
  /** Inverse regularisation strength (larger fits the training decisions more closely). */
  c: number;
  /** Weigh each class by n / (2 · n_class), so a rare class counts as much as a common one. */
  balanced: boolean;
  /** Stop when the largest dual gradient falls below this. */
  tolerance: number;
  maxEpochs: number;
  /** Seeds the order in which examples are visited. */
  seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { c: 4, balanced: true, tolerance: 0.1, maxEpochs: 100, seed: 2015 };

/** A fitted binary linear model: weights per bucket and the intercept (the weight of a constant feature 1). */
export interface LinearModel {
  weights: Float64Array;
  bias: number;
  /** Epochs the solver took. */
  epochs: number;
}

function dot(w: Float64Array, x: SparseVector, bias: number): number {
  let s = bias;
  for (let i = 0; i < x.index.length; i++) s += w[x.index[i]] * x.value[i];
  return s;
}

/**
 * L2-regularised logistic regression fitted by dual coordinate descent (Yu, Huang & Lin 2011, the
 * `-s 7` solver of LIBLINEAR, which scikit-learn's `liblinear` solver runs with `dual=True`): each pass
 * visits the examples in a seeded random order and solves each one-variable sub-problem by Newton steps.
 * The intercept is the weight of a constant feature 1 and is regularised too, as in LIBLINEAR. Only the
 * buckets a document uses are touched, so an epoch costs one pass over the non-zero features.
 * Deterministic: the same examples, labels and options give the same weights bit for bit. Pure.
 */
export function fitLogistic(xs: readonly SparseVector[], ys: readonly boolean[], dims: number, opts: LogisticOptions = DEFAULT_LOGISTIC): LinearModel {
  const l = xs.length;
  const w = new Float64Array(dims);
  let bias = 0;
  const nPos = ys.filter(Boolean).length;
  const nNeg = l - nPos;
  const cPos = opts.balanced && nPos > 0 ? (opts.c * l) / (2 * nPos) : opts.c;
  const cNeg = opts.balanced && nNeg > 0 ? (opts.c * l) / (2 * nNeg) : opts.c;
  const alpha = new Float64Array(2 * l);
  const xTx = new Float64Array(l);
  const order = new Uint32Array(l);
  for (let i = 0; i < l; i++) {
    const c = ys[i] ? cPos : cNeg;
    alpha[2 * i] = Math.min(0.001 * c, 1e-8);
    alpha[2 * i + 1] = c - alpha[2 * i];
    let sq = 1;
    for (const v of xs[i].value) sq += v * v;
    xTx[i] = sq;
    const step = (ys[i] ? 1 : -1) * alpha[2 * i];
    const x = xs[i];
    for (let k = 0; k < x.index.length; k++) w[x.index[k]] += step * x.value[k];
    bias += step;
    order[i] = i;
  }
  const rnd = createRandom(opts.seed);
  const innerEpsMin = Math.min(1e-8, opts.tolerance);
  let innerEps = 1e-2;
  let epoch = 0;
  while (epoch < opts.maxEpochs) {
    for (let i = 0; i < l; i++) {
      const j = i + rnd.int(l - i);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let newtonSteps = 0;
    let gMax = 0;
    for (let s = 0; s < l; s++) {
      const i = order[s];
      const yi = ys[i] ? 1 : -1;
      const c = ys[i] ? cPos : cNeg;
      const x = xs[i];
      const a = xTx[i];
      const b = yi * dot(w, x, bias);
      let ind1 = 2 * i;
      let ind2 = 2 * i + 1;
      let sign = 1;
      if (0.5 * a * (alpha[ind2] - alpha[ind1]) + b < 0) {
        ind1 = 2 * i + 1;
        ind2 = 2 * i;
        sign = -1;
      }
      const old = alpha[ind1];
      let z = old;
      if (c - z < 0.5 * c) z = 0.1 * z;
      let gp = a * (z - old) + sign * b + Math.log(z / (c - z));
      gMax = Math.max(gMax, Math.abs(gp));
      let inner = 0;
      while (inner <= 100) {
        if (Math.abs(gp) < innerEps) break;
        const gpp = a + c / (c - z) / z;
        const next = z - gp / gpp;
        z = next <= 0 ? z * 0.1 : next;
        gp = a * (z - old) + sign * b + Math.log(z / (c - z));
        newtonSteps++;
        inner++;
      }
      if (inner > 0) {
        alpha[ind1] = z;
        alpha[ind2] = c - z;
        const step = sign * (z - old) * yi;
        for (let k = 0; k < x.index.length; k++) w[x.index[k]] += step * x.value[k];
        bias += step;
      }
    }
    epoch++;
    if (gMax < opts.tolerance) break;
    if (newtonSteps <= l / 10) innerEps = Math.max(innerEpsMin, 0.1 * innerEps);
  }
  return { weights: w, bias, epochs: epoch };
}

/** The model's score for a document: the logistic of its margin, from 0 to 1. Pure. */
export function scoreLogistic(model: LinearModel, x: SparseVector): number {
  return 1 / (1 + Math.exp(-dot(model.weights, x, model.bias)));
}
