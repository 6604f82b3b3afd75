import { DEFAULT_SCREENING_REASONS, type ScreeningReasons } from "../../text/context/reasons.js";
import type { Category, MentionAnalysis } from "../../text/context/types.js";

/** An exclusion reason id of the context-rules file (`reasons`), or of the six defaults. */
export type ExclusionReason = string;

/** The rule named for an included patient whose evidence no context rule touched. */
export const AFFIRMED_RULE = "affirmed";

/** What a mention says of the patient, read in context. */
export type MentionStatus = "affirmed" | "suspicion" | "hypothetical" | "doubtful" | "negated" | "other_person" | "sense" | "neutral";

/** One hit of a patient with the analysis of its context. `date` is ISO (`yyyy-mm-dd…`) or ''. */
export interface Mention {
  noteId: string;
  date: string;
  term: string;
  start: number;
  end: number;
  analysis: MentionAnalysis;
  /** Who wrote the part of the note holding the mention (the team unless a letter, e-mail or form says otherwise). */
  author?: "team" | "other" | "unknown";
  /** The section the mention stands in, if any. */
  section?: string;
  /** Set when a coreference rule found the mention is about someone else. */
  aboutOther?: { rule: string };
}

/**
 * A statement in the notes that is not a mention: an outcome without the term, a dispute of one, or an
 * affirmation that points back to a mention earlier in its note ("the same had happened to her").
 */
export interface Statement {
  kind: "outcome" | "dispute" | "affirms";
  noteId: string;
  date: string;
  start: number;
  end: number;
  rule: string;
  /** For an outcome: settles only a query in its own note, or one in an earlier note too. */
  reach?: "note" | "later";
}

/** Where a piece of reasoning rests: a note, a date and a span in it. */
export interface Place {
  noteId: string;
  date: string;
  start: number;
  end: number;
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
  /** Every rule that decided, in the order the reasoning used them. */
  rules: string[];
  /** The outcome that settled an earlier query, when one did (the last such). */
  outcome?: Place & { rule: string };
  /** One line of plain reasoning, with note ids and dates, never note text. */
  why: string;
}

const ruleOf = (a: MentionAnalysis, kind: string): string => a.fired.find((f) => f.kind === kind)?.id ?? "";

/**
 * What one mention says, from its context: another sense; someone else; a negation that settles it (a
 * frame that names the doubt and its answer, or one with nothing but link words between: "denies ever
 * being trafficked"); a suspicion or query; something hypothetical or feared; a negation only from a
 * distance (doubtful); else affirmed. With the rule that says so. A mention with several senses is
 * explained by the first in `reasons.precedence` (every meaning of the word, then interest). Pure.
 */
export function statusOf(m: Mention, reasons: ScreeningReasons = DEFAULT_SCREENING_REASONS): { status: MentionStatus; reason?: ExclusionReason; rule: string } {
  const a = m.analysis;
  const sense = reasons.precedence.find((s) => a.senses.includes(s));
  if (sense) return { status: "sense", reason: sense, rule: ruleOf(a, sense) };
  const settled = a.fired.find((f) => f.kind === "NEGATED" && f.frame);
  if (a.negated && settled) return { status: "negated", reason: reasons.negated, rule: settled.id };
  // A negation bearing directly on the mention settles it, unless there is doubt too; a screen or a
  // checklist is a question asked, and the negation its answer ("no indicators of trafficking – question closed").
  const direct = a.fired.find((f) => f.kind === "NEGATED" && f.direct);
  const doubt = a.fired.some((f) => f.kind === "UNCERTAIN" && !f.asks);
  if (a.negated && !doubt && direct) return { status: "negated", reason: reasons.negated, rule: direct.id };
  if (a.otherPerson) return { status: "other_person", reason: reasons.otherPerson, rule: ruleOf(a, "OTHER_PERSON") };
  if (m.aboutOther) return { status: "other_person", reason: reasons.otherPerson, rule: m.aboutOther.rule };
  if (a.neutral) return { status: "neutral", rule: a.fired.find((f) => f.kind === "PSEUDO")?.id ?? "" };
  if (a.uncertain) return { status: "suspicion", rule: ruleOf(a, "UNCERTAIN") };
  if (a.hypothetical) return { status: "hypothetical", rule: ruleOf(a, "HYPOTHETICAL") };
  if (a.negated) return { status: "doubtful", rule: ruleOf(a, "NEGATED") };
  return { status: "affirmed", rule: includeRule(a) };
}

/** The rule to show for an affirmed mention: what qualified it, if anything did. */
function includeRule(a: MentionAnalysis): string {
  const order: Category[] = ["UNCERTAIN", "HISTORICAL"];
  for (const kind of order) {
    const f = a.fired.find((x) => x.kind === kind);
    if (f) return f.id;
  }
  return a.fired.find((x) => x.kind === "PSEUDO")?.id ?? AFFIRMED_RULE;
}

