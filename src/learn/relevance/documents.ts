import type { ModelDocument } from "../features.js";

/** A case-finding hit as `01-search/hits.csv` holds it (the keyword in context). */
export interface HitContext {
  patientId: string;
  left: string;
  match: string;
  right: string;
  noteType: string;
}

/** The rules' screening suggestion for a patient, as `02-screening/suggestions.csv` holds it. */
export interface RuleSuggestion {
  suggestion: string;
  reason: string;
  rule: string;
  /** Every rule that fired on any of the patient's mentions. */
  rulesFired: readonly string[];
}

/**
 * What the relevance model reads of a returned patient: the words around each case-finding hit, and as
 * extra tokens the rules' suggestion, its reason, every rule id that fired and the types of the notes
 * with a hit (`suggest:exclude`, `reason:drug_trafficking`, `rule:sense.drug.before`, `note_type:letter`).
 * Hits are taken in the order given (hits.csv order); the document does not depend on anything else. Pure.
 */
export function patientDocument(hits: readonly HitContext[], rules: RuleSuggestion | undefined): ModelDocument {
  const tokens: string[] = [];
  if (rules) {
    tokens.push(`suggest:${rules.suggestion}`);
    if (rules.reason) tokens.push(`reason:${rules.reason}`);
    for (const r of new Set([rules.rule, ...rules.rulesFired].filter(Boolean))) tokens.push(`rule:${r}`);
  }
  for (const t of new Set(hits.map((h) => h.noteType.trim().toLowerCase()).filter(Boolean))) tokens.push(`note_type:${t}`);
  return { text: hits.map((h) => `${h.left} ${h.match} ${h.right}`).join("\n"), tokens };
}
