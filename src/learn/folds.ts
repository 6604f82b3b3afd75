import { createRandom } from "../core/random.js";

/**
 * Stratified k-fold assignment: the items of each class are shuffled with the seed and dealt to the folds
 * in turn, so every fold holds about the same share of each class. Returns the fold of each item. Pure.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  const rnd = createRandom(seed);
  const classes = [...new Set(labels)].sort();
  let next = 0;
  for (const cls of classes) {
    const members = rnd.shuffle(labels.map((l, i) => (l === cls ? i : -1)).filter((i) => i >= 0));
    // Carry the dealing on across classes, so small classes do not all start in fold 0.
    for (const i of members) fold[i] = next++ % k;
  }
  return fold;
}

/**
 * Out-of-fold predictions: for each fold, fit on the other folds and predict the items of this fold, so no
 * prediction has seen its own item's label. `fitPredict` gets the training and the held-out item indices.
 */
export function crossValidate<T>(n: number, fold: readonly number[], k: number, fitPredict: (train: number[], test: number[]) => T[]): T[] {
  const out = new Array<T>(n);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    if (test.length === 0) continue;
    const pred = fitPredict(train, test);
    test.forEach((i, j) => (out[i] = pred[j]));
  }
  return out;
}