/** Undated last; then note, then offset, so the choice never depends on input order. */
function byTime(x: Place, y: Place): number {
  if (x.date !== y.date) {
    if (x.date === "") return 1;
    if (y.date === "") return -1;
    return x.date < y.date ? -1 : 1;
  }
  if (x.noteId !== y.noteId) return x.noteId < y.noteId ? -1 : 1;
  return x.start - y.start || x.end - y.end;
}

const evidenceOf = (m: Place): Suggestion["evidence"] => ({ noteId: m.noteId, start: m.start, end: m.end });
const at = (p: Place): string => `${p.noteId}${p.date ? ` ${p.date.slice(0, 10)}` : ""}`;

type Event = { kind: "mention"; m: Mention; s: ReturnType<typeof statusOf> } | { kind: "statement"; st: Statement };
const placeOf = (e: Event): Place => (e.kind === "mention" ? e.m : e.st);

/**
 * Suggest a screening decision for one patient by reading every mention over the timeline (SPEC §2; the
 * policy is written in the stage README):
 * - a suspicion or query is open until an outcome rules it out — a negated mention ("no indicators of
 *   trafficking") or an outcome statement without the term ("Explored: no indicators") in the same note
 *   after it or a later note — and reopens when the team disputes that outcome ("we remain concerned");
 *   a feared or conditional mention is settled the same way, but unsettled it decides nothing;
 * - `include` when a mention about the patient is affirmed (unless a later negated outcome contradicts it:
 *   then `unsure`), or a suspicion is still open;
 * - `exclude` only when every mention is explained — another sense, someone else, negated, or a settled
 *   query — with the commonest reason (ties by the order of `vocab.ids`, the context-rules file's reasons);
 * - `unsure` for anything else: only hypothetical or feared (unanswered), negated from a distance, or no mention.
 * Pure.
 */
