import { porterStem } from "../../src/stages/code/porter.js";

/** Function words that say nothing about a code. */
const STOP = new Set(
  ("a an and are as at be been but by for from had has have he her hers him his i if in into is it its me my no nor not of on or our " +
    "she so than that the their them then there these they this those to too us was we were what when which who whom why will with you your " +
    "pt patient zzzzz").split(" "),
);

/** Negations: meaningless alone, decisive next to a word. */
const NEG = new Set(["not", "no", "never"]);

/**
 * The features of a passage: Porter-stemmed words (no stop words, no masks) and pairs of neighbouring
 * words once stop words are gone, each counted once (binarised, which suits short texts). Negation
 * words are kept only in pairs ("not_attend") because they change a code's meaning. Pure and deterministic.
 */
export function features(text: string): string[] {
  const words = (text.toLowerCase().match(/[a-z][a-z'&]*|\d+/g) ?? []).map((w) => w.replace(/'s$|'/g, ""));
  const kept = words.filter((w) => NEG.has(w) || !STOP.has(w)).map((w) => (NEG.has(w) ? w : porterStem(w)));
  const out = new Set<string>();
  for (let i = 0; i < kept.length; i++) {
    const s = kept[i];
    if (!NEG.has(s) && !/^\d+$/.test(s)) out.add(s);
    const next = kept[i + 1];
    if (next && !NEG.has(next)) out.add(`${s}_${next}`);
  }
  return [...out].sort();
}
