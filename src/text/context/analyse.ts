import { findFrames } from "./frames.js";
import { covers, findAll, pruneContained, type TriggerMatch } from "./scope.js";
import { sentenceAround, type Span } from "./sentences.js";
import { CATEGORIES, type Category, type CompiledRules, type FiredRule, type MentionAnalysis, type Sense } from "./types.js";
import { wordsBetween, wordsIn, wordStarts } from "./words.js";

const FLAG: Record<Category, "negated" | "hypothetical" | "otherPerson" | "historical" | "uncertain"> = {
  NEGATED: "negated",
  HYPOTHETICAL: "hypothetical",
  OTHER_PERSON: "otherPerson",
  HISTORICAL: "historical",
  UNCERTAIN: "uncertain",
};

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Words that join the items of a list a negation runs over ("denies drug use or being trafficked"). */
const COORDINATORS = new Set(["or", "nor"]);
/**
 * After a coordinator only these may stand before the mention for the negation to still bear on it
 * directly: "or being trafficked", "nor a victim of trafficking" — not "or reported being trafficked".
 */
const AFTER_COORDINATOR = new Set(["a", "an", "any", "being", "been", "ever", "having", "of", "to", "the", "victim", "subjected", "human", "sex", "sexual", "forced", "child", "modern", "domestic"]);

/** Only link words between, or a list of items joined by "or"/"nor" whose last item leads straight to the mention. */
function isDirect(between: readonly string[], linkWords: ReadonlySet<string>, gap = ""): boolean {
  if (between.every((w) => linkWords.has(w))) return true;
  const cut = between.findLastIndex((w) => COORDINATORS.has(w));
  if (cut >= 0 && between.slice(cut + 1).every((w) => AFTER_COORDINATOR.has(w))) return true;
  // A short list joined by a slash or "&" right before the mention: "no indicators of exploitation/trafficking".
  const tail = /(?:\/|&)\s*$/.exec(gap);
  if (!tail) return false;
  const items = gap.slice(0, tail.index).split(/\/|&|,|\band\b|\bor\b/i);
  return items.every((item) => (item.match(/[A-Za-z0-9]+/g) ?? []).length <= 3) && (items[items.length - 1].match(/[A-Za-z0-9]+/g) ?? []).length >= 1;
}

/** A sense word joined to the mention by nothing but spaces or hyphens: "drug trafficking", "anti-trafficking". */
function attached(s: string, m: Span, target: Span): boolean {
  const gap = m.end <= target.start ? s.slice(m.end, target.start) : s.slice(target.end, m.start);
  return /^[\s\-–]*$/.test(gap);
}

/** Words between two spans (0 when they touch or overlap). */
function distance(words: readonly number[], a: Span, b: Span): number {
  if (overlaps(a, b)) return 0;
  return a.end <= b.start ? wordsBetween(words, a.end, b.start) : wordsBetween(words, b.end, a.start);
}

/**
 * Read the context of one mention: `text` is the whole note, `[start, end)` the matched term. Finds the
 * sentence around it, the triggers whose scope reaches it (negated, hypothetical, other person, historical,
 * uncertain) and the exclusion senses near it (same sentence, within the rule's window, not across a
 * terminator, not themselves negated). `given` is the mention's sentence when the caller has read the note as
 * a document (its sentences respect letter blocks and headings); else it is found here. `section` is the id
 * of the section the mention stands in, for rules limited to sections (content in the mental state examination).
 * Pure; never puts note text in a result or an error.
 */