export function suggestForPatient(mentions: readonly Mention[], statements: readonly Statement[] = [], vocab: ScreeningReasons = DEFAULT_SCREENING_REASONS): Suggestion {
  const events: Event[] = [...mentions.map((m): Event => ({ kind: "mention", m, s: statusOf(m, vocab) })), ...statements.map((st): Event => ({ kind: "statement", st }))].sort(
    (x, y) => byTime(placeOf(x), placeOf(y)) || (x.kind === y.kind ? 0 : x.kind === "mention" ? -1 : 1),
  );
  const affirmed: Event[] = [];
  let open: Event[] = [];
  const settled: { e: Event; by: Place & { rule: string } }[] = [];
  const explained: { e: Event; reason: ExclusionReason; rule: string }[] = [];
  const weak: Event[] = [];
  // Mentions that say nothing either way ("no NRM referral"): they decide only when nothing else does.
  const weakNeutral: Event[] = [];
  let lastSettlement: { by: Place & { rule: string }; items: Event[] } | undefined;
  let disputed: (Place & { rule: string }) | undefined;
  let contradiction: (Place & { rule: string }) | undefined;

  /** Settle the open queries an outcome reaches: all of them, or (reach `note`) those of its own note. */
  const settle = (by: Place & { rule: string }, reach: "note" | "later" = "later") => {
    const items = reach === "later" ? open : open.filter((e) => placeOf(e).noteId === by.noteId);
    if (items.length === 0) return;
    for (const e of items) settled.push({ e, by });
    lastSettlement = { by, items };
    open = open.filter((e) => !items.includes(e));
  };
  for (const e of events) {
    if (e.kind === "statement") {
      const by = { ...placeOf(e), rule: e.st.rule };
      if (e.st.kind === "outcome") settle(by, e.st.reach ?? "note");
      else if (e.st.kind === "affirms") {
        // "Disclosed that the same had happened to her": about a mention earlier in the same note.
        if (events.some((x) => x.kind === "mention" && x.m.noteId === by.noteId && byTime(x.m, by) < 0)) affirmed.push(e);
      } else {
        // The team does not accept an outcome ("we do not agree", "we remain concerned"): what it settled is
        // open again, and so is a negated mention of the same note before the dispute ("Home Office say there
        // is no evidence she was trafficked. We do not agree.").
        const negatedHere = explained.filter((x) => x.reason === vocab.negated && x.e.kind === "mention" && x.e.m.noteId === by.noteId && x.e.s.status === "negated");
        if (lastSettlement || negatedHere.length > 0) {
          const back = [...(lastSettlement?.items ?? []), ...negatedHere.map((x) => x.e)];
          for (const item of lastSettlement?.items ?? []) settled.splice(settled.findIndex((x) => x.e === item), 1);
          for (const x of negatedHere) explained.splice(explained.indexOf(x), 1);
          open.push(...back);
          if (contradiction && negatedHere.some((x) => placeOf(x.e).noteId === contradiction!.noteId)) contradiction = undefined;
          disputed = by;
          lastSettlement = undefined;
        }
      }
      continue;
    }
    const { status, reason, rule } = e.s;
    if (status === "neutral") {
      weakNeutral.push(e);
      continue;
    }
    if (status === "affirmed") affirmed.push(e);
    // A feared or conditional mention ("whether she is at risk of being trafficked") is a question too: an
    // outcome after it answers it; unanswered, it decides nothing.
    else if (status === "suspicion" || status === "hypothetical") open.push(e);
    else if (status === "doubtful") weak.push(e);
    else {
      explained.push({ e, reason: reason!, rule });
      if (status === "negated") {
        const by = { ...placeOf(e), rule };
        settle(by);
        if (affirmed.length > 0) contradiction = by;
      }
    }
  }

  const firstAffirmed = affirmed[0];
  if (firstAffirmed && firstAffirmed.kind === "statement") {
    const st = firstAffirmed.st;
    return { suggestion: "include", reason: "", rule: st.rule, evidence: evidenceOf(st), rules: [st.rule], why: `affirmed about the patient at ${at(st)} (${st.rule}), pointing back to a mention in that note` };
  }
  if (firstAffirmed && firstAffirmed.kind === "mention") {
    const s = firstAffirmed.s;
    if (contradiction) {
      return {
        suggestion: "unsure",
        reason: "",
        rule: contradiction.rule,
        evidence: evidenceOf(firstAffirmed.m),
        rules: [s.rule, contradiction.rule],
        outcome: contradiction,
        why: `affirmed at ${at(firstAffirmed.m)} (${s.rule}) but ruled out later at ${at(contradiction)} (${contradiction.rule}): explanations conflict`,
      };
    }
    return { suggestion: "include", reason: "", rule: s.rule, evidence: evidenceOf(firstAffirmed.m), rules: [s.rule], why: `affirmed about the patient at ${at(firstAffirmed.m)} (${s.rule})` };
  }
  open.sort((x, y) => byTime(placeOf(x), placeOf(y)));
  weak.push(...open.filter((e) => e.kind === "mention" && e.s.status === "hypothetical"));
  weak.sort((x, y) => byTime(placeOf(x), placeOf(y)));
  const firstOpen = open.find((e) => !(e.kind === "mention" && e.s.status === "hypothetical"));
  if (firstOpen && firstOpen.kind === "mention") {
    const s = firstOpen.s;
    const why = disputed
      ? `query at ${at(firstOpen.m)} (${s.rule}); its outcome disputed at ${at(disputed)} (${disputed.rule}): still open`
      : `query or suspicion at ${at(firstOpen.m)} (${s.rule}) with no outcome that rules it out`;
    return { suggestion: "include", reason: "", rule: s.rule, evidence: evidenceOf(firstOpen.m), rules: disputed ? [s.rule, disputed.rule] : [s.rule], why };
  }
  const onlyNeutral = weakNeutral.length > 0 && explained.length === 0 && settled.length === 0;
  const firstWeak = weak[0] ?? (onlyNeutral ? weakNeutral[0] : undefined);
  if (firstWeak || events.every((e) => e.kind === "statement")) {
    const m = firstWeak?.kind === "mention" ? firstWeak : undefined;
    const rule = m?.s.rule ?? "";
    return {
      suggestion: "unsure",
      reason: "",
      rule,
      evidence: m ? evidenceOf(m.m) : { noteId: "", start: 0, end: 0 },
      rules: rule ? [rule] : [],
      why: m ? `${m.s.status === "hypothetical" ? "only hypothetical or feared" : m.s.status === "neutral" ? "says nothing either way" : "negated only from a distance"} at ${at(m.m)} (${rule})` : "no mention to read",
    };
  }

  // Every mention explained: a settled query counts as negated, by the outcome that settled it.
  const reasons = [...explained.map((x) => ({ reason: x.reason, rule: x.rule, e: x.e })), ...settled.map((x) => ({ reason: vocab.negated, rule: x.by.rule, e: x.e }))];
  const counts = new Map<ExclusionReason, number>();
  for (const r of reasons) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  let reason: ExclusionReason = vocab.ids[0];
  let best = -1;
  for (const r of vocab.ids) {
    const n = counts.get(r) ?? 0;
    if (n > best) [reason, best] = [r, n];
  }
  const chosen = reasons.filter((r) => r.reason === reason).sort((x, y) => byTime(placeOf(x.e), placeOf(y.e)))[0];
  const outcome = settled.length > 0 ? settled[settled.length - 1].by : undefined;
  const rules = [...new Set(reasons.map((r) => r.rule).filter(Boolean))];
  const why =
    `every mention explained (${[...counts].map(([r, n]) => `${r} ${n}`).join(", ")})` +
    (outcome ? `; queries settled by the outcome at ${at(outcome)} (${outcome.rule})` : "");
  return { suggestion: "exclude", reason, rule: chosen.rule, evidence: evidenceOf(placeOf(chosen.e)), rules, ...(outcome ? { outcome } : {}), why };
}
