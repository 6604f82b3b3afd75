import type { Span } from "./sentences.js";
import type { CompiledFrame, CompiledFramePart } from "./types.js";
import { wordsBetween } from "./words.js";

/** A frame that fired on a mention: the span from its first cue to its last (offsets into the sentence). */
export interface FrameMatch extends Span {
  rule: CompiledFrame;
  /** Words between the mention and the nearer cue. */
  distance: number;
}

/** The cue of `part` nearest the mention on one side, within the part's window, or undefined. */
function nearestCue(sentence: string, part: CompiledFramePart, target: Span, words: readonly number[], side: "before" | "after"): (Span & { distance: number }) | undefined {
  const re = part.regex;
  re.lastIndex = 0;
  let best: (Span & { distance: number }) | undefined;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const cue = { start: m.index, end: m.index + m[0].length };
    if (side === "before" ? cue.end > target.start : cue.start < target.end) continue;
    const distance = side === "before" ? wordsBetween(words, cue.end, target.start) : wordsBetween(words, target.end, cue.start);
    if (part.window !== "sentence" && distance > part.window) continue;
    if (!best || distance < best.distance) best = { ...cue, distance };
  }
  return best;
}

/**
 * Every frame whose cues all lie where it wants them: the `before` cue ending before the mention and the
 * `after` cue starting after it, each within its window of words, in the mention's sentence. Pure.
 */
export function findFrames(sentence: string, target: Span, words: readonly number[], frames: readonly CompiledFrame[]): FrameMatch[] {
  const out: FrameMatch[] = [];
  for (const rule of frames) {
    const before = rule.before && nearestCue(sentence, rule.before, target, words, "before");
    if (rule.before && !before) continue;
    const after = rule.after && nearestCue(sentence, rule.after, target, words, "after");
    if (rule.after && !after) continue;
    out.push({
      rule,
      start: (before ?? after)!.start,
      end: (after ?? before)!.end,
      distance: Math.min(before?.distance ?? Infinity, after?.distance ?? Infinity),
    });
  }
  return out;
}
