import { notRated } from "../../second-rater/compare.js";
import { NO_REASON } from "../../text/context/reasons.js";

export { NO_REASON };

/** A screening decision as read from a workbook. */
export interface Decision {
  decision: string;
  reason: string;
}

export interface ConsensusInput {
  /** Returned patients in the stable order, with their group. */
  returned: readonly { patientId: string; group: string }[];
  rater1: ReadonlyMap<string, Decision>;
  rater2: ReadonlyMap<string, Decision>;
  sample: readonly string[];
  consensus: ReadonlyMap<string, Decision>;
}

export interface Discrepancy {
  patientId: string;
  group: string;
  why: "disagreement" | "rater 1 unsure";
  rater1: Decision;
  rater2?: Decision;
}

export interface FinalDecision {
  patientId: string;
  group: string;
  decision: "include" | "exclude";
  reason: string;
  decidedBy: "rater1" | "consensus";
}

export interface ConsensusResult {
  missingRater1: string[];
  missingRater2: string[];
  discrepancies: Discrepancy[];
  missingConsensus: string[];
  /** Final decisions, complete only when nothing is missing. */
  final: FinalDecision[];
}

/**
 * Combine the raters' screening decisions as the study did: rater 1 screens everyone; on the sample,
 * any disagreement with rater 2 goes to consensus, and so does every rater-1 `unsure`; the final list is
 * rater 1's decisions with consensus decisions applied. Pure.
 */
export function resolveConsensus(input: ConsensusInput): ConsensusResult {
  const inSample = new Set(input.sample);
  const missingRater1 = input.returned.filter((p) => !input.rater1.get(p.patientId)?.decision).map((p) => p.patientId);
  const missingRater2 = notRated(input.sample, input.rater2, (d) => Boolean(d.decision));
  const discrepancies: Discrepancy[] = [];
  for (const p of input.returned) {
    const r1 = input.rater1.get(p.patientId);
    if (!r1?.decision) continue;
    const r2 = inSample.has(p.patientId) ? input.rater2.get(p.patientId) : undefined;
    if (r2?.decision && r2.decision !== r1.decision) discrepancies.push({ patientId: p.patientId, group: p.group, why: "disagreement", rater1: r1, rater2: r2 });
    else if (r1.decision === "unsure") discrepancies.push({ patientId: p.patientId, group: p.group, why: "rater 1 unsure", rater1: r1, ...(r2 ? { rater2: r2 } : {}) });
  }
  const missingConsensus = discrepancies.filter((d) => !input.consensus.get(d.patientId)?.decision).map((d) => d.patientId);
  const final: FinalDecision[] = [];
  for (const p of input.returned) {
    const c = input.consensus.get(p.patientId);
    const r1 = input.rater1.get(p.patientId);
    const isDiscrepancy = discrepancies.some((d) => d.patientId === p.patientId);
    const chosen = isDiscrepancy ? c : r1;
    if (!chosen?.decision || chosen.decision === "unsure") continue;
    final.push({
      patientId: p.patientId,
      group: p.group,
      decision: chosen.decision as "include" | "exclude",
      reason: chosen.decision === "exclude" ? chosen.reason || NO_REASON : "",
      decidedBy: isDiscrepancy ? "consensus" : "rater1",
    });
  }
  return { missingRater1, missingRater2, discrepancies, missingConsensus, final };
}

const GROUPS = ["adult", "child", "unknown"] as const;

/**
 * flow.csv rows: returned → excluded (all, then by reason: each of `reasons` in order, zeros kept, then
 * `not_given` when an exclusion had no reason) → included, by group and in total.
 */
export function flowRows(returned: readonly { group: string }[], final: readonly FinalDecision[], reasons: readonly string[]): (string | number)[][] {
  const count = (items: readonly { group: string }[]) => {
    const by = GROUPS.map((g) => items.filter((i) => i.group === g).length);
    return [...by, items.length];
  };
  const excluded = final.filter((f) => f.decision === "exclude");
  const rows = [...reasons, NO_REASON].filter((r) => r !== NO_REASON || excluded.some((f) => f.reason === NO_REASON));
  return [
    ["returned", "", ...count(returned)],
    ["excluded", "all", ...count(excluded)],
    ...rows.map((r) => ["excluded", r, ...count(excluded.filter((f) => f.reason === r))]),
    ["included", "", ...count(final.filter((f) => f.decision === "include"))],
  ];
}

export const FLOW_COLUMNS = ["step", "reason", "adult", "child", "unknown", "total"];
