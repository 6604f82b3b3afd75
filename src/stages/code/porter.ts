import { stemmer } from "stemmer";

/**
 * The Porter stem of one word (lower-cased; words of two letters or fewer, and words with anything but
 * the letters a–z, are returned as they are). Used for stem patterns in codebooks (`stem:evict` matches
 * evicted, eviction, evicting). The algorithm is the `stemmer` package's: Porter's own reference
 * version, with the two departures he made from the 1980 paper (`logi` → `log`, `bli` → `ble`).
 */
export function porterStem(word: string): string {
  const w = word.toLowerCase();
  // The package stems any string ("A&E" would become "a&"): an abbreviation or a code is kept whole.
  if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
  return stemmer(w);
}
