import { NEUTRAL_TOPIC, type Topic } from "../../config/topic.js";
import type { DecisionColumn, DecisionSheet } from "../../io/decision-workbook.js";
import type { SheetColumn } from "../../io/workbook.js";
import { SAMPLED_COLUMNS } from "../../io/sampled-columns.js";
import { describeSample, type Sampling } from "../../second-rater/plan.js";
import type { CompiledCategories } from "./types.js";

function decisionColumns(scheme: CompiledCategories): DecisionColumn[] {
  return [
    { header: "final_route", key: "final_route", width: 26, allowed: scheme.categories.map((c) => c.id) },
    { header: "final_service", key: "final_service", width: 20, allowed: scheme.services.map((s) => s.id) },
    { header: "comment", key: "comment", width: 40 },
  ];
}

/** The reference sheets: every category and service with its definition, and every rule with what it looks for. */
function referenceSheets(scheme: CompiledCategories): NonNullable<DecisionSheet["extraSheets"]> {
  const cols = (...c: [string, number][]): SheetColumn[] => c.map(([h, w]) => ({ header: h, key: h, width: w, wrap: w > 40 }));
  return [
    {
      name: "Categories",
      columns: cols(["kind", 12], ["id", 28], ["label", 40], ["definition", 100]),
      rows: [
        ...scheme.categories.map((c) => ({ kind: "route", id: c.id, label: c.label, definition: c.definition })),
        ...scheme.groups.map((g) => ({ kind: "group", id: g.id, label: g.label, definition: g.definition })),
        ...scheme.services.map((s) => ({ kind: "service", id: s.id, label: s.label, definition: s.definition })),
      ],
    },
    {
      name: "Procedure",
      columns: cols(["order", 7], ["step", 14], ["description", 120]),
      rows: scheme.procedure.map((st, i) => ({ order: i + 1, step: st.id, description: st.description })),
    },
    {
      name: "Rules",
      columns: cols(["rule", 26], ["step", 12], ["category", 26], ["service", 18], ["scope", 16], ["description", 100]),
      rows: scheme.rules.map((r) => ({ rule: r.id, step: r.step, category: r.category, service: r.service ?? "", scope: r.scope, description: r.description })),
    },
  ];
}

/** Rater 1's identification workbook: the suggestion with its evidence and rule, and decision cells, in the study's words. */
export function identificationSheet(scheme: CompiledCategories, topic: Topic = NEUTRAL_TOPIC): DecisionSheet {
  return {
    sheet: "Identification",
    idColumn: "patient_id",
    evidence: [
      { header: "group", key: "group", width: 8 },
      { header: "status", key: "status", width: 12 },
      { header: "suggested_route", key: "suggested_route", width: 26 },
      { header: "suggested_service", key: "suggested_service", width: 18 },
      { header: "rule", key: "rule", width: 22 },
      { header: "evidence", key: "evidence", width: 70, wrap: true },
      { header: "note_id", key: "note_id", width: 14 },
      { header: "date", key: "date", width: 11 },
      { header: "mentions", key: "mentions", width: 90, wrap: true },
    ],
    decisions: decisionColumns(scheme),
    about: [
      `Identification workbook (notes-analyse identify): how each eligible patient came to be ${topic.identifiedAs}.`,
      `Categories: ${scheme.categories.map((c) => c.id).join(", ")}; services (for ${scheme.serviceCategory}): ${scheme.services.map((s) => s.id).join(", ")}. Definitions on the Categories sheet.`,
      `The first way the team learned of ${topic.topic} counts. \`evidence\` is the sentence the suggestion rests on (the cue in bold), from the note \`note_id\` of \`date\`; \`mentions\` shows the first notes that mention ${topic.topic}.`,
      "`suggested_route`, `suggested_service` and `rule` are the tool's suggestion and the rules that decided it: first the document rule that named the note's writer (author.…, or doc.note for the team's own note), then the procedure step's rule (see the Procedure and Rules sheets). Help, never a decision.",
      `Fill in \`final_route\` (and \`final_service\` when the route is ${scheme.serviceCategory}) to confirm or change the suggestion: copy the suggestion to accept it. Add a comment where it helps.`,
      "`notes-analyse run` waits until every row has a final_route (or carries on with `--accept-suggestions`, and the report then says DRAFT); an empty final_route counts the suggestion.",
      "Only the yellow cells can be edited. Do not sort, move or delete rows: a hidden check column catches it on import.",
      "Re-running `notes-analyse identify` keeps every decision made here; summary.csv counts final decisions where given and suggestions otherwise.",
    ],
    extraSheets: referenceSheets(scheme),
  };
}

/** Rater 2's blinded workbook: the mentions only, no suggestion and no rater-1 decision. */
export function secondRaterSheet(scheme: CompiledCategories, sampling: Sampling & { n: number }, topic: Topic = NEUTRAL_TOPIC): DecisionSheet {
  return {
    sheet: "Identification",
    idColumn: "patient_id",
    evidence: [...SAMPLED_COLUMNS, { header: "mentions", key: "mentions", width: 110, wrap: true }],
    decisions: decisionColumns(scheme),
    about: [
      "Second-rater identification workbook (blinded): no suggestions and no rater-1 decisions are shown.",
      `Sample: ${describeSample(sampling, "eligible patients")} (${sampling.n} patients).`,
      `For each patient read the mentions (and the record where you need more) and fill in \`final_route\` (and \`final_service\` when the route is ${scheme.serviceCategory}). The first way the team learned of ${topic.topic} counts. Definitions on the Categories sheet.`,
      "Then run `notes-analyse identify` again: it compares the two raters and writes 03-identification/agreement.json.",
    ],
    extraSheets: referenceSheets(scheme).slice(0, 1),
  };
}
