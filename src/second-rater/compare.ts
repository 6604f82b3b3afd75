/** One item both raters rated, with each rater's decision. */
export interface RatedPair<T> {
  id: string;
  first: T;
  second: T;
}

/**
 * The sampled items both raters rated, paired in sample order, and the sampled items not yet rated by
 * both. `rated` says whether a decision counts as a rating (an empty cell does not). Pure.
 */
export function pairRatings<T>(
  sample: readonly string[],
  first: ReadonlyMap<string, T>,
  second: ReadonlyMap<string, T>,
  rated: (decision: T) => boolean,
): { pairs: RatedPair<T>[]; unrated: string[] } {
  const pairs: RatedPair<T>[] = [];
  const unrated: string[] = [];
  for (const id of sample) {
    const [a, b] = [first.get(id), second.get(id)];
    if (a !== undefined && b !== undefined && rated(a) && rated(b)) pairs.push({ id, first: a, second: b });
    else unrated.push(id);
  }
  return { pairs, unrated };
}

/** The sampled items one rater has not rated yet, in sample order. Pure. */
export function notRated<T>(sample: readonly string[], decisions: ReadonlyMap<string, T>, rated: (decision: T) => boolean): string[] {
  return sample.filter((id) => {
    const d = decisions.get(id);
    return d === undefined || !rated(d);
  });
}

/**
 * Both raters' labels on every sampled item, in sample order, ready for the agreement statistics:
 * `null` where a rater gave none, so a missing rating is missing, never a disagreement. Pure.
 */
export function sampleRatings<T>(
  sample: readonly string[],
  first: ReadonlyMap<string, T>,
  second: ReadonlyMap<string, T>,
  label: (decision: T | undefined) => string | null,
): [{ name: "rater1"; ratings: Map<string, string | null> }, { name: "rater2"; ratings: Map<string, string | null> }] {
  const of = (decisions: ReadonlyMap<string, T>) => new Map(sample.map((id) => [id, label(decisions.get(id))]));
  return [
    { name: "rater1", ratings: of(first) },
    { name: "rater2", ratings: of(second) },
  ];
}
