import type { DecisionColumn, DecisionSheet } from "./decision-workbook.js";
import { SAMPLED_COLUMNS } from "./sampled-columns.js";

/** The study's exclusion reasons as the workbooks show them (the context rules' `reasons`, compiled). */
interface ScreeningReasons {
  readonly ids: readonly string[];
  readonly all: readonly { readonly id: string; readonly label: string; readonly kind: string; readonly description?: string }[];
}

export const DECISIONS = ["include", "exclude", "unsure"] as const;

/**
 * The decision cells. Without `reasons` the reason is not checked against a list: for readers that use
 * only the decision (the run's plan, simulate), which must not refuse a study's own reasons.
 */
function decisionColumns(reasons?: ScreeningReasons): DecisionColumn[] {
  return [
    { header: "decision", key: "decision", width: 12, allowed: DECISIONS },
    { header: "exclusion_reason", key: "exclusion_reason", width: 20, ...(reasons ? { allowed: reasons.ids } : {}) },
    { header: "comment", key: "comment", width: 40 },
  ];
}

/** The Reasons sheet: every exclusion reason of the context rules with its label, kind and description. */
function reasonsSheet(reasons?: ScreeningReasons): NonNullable<DecisionSheet["extraSheets"]> {
  if (!reasons) return [];
  return [
    {
      name: "Reasons",
      columns: [
        { header: "exclusion_reason", key: "id", width: 24 },
        { header: "label", key: "label", width: 50, wrap: true },
        { header: "kind", key: "kind", width: 13 },
        { header: "description", key: "description", width: 90, wrap: true },
      ],
      rows: reasons.all.map((r) => ({ id: r.id, label: r.label, kind: r.kind, description: r.description ?? "" })),
    },
  ];
}

const reasonsLine = (reasons?: ScreeningReasons): string[] =>
  reasons ? [`Exclusion reasons (\`exclusion_reason\`): ${reasons.all.map((r) => `${r.id} (${r.label})`).join("; ")}. What each covers is on the Reasons sheet.`] : [];

/** Rater 1's screening workbook: evidence, the suggestion with its reason and rule, decision cells. */
export const screeningSheet = (reasons?: ScreeningReasons): DecisionSheet => ({
  sheet: "Screening",
  idColumn: "patient_id",
  evidence: [
    { header: "group", key: "group", width: 8 },
    { header: "status", key: "status", width: 12 },
    { header: "n_mentions", key: "n_mentions", width: 11 },
    { header: "evidence", key: "evidence", width: 90, wrap: true },
    { header: "suggestion", key: "suggestion", width: 11 },
    { header: "reason", key: "reason", width: 17 },
    { header: "rule", key: "rule", width: 22 },
  ],
  display: [
    { header: "model_score", key: "model_score", width: 12 },
    { header: "model_rank", key: "model_rank", width: 11 },
  ],
  decisions: decisionColumns(reasons),
  about: [
    "Screening workbook for rater 1 (notes-analyse screen)",
    "One row per patient returned by the case-finding terms. Read the evidence (each mention in bold, with its date and note id).",
    "Fill in `decision` (include / exclude / unsure) and, for exclude, `exclusion_reason`; add a comment where it helps.",
    ...reasonsLine(reasons),
    "`suggestion`, `reason` and `rule` are the tool's suggestion and the rule that fired: help, never a decision.",
    "`model_score` and `model_rank` (only with `screen --rank`, once enough patients are decided) are a text model's score of relevance, 0–1, learned from the decisions in this workbook, and its rank among the undecided rows, which then come first, most relevant at the top. A model score is not a decision either.",
    "Only the yellow cells can be edited. Do not sort, move or delete rows outside the filter: a hidden check column catches it on import.",
    "Re-running `notes-analyse screen` keeps every decision made here.",
  ],
  extraSheets: reasonsSheet(reasons),
});

/**
 * Rater 2's blinded workbook: the same evidence in date order, no suggestions, no rater-1 decisions.
 * `about` is the sample's description (sample.ts).
 */
export const secondRaterSheet = (reasons?: ScreeningReasons, about: readonly string[] = []): DecisionSheet => ({
  sheet: "Screening",
  idColumn: "patient_id",
  evidence: [
    ...SAMPLED_COLUMNS,
    { header: "n_mentions", key: "n_mentions", width: 11 },
    { header: "evidence", key: "evidence", width: 90, wrap: true },
  ],
  decisions: decisionColumns(reasons),
  ...(about.length > 0 ? { about: [...about, ...reasonsLine(reasons)] } : {}),
  extraSheets: reasonsSheet(reasons),
});

/** Disagreements (and rater-1 `unsure` decisions) for the raters to resolve together. */
export const discrepancySheet = (reasons?: ScreeningReasons): DecisionSheet => ({
  sheet: "Discrepancies",
  idColumn: "patient_id",
  evidence: [
    { header: "group", key: "group", width: 8 },
    { header: "why", key: "why", width: 20 },
    { header: "rater1_decision", key: "rater1_decision", width: 15 },
    { header: "rater1_reason", key: "rater1_reason", width: 17 },
    { header: "rater2_decision", key: "rater2_decision", width: 15 },
    { header: "rater2_reason", key: "rater2_reason", width: 17 },
    { header: "evidence", key: "evidence", width: 90, wrap: true },
  ],
  decisions: [
    { header: "consensus", key: "consensus", width: 12, allowed: ["include", "exclude"] },
    { header: "consensus_reason", key: "consensus_reason", width: 20, ...(reasons ? { allowed: reasons.ids } : {}) },
    { header: "comment", key: "comment", width: 40 },
  ],
  about: [
    "Discrepancies between rater 1 and rater 2 on the second-rater sample, and every patient rater 1 marked unsure.",
    "Agree a `consensus` decision (include / exclude) for each row, with `consensus_reason` for exclude.",
    ...reasonsLine(reasons),
    "Then run `notes-analyse consensus` again: the final eligible list is rater 1's decisions with these consensus decisions applied.",
  ],
  extraSheets: reasonsSheet(reasons),
});
