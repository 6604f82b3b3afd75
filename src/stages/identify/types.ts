import type { Matcher } from "../../text/terms/match.js";
import type { Scope } from "./schema.js";

/** A category of the scheme (e.g. `other_service`), with what it means. */
export interface CategoryInfo {
  id: string;
  label: string;
  definition: string;
  group?: string;
}

/** An informing service (a sub-category of the service category), with what it means. */
export interface ServiceInfo {
  id: string;
  label: string;
  definition: string;
}

/** Something that must lie near a cue (same sentence, within `within` words on `side`). */
export interface CompiledNear {
  target: "service" | "mention" | "lexicon";
  matcher?: Matcher;
  side: "before" | "after" | "either";
  within: number;
  /** Patterns that must not lie between the cue and the target ("letter TO GP"). */
  notAcross?: Matcher;
  /** Patterns that must not stand just before the target, outside the cue ("discussed WITH SW"). */
  notPrecededBy?: Matcher;
  /** The target lies in the cue's sentence, or anywhere in its block (segment, else section, else part). */
  in: "sentence" | "block";
}

/** A veto near the cue. */
export interface CompiledVeto {
  matcher: Matcher;
  side: "before" | "after" | "either";
  within: number;
  /** Veto only a cue outside the sentences that mention the trafficking. */
  awayFromMention: boolean;
}

/** A rule ready to run. Cue hits whose term group is `svc:<id>` name a service themselves. */
export interface CompiledRule {
  id: string;
  description: string;
  category: string;
  service?: string;
  /** The procedure step the rule belongs to. */
  step: string;
  /** The cue; absent, the trafficking mentions themselves are the cues. */
  cue?: Matcher;
  near?: CompiledNear;
  unless: CompiledVeto[];
  scope: Scope;
  /** Lower-cased note types the rule is limited to (absent: any). */
  noteTypes?: ReadonlySet<string>;
  sections?: ReadonlySet<string>;
  notSections?: ReadonlySet<string>;
  noteSections?: ReadonlySet<string>;
  notNegated: boolean;
  /** Vetoes in the nearest mention's sentence. */
  unlessMention?: Matcher;
  /** Something the note must hold in given sections. */
  noteHas?: { matcher: Matcher; sections: ReadonlySet<string> };
  /** Position in the file: the last tie-breaker, so the choice never depends on anything else. */
  order: number;
}

/** The built-in procedure step that reads who wrote the part holding the first mention. */
export const AUTHOR_STEP = "author";

/** One step of the procedure, in order. */
export interface ProcedureStep {
  id: string;
  description: string;
}

/** A categories file validated and compiled once, shared by every patient. */
export interface CompiledCategories {
  source: string;
  name: string;
  categories: CategoryInfo[];
  groups: { id: string; label: string; definition: string }[];
  serviceCategory: string;
  fallback: string;
  services: ServiceInfo[];
  /** Every service name: group `svc:<id>` for specific names, `gen:<id>` for generic ones. */
  serviceNames: Matcher;
  /** The procedure: steps in order, the first with a firing decides. */
  procedure: ProcedureStep[];
  rules: CompiledRule[];
}

/** The suggested identification route of one patient, with the evidence it rests on. */
export interface RouteSuggestion {
  route: string;
  /** The informing service for the service category, else ''. */
  service: string;
  /** Id of the rule that fired (`unknown.no-cue` / `unknown.no-mention` when none did). */
  rule: string;
  /** The note that first mentions the patient's trafficking ('' when none does). */
  noteId: string;
  date: string;
  /** The evidence sentence, whitespace collapsed, cut to about 300 characters around the cue. */
  evidence: string;
  /** Spans of `evidence` to show in bold: the cue and, where there is one, the service name. */
  bold: { start: number; end: number }[];
  /** Offsets of the cue in the note text. */
  start: number;
  end: number;
}
