import type { ScreeningReasons } from "./reasons.js";

/** Context categories a trigger can set on a mention (ConText: negation, temporality, experiencer, certainty). */
export const CATEGORIES = ["NEGATED", "HYPOTHETICAL", "OTHER_PERSON", "HISTORICAL", "UNCERTAIN"] as const;
export type Category = (typeof CATEGORIES)[number];

/** How a trigger acts: on words after it, before it, both, by ending other scopes, or by blocking triggers it contains. */
export const DIRECTIONS = ["forward", "backward", "bidirectional", "terminate", "pseudo"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * An exclusion sense: the id of a reason of kind meaning or interest in the context-rules file (another
 * meaning of a hit, or interest in the issue, that makes it not about the patient's own experience).
 */
export type Sense = string;

/** A trigger ready to run: its regular expression is compiled once. */
export interface CompiledTrigger {
  id: string;
  /** `ANY` only for terminate and pseudo triggers: they then act on every category. */
  category: Category | "ANY";
  direction: Direction;
  /** Most words allowed between the trigger and the mention. */
  scope: number;
  regex: RegExp;
  /** A pseudo trigger whose mention says nothing either way about the patient. */
  neutral?: boolean;
  /** An UNCERTAIN trigger that names a question asked, which a direct negation answers. */
  asks?: boolean;
}

/** A sense rule ready to run. */
export interface CompiledSense {
  id: string;
  sense: Sense;
  /** Most words allowed between the mention and the sense match, or the whole sentence. */
  window: number | "sentence";
  /** Where the match must lie relative to the mention. */
  side: "before" | "after" | "either";
  regex: RegExp;
  /** The hit's own text must match this, when given. */
  hit?: RegExp;
  /** Not when the text right after the hit matches this. */
  unlessAfter?: RegExp;
  /** Only for a mention in one of these sections, when given. */
  sections?: ReadonlySet<string>;
}

/** One part of a frame: a cue and how many words may lie between it and the mention. */
export interface CompiledFramePart {
  window: number | "sentence";
  regex: RegExp;
}

/** A frame ready to run: what it sets, and its cue before and/or after the mention. */
export interface CompiledFrame {
  id: string;
  sets: Category | Sense;
  before?: CompiledFramePart;
  after?: CompiledFramePart;
  /** The hit's own text must match this, when given. */
  hit?: RegExp;
  /** Not when the text right after the hit matches this. */
  unlessAfter?: RegExp;
  /** Only for a mention in one of these sections, when given. */
  sections?: ReadonlySet<string>;
}

/** A statement rule ready to run (outcome or dispute). */
export interface CompiledStatement {
  id: string;
  regex: RegExp;
  /** For an outcome: whether it settles only a query in its own note, or one in an earlier note too. */
  reach: "note" | "later";
}

/** How a mention's subject is read across to the patient. */
export interface CompiledCoreference {
  byGender: boolean;
}

/** A rule set compiled once by `compileRules` and shared by every call of `analyseMention`. */
export interface CompiledRules {
  /** The exclusion reasons and the orders derived from them. */
  reasons: ScreeningReasons;
  triggers: CompiledTrigger[];
  senses: CompiledSense[];
  frames: CompiledFrame[];
  /** Words that may stand between a trigger and a mention it bears on directly ("was", "any", "of" …). */
  linkWords: ReadonlySet<string>;
  /** Statements that settle an open query without the term; statements that dispute an outcome. */
  outcomes: CompiledStatement[];
  disputes: CompiledStatement[];
  /** Statements that apply an earlier mention of the note to the patient ("the same had happened to her"). */
  affirmations: CompiledStatement[];
  coreference?: CompiledCoreference;
}

/** One rule that fired on a mention, with where it matched (offsets into the note). */
export interface FiredRule {
  id: string;
  /** The category set (`PSEUDO` for a pseudo trigger that blocked a trigger near the mention) or the sense. */
  kind: Category | "PSEUDO" | Sense;
  start: number;
  end: number;
  /** Words between the rule's match and the mention (0 when they touch or overlap). */
  distance: number;
  /** True when only link words stand between: the rule bears directly on the mention ("denies ever being trafficked"). */
  direct: boolean;
  /** True for a frame: cues on both sides (or one written to bear on the mention), so always direct. */
  frame?: boolean;
  /** Set for a trigger that names a question asked (a screen, a checklist) rather than a doubt. */
  asks?: true;
}

/** What the context around one mention says about it. */
export interface MentionAnalysis {
  /** A neutral pseudo trigger shields the mention: it says nothing either way ("no NRM referral"). */
  neutral?: boolean;
  negated: boolean;
  hypothetical: boolean;
  otherPerson: boolean;
  historical: boolean;
  uncertain: boolean;
  /** Exclusion senses found near the mention, in the order of the file's reasons. */
  senses: Sense[];
  /** Ids of the rules that fired, in text order. */
  rules: string[];
  /** The same rules with what they set and where they matched, so a caller can cite the one it uses. */
  fired: FiredRule[];
  /** The sentence holding the mention (offsets into the note). */
  sentence: { start: number; end: number };
}
