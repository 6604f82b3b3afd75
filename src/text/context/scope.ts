import type { Span } from "./sentences.js";
import type { CompiledTrigger } from "./types.js";
import { wordsBetween } from "./words.js";

/** A trigger found in a sentence (offsets into the sentence text). */
export interface TriggerMatch extends Span {
  rule: CompiledTrigger;
  /** Set on a pseudo trigger when it swallowed a shorter trigger. */
  blocked?: boolean;
}

/** Every match of every rule's regular expression in `text`, in text order. */
export function findAll<R extends { regex: RegExp }>(text: string, rules: readonly R[]): Array<Span & { rule: R }> {
  const out: Array<Span & { rule: R }> = [];
  for (const rule of rules) {
    const re = rule.regex;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ start: m.index, end: m.index + m[0].length, rule });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Drop every trigger lying inside a longer one ("no" inside "no further", "not" inside "not ruled out"),
 * as NegEx does by matching the longest phrase first. A pseudo trigger that swallows a (non-terminator)
 * trigger is marked blocked, so it can be reported as having fired. A terminator survives inside any longer
 * match but a pseudo phrase.
 * Matches with the same span survive together, so one phrase can carry two categories.
 */
export function pruneContained(matches: TriggerMatch[]): TriggerMatch[] {
  return matches.filter((m) => {
    const outer = matches.find((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
    if (outer && outer.rule.direction === "pseudo" && m.rule.direction !== "terminate") outer.blocked = true;
    // A terminator inside a longer trigger still ends scopes ("but" in ", but she"); only a pseudo phrase hides it ("as a victim").
    return outer === undefined || (m.rule.direction === "terminate" && outer.rule.direction !== "pseudo");
  });
}

/** Does `other` end the scope of `trigger`? Terminators of its category (or ANY), and triggers of its own category. */
function ends(trigger: CompiledTrigger, other: CompiledTrigger): boolean {
  if (other.direction === "terminate") return other.category === "ANY" || other.category === trigger.category;
  return other.category === trigger.category;
}

function clearBetween(t: TriggerMatch, all: readonly TriggerMatch[], from: number, to: number): boolean {
  return !all.some((o) => o !== t && o.start >= from && o.end <= to && ends(t.rule, o.rule));
}

/**
 * Is `target` inside the scope of trigger `t`? Forward scope runs from the trigger's end towards the
 * target, backward scope from the target's end to the trigger; either stops at a terminator, at another
 * trigger of the same category, or after `scope` words. The sentence bounds the search already.
 */
export function covers(t: TriggerMatch, target: Span, all: readonly TriggerMatch[], words: readonly number[]): boolean {
  const dir = t.rule.direction;
  if (dir === "terminate" || dir === "pseudo") return false;
  if (t.start < target.end && target.start < t.end) return false;
  if ((dir === "forward" || dir === "bidirectional") && t.end <= target.start) {
    return wordsBetween(words, t.end, target.start) <= t.rule.scope && clearBetween(t, all, t.end, target.start);
  }
  if ((dir === "backward" || dir === "bidirectional") && t.start >= target.end) {
    return wordsBetween(words, target.end, t.start) <= t.rule.scope && clearBetween(t, all, target.end, t.start);
  }
  return false;
}