export function analyseMention(text: string, start: number, end: number, rules: CompiledRules, given?: Span, section?: string): MentionAnalysis {
  const sentence = given && given.start <= start && given.end >= end ? given : sentenceAround(text, start, end);
  const s = text.slice(sentence.start, sentence.end);
  const target: Span = { start: start - sentence.start, end: end - sentence.start };
  const words = wordStarts(s);
  const all = findAll(s, rules.triggers) as TriggerMatch[];
  // A neutral phrase that holds the mention names a thing, not the patient's experience: "the trafficking unit".
  const naming = all.find((m) => m.rule.neutral && overlaps(m, target));
  // A pseudo phrase that overlaps the mention is about the mention itself ("no CHANGE IN VISION"): it does not shield.
  const found = all.filter((m) => m.rule.direction !== "pseudo" || !overlaps(m, target));
  const matches = pruneContained(found);
  const fired: FiredRule[] = [];
  const result: MentionAnalysis = {
    negated: false,
    hypothetical: false,
    otherPerson: false,
    historical: false,
    uncertain: false,
    senses: [],
    rules: [],
    fired,
    sentence,
  };
  if (naming) {
    result.neutral = true;
    fired.push({ id: naming.rule.id, kind: "PSEUDO", start: naming.start + sentence.start, end: naming.end + sentence.start, distance: 0, direct: true });
  }
  const fire = (id: string, kind: FiredRule["kind"], m: Span, asks?: boolean): void => {
    const between = overlaps(m, target) ? [] : m.end <= target.start ? wordsIn(s, m.end, target.start) : wordsIn(s, target.end, m.start);
    const gap = m.end <= target.start ? s.slice(m.end, target.start) : "";
    fired.push({ id, kind, start: m.start + sentence.start, end: m.end + sentence.start, distance: between.length, direct: isDirect(between, rules.linkWords, gap), ...(asks ? { asks: true as const } : {}) });
  };

  for (const m of matches) {
    const { rule } = m;
    if (rule.direction === "pseudo") {
      if (m.blocked && distance(words, m, target) <= rule.scope) {
        fire(rule.id, "PSEUDO", m);
        if (rule.neutral) result.neutral = true;
      }
    } else if (rule.direction !== "terminate" && rule.category !== "ANY" && covers(m, target, matches, words)) {
      result[FLAG[rule.category]] = true;
      fire(rule.id, rule.category, m, rule.asks);
    }
  }

  const negators = matches.filter((m) => m.rule.category === "NEGATED" && m.rule.direction !== "pseudo" && m.rule.direction !== "terminate");
  const terminators = matches.filter((m) => m.rule.direction === "terminate" && m.rule.category === "ANY");
  const senses = new Set<Sense>();
  const hitText = text.slice(start, end);
  for (const m of findAll(s, rules.senses)) {
    const { window, side } = m.rule;
    if (m.rule.hit && !m.rule.hit.test(hitText)) continue;
    if (m.rule.sections && (!section || !m.rule.sections.has(section))) continue;
    if (m.rule.unlessAfter && m.rule.unlessAfter.test(text.slice(end, end + 60))) continue;
    if ((side === "before" && m.start >= target.start) || (side === "after" && m.end <= target.end)) continue;
    if (window !== "sentence" && distance(words, m, target) > window) continue;
    const lo = Math.min(m.end, target.end);
    const hi = Math.max(m.start, target.start);
    if (terminators.some((t) => t.start >= lo && t.end <= hi)) continue;
    // A negated sense word is no sense ("denies drugs, trafficked at 15") unless it names the mention's own
    // kind ("denies any involvement in drug trafficking": what is denied is drug trafficking).
    if (!attached(s, m, target) && negators.some((n) => covers(n, m, matches, words))) continue;
    senses.add(m.rule.sense);
    fire(m.rule.id, m.rule.sense, m);
  }
  const after = text.slice(end, end + 60);
  const frames = rules.frames.filter((r) => (!r.hit || r.hit.test(hitText)) && (!r.unlessAfter || !r.unlessAfter.test(after)) && (!r.sections || (section !== undefined && r.sections.has(section))));
  for (const f of findFrames(s, target, words, frames)) {
    const sets = f.rule.sets;
    if ((CATEGORIES as readonly string[]).includes(sets)) result[FLAG[sets as Category]] = true;
    else senses.add(sets as Sense);
    fired.push({ id: f.rule.id, kind: sets, start: f.start + sentence.start, end: f.end + sentence.start, distance: f.distance, direct: true, frame: true });
  }
  result.senses = rules.reasons.senses.filter((x) => senses.has(x));
  fired.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  result.rules = [...new Set(fired.map((f) => f.id))];
  return result;
}
