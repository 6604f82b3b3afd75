import type { Category, MentionAnalysis, Sense } from "./context/types.js";

/** Exclusion reasons of SPEC §5, in the fixed order that breaks ties between equally common reasons. */
export const EXCLUSION_REASONS = ["drug_trafficking", "traffic_accident", "interest_in_issue", "negated", "other_person", "other"] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** The rule named for an included patient whose evidence no context rule touched. */
export const AFFIRMED_RULE = "affirmed";

/** One hit of a patient with the analysis of its context. `date` is ISO (`yyyy-mm-dd…`) or ''. */
export interface Mention {
  noteId: string;
  date: string;
  term: string;
  start: number;
  end: number;
  analysis: MentionAnalysis;
}

/** A suggested screening decision: help for the rater, never a decision. */
export interface Suggestion {
  suggestion: "include" | "exclude" | "unsure";
  /** The exclusion reason for `exclude`, else ''. */
  reason: "" | ExclusionReason;
  /** Id of the rule that fired on the evidence ('' when there is none). */
  rule: string;
  /** The mention the suggestion rests on (offsets into that note). */
  evidence: { noteId: string; start: number; end: number };
}

/**
 * Which sense explains a mention first when it has several: what kind of trafficking it is (drugs, roads,
 * arms or animals) before why the patient talks of it ("a campaign against dog trafficking" is about animals).
 */
const SENSE_PRECEDENCE: readonly Sense[] = ["drug_trafficking", "traffic_accident", "other", "interest_in_issue"];

/** What explains a mention away (an exclusion sense, a negation, another person), and the rule that says so. */
function explanation(a: MentionAnalysis): { reason: ExclusionReason; rule: string } | undefined {
  const ruleOf = (kind: string): string => a.fired.find((f) => f.kind === kind)?.id ?? "";
  const sense = SENSE_PRECEDENCE.find((s) => a.senses.includes(s));
  if (sense) return { reason: sense, rule: ruleOf(sense) };
  // A negation frame names both the doubt and its answer ("queried trafficking; on assessment this was not
  // the case"), so it settles a mention that is also uncertain.
  const settled = a.fired.find((f) => f.kind === "NEGATED" && f.frame);
  if (a.negated && settled) return { reason: "negated", rule: settled.id };
  // An uncertain mention ("?trafficked", "possible victim") is a possible case: negation never explains it away.
  // Nor does a negation of something else that happens to reach the hit ("could not escape the traffickers"):
  // only one with nothing but link words between ("denies ever being trafficked") is strong enough.
  const direct = a.fired.find((f) => f.kind === "NEGATED" && f.direct);
  if (a.negated && !a.uncertain && direct) return { reason: "negated", rule: direct.id };
  if (a.otherPerson) return { reason: "other_person", rule: ruleOf("OTHER_PERSON") };
  return undefined;
}

/** Affirmed and about the patient: uncertain and historical mentions count (a past experience is still a case). */
function affirmed(a: MentionAnalysis): boolean {
  return !a.negated && !a.hypothetical && !a.otherPerson && a.senses.length === 0;
}

/** The rule to show for an included patient: what qualified the evidence, if anything did. */
function includeRule(a: MentionAnalysis): string {
  const order: Category[] = ["UNCERTAIN", "HISTORICAL"];
  for (const kind of order) {
    const f = a.fired.find((x) => x.kind === kind);
    if (f) return f.id;
  }
  return a.fired.find((x) => x.kind === "PSEUDO")?.id ?? AFFIRMED_RULE;
}

/** Undated mentions last; then note, then offset, so the choice never depends on input order. */
function byDateThenOffset(x: Mention, y: Mention): number {
  if (x.date !== y.date) {
    if (x.date === "") return 1;
    if (y.date === "") return -1;
    return x.date < y.date ? -1 : 1;
  }
  if (x.noteId !== y.noteId) return x.noteId < y.noteId ? -1 : 1;
  return x.start - y.start || x.end - y.end;
}

const evidenceOf = (m: Mention): Suggestion["evidence"] => ({ noteId: m.noteId, start: m.start, end: m.end });

/**
 * Suggest a screening decision for one patient from all of their mentions. `include` when any mention is
 * affirmed and about the patient (the first such mention by date, then offset, is the evidence);
 * `exclude` only when every mention is explained by an exclusion sense, a negation or another person
 * (the commonest explanation, ties broken by `EXCLUSION_REASONS` order); otherwise `unsure` — a mention
 * that is only hypothetical, negated yet uncertain (unless a negation frame settles the doubt), or negated
 * only from a distance (words other than link words between) leaves the patient to the rater. Pure.
 */
export function suggestForPatient(mentions: readonly Mention[]): Suggestion {
  const sorted = [...mentions].sort(byDateThenOffset);
  const first = sorted.find((m) => affirmed(m.analysis));
  if (first) return { suggestion: "include", reason: "", rule: includeRule(first.analysis), evidence: evidenceOf(first) };

  const explained = sorted.map((m) => ({ m, why: explanation(m.analysis) }));
  const doubtful = explained.find((e) => e.why === undefined);
  if (doubtful || sorted.length === 0) {
    const m = doubtful?.m;
    const rule = m?.analysis.fired.find((f) => f.kind !== "PSEUDO")?.id ?? "";
    return { suggestion: "unsure", reason: "", rule, evidence: m ? evidenceOf(m) : { noteId: "", start: 0, end: 0 } };
  }

  const counts = new Map<ExclusionReason, number>();
  for (const e of explained) counts.set(e.why!.reason, (counts.get(e.why!.reason) ?? 0) + 1);
  let reason: ExclusionReason = EXCLUSION_REASONS[0];
  let best = -1;
  for (const r of EXCLUSION_REASONS) {
    const n = counts.get(r) ?? 0;
    if (n > best) [reason, best] = [r, n];
  }
  const chosen = explained.find((e) => e.why!.reason === reason)!;
  return { suggestion: "exclude", reason, rule: chosen.why!.rule, evidence: evidenceOf(chosen.m) };
}
