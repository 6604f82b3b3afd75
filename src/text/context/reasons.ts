/**
 * Exclusion reasons: what a rater may give for excluding a patient, and what a sense rule may name.
 * - `meaning`: another meaning of the word (drug trafficking, a road traffic accident);
 * - `interest`: the patient's interest in the issue, not their experience of it;
 * - `negated`: ruled out or denied; `other_person`: about someone else. Exactly one of each.
 */
export const REASON_KINDS = ["meaning", "interest", "negated", "other_person"] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** One exclusion reason of the context-rules file. */
export interface Reason {
  id: string;
  label: string;
  kind: ReasonKind;
  description?: string;
}

/** The reason recorded for an exclusion a rater gave no reason for (never a reason of the file). */
export const NO_REASON = "not_given";

/** What the screening policy and the workbooks need of the reasons, derived once from the file's list. */
export interface ScreeningReasons {
  /** Every reason in the file's order, which breaks ties between equally common reasons. */
  all: readonly Reason[];
  /** Ids of `all`, in the same order: the drop-down of the screening workbooks. */
  ids: readonly string[];
  /** Sense ids (kinds meaning and interest) in the file's order: the order senses are listed in a result. */
  senses: readonly string[];
  /**
   * Which sense explains a mention first when it has several: what the word means (drugs, roads, arms)
   * before why the patient talks of it ("a campaign against dog trafficking" is about animals), so every
   * meaning in file order, then every interest.
   */
  precedence: readonly string[];
  /** The id of the reason of kind `negated`. */
  negated: string;
  /** The id of the reason of kind `other_person`. */
  otherPerson: string;
}

/** The six reasons of SPEC §5, which apply when a context-rules file has no `reasons`. */
export const DEFAULT_REASONS: readonly Reason[] = [
  { id: "drug_trafficking", label: "Drug trafficking", kind: "meaning" },
  { id: "traffic_accident", label: "Road traffic accidents and other traffic", kind: "meaning" },
  { id: "interest_in_issue", label: "Interest in the issue, not a victim", kind: "interest" },
  { id: "negated", label: "Trafficking denied or ruled out", kind: "negated" },
  { id: "other_person", label: "Another person trafficked, or the patient accused", kind: "other_person" },
  { id: "other", label: "Other reasons", kind: "meaning" },
];

/**
 * The derived orders of a list of reasons. The list must hold exactly one reason of kind `negated` and
 * one of `other_person` (compileRules checks this with a message naming the file). Pure.
 */
export function screeningReasons(all: readonly Reason[]): ScreeningReasons {
  const of = (kind: ReasonKind) => all.filter((r) => r.kind === kind).map((r) => r.id);
  return {
    all,
    ids: all.map((r) => r.id),
    senses: all.filter((r) => r.kind === "meaning" || r.kind === "interest").map((r) => r.id),
    precedence: [...of("meaning"), ...of("interest")],
    negated: of("negated")[0],
    otherPerson: of("other_person")[0],
  };
}

export const DEFAULT_SCREENING_REASONS: ScreeningReasons = screeningReasons(DEFAULT_REASONS);

/** Ids of the default reasons, in tie-break order. */
export const DEFAULT_REASON_IDS: readonly string[] = DEFAULT_SCREENING_REASONS.ids;
