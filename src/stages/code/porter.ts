/**
 * The Porter stemmer (M.F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980), as
 * published: steps 1a–5b over lower-case English words. Used for stem patterns in codebooks
 * (`stem:evict` matches evicted, eviction, evicting) and for the features of the coder-trained learner.
 */

const VOWELS = new Set(["a", "e", "i", "o", "u"]);

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (VOWELS.has(c)) return false;
  if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m in [C](VC)^m[V]: the number of vowel–consonant sequences in `stem`. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  const n = stem.length;
  while (i < n && isConsonant(stem, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(stem, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** *o: the stem ends consonant–vowel–consonant, the last not w, x or y (hop, not hoop or snow). */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  if (!isConsonant(w, n - 3) || isConsonant(w, n - 2) || !isConsonant(w, n - 1)) return false;
  return !["w", "x", "y"].includes(w[n - 1]);
}

type Rule = readonly [suffix: string, replacement: string];

/** Replace the longest matching suffix when its stem has measure > `minM`; later rules are not tried. */
function applyRules(w: string, rules: readonly Rule[], minM: number, extra?: (stem: string, suffix: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, w.length - suffix.length);
    if (measure(stem) > minM && (!extra || extra(stem, suffix))) return stem + replacement;
    return w;
  }
  return w;
}

// Ordered longest-first within a shared ending so the longest match wins.
const STEP2: Rule[] = [
  ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["abli", "able"],
  ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"],
  ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"],
  ["iviti", "ive"], ["biliti", "ble"],
];
const STEP3: Rule[] = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
const STEP4: Rule[] = [
  ["al", ""], ["ance", ""], ["ence", ""], ["er", ""], ["ic", ""], ["able", ""], ["ible", ""], ["ant", ""],
  ["ement", ""], ["ment", ""], ["ent", ""], ["ion", ""], ["ou", ""], ["ism", ""], ["ate", ""], ["iti", ""],
  ["ous", ""], ["ive", ""], ["ize", ""],
];

function bySuffixLength(rules: Rule[]): Rule[] {
  return rules.slice().sort((a, b) => b[0].length - a[0].length);
}
const STEP2_SORTED = bySuffixLength(STEP2);
const STEP3_SORTED = bySuffixLength(STEP3);
const STEP4_SORTED = bySuffixLength(STEP4);

function step1ab(w: string): string {
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.endsWith("ss")) {
    /* unchanged */
  } else if (w.endsWith("s")) w = w.slice(0, -1);

  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    return w;
  }
  let cut = "";
  if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) cut = "ed";
  else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) cut = "ing";
  if (!cut) return w;
  w = w.slice(0, -cut.length);
  if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) return w + "e";
  if (endsDoubleConsonant(w) && !["l", "s", "z"].includes(w[w.length - 1])) return w.slice(0, -1);
  if (measure(w) === 1 && endsCvc(w)) return w + "e";
  return w;
}

/** The Porter stem of one word (lower-cased; words of two letters or fewer are returned as they are). */
export function porterStem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
  w = step1ab(w);
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
  w = applyRules(w, STEP2_SORTED, 0);
  w = applyRules(w, STEP3_SORTED, 0);
  w = applyRules(w, STEP4_SORTED, 1, (stem, suffix) => suffix !== "ion" || stem.endsWith("s") || stem.endsWith("t"));
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith("l")) w = w.slice(0, -1);
  return w;
}
