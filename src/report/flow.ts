import { UserError } from "../core/errors.js";
import { NO_REASON } from "../text/context/reasons.js";
import { humanise } from "./format.js";

/** A count of patients by group, as in flow.csv. */
export interface FlowCount {
  adult: number;
  child: number;
  unknown: number;
  total: number;
}

/** The screening flow: returned → excluded (by reason) → included. */
export interface Flow {
  returned: FlowCount;
  excluded: FlowCount;
  /** Reasons in the order flow.csv gives them, with their counts (zeros kept). */
  reasons: { reason: string; count: FlowCount }[];
  included: FlowCount;
}

/** The label of an exclusion reason id, as the flow chart and tables show it. */
export type ReasonLabel = (reason: string) => string;

/**
 * Labels from the study's exclusion reasons (its context rules' `reasons`); `not_given` is "Reason not
 * recorded"; an id the list does not have is made readable.
 */
export function reasonLabeller(reasons: readonly { id: string; label: string }[]): ReasonLabel {
  const labels = new Map(reasons.map((r) => [r.id, r.label]));
  return (reason) => labels.get(reason) ?? (reason === NO_REASON ? "Reason not recorded" : humanise(reason));
}

const COUNT_COLUMNS = ["adult", "child", "unknown", "total"] as const;

/**
 * The flow of flow.csv (`step,reason,adult,child,unknown,total`). Throws a UserError naming the file and
 * line when a count is not a whole number or a step is missing. Pure.
 */
export function parseFlow(rows: readonly { line: number; values: Record<string, string> }[], file: string): Flow {
  const zero = (): FlowCount => ({ adult: 0, child: 0, unknown: 0, total: 0 });
  const flow: Flow = { returned: zero(), excluded: zero(), reasons: [], included: zero() };
  const seen = new Set<string>();
  for (const { line, values } of rows) {
    const count = zero();
    for (const c of COUNT_COLUMNS) {
      const raw = (values[c] ?? "").trim();
      if (!/^\d+$/.test(raw)) throw new UserError(`${file}:${line}: column ${c}: expected a whole number of patients`);
      count[c] = Number(raw);
    }
    const step = values.step.trim();
    const reason = (values.reason ?? "").trim();
    if (step === "returned" || step === "included") flow[step] = count;
    else if (step === "excluded" && (reason === "all" || reason === "")) flow.excluded = count;
    else if (step === "excluded") flow.reasons.push({ reason, count });
    else throw new UserError(`${file}:${line}: column step: expected returned, excluded or included`);
    seen.add(step);
  }
  for (const step of ["returned", "included"]) if (!seen.has(step)) throw new UserError(`${file}: no '${step}' row (it is written by notes-analyse consensus; run it again)`);
  return flow;
}
