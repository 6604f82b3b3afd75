import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../core/errors.js";
import type { ModelDocument } from "../features.js";
import { readCsvRows } from "../../io/read-csv-rows.js";
import { CASE_GROUP } from "../../text/terms/terms.js";
import { patientDocument, type HitContext, type RuleSuggestion } from "./documents.js";

/** A spreadsheet guard (`'` before `=`, `+`, `-`, `@`) is not part of the text. */
const unguard = (s: string) => s.replace(/^'(?=[=+\-@\t\r])/, "");

/** The case-finding hits of `01-search/hits.csv`, by patient, in file order. */
export async function readCaseHits(searchDir: string): Promise<Map<string, HitContext[]>> {
  const file = join(searchDir, "hits.csv");
  if (!existsSync(file)) throw new UserError(`${file}: not found (run notes-analyse search first, with the same --out)`);
  const out = new Map<string, HitContext[]>();
  for (const r of await readCsvRows(file, ["patient_id", "group_name", "left", "match", "right"])) {
    if (r.values.group_name !== CASE_GROUP) continue;
    const h: HitContext = { patientId: r.values.patient_id, left: unguard(r.values.left), match: unguard(r.values.match), right: unguard(r.values.right), noteType: r.values.note_type ?? "" };
    const list = out.get(h.patientId);
    if (list) list.push(h);
    else out.set(h.patientId, [h]);
  }
  return out;
}

/** The rules' suggestions of `02-screening/suggestions.csv`, by patient (empty when screen has not run). */
export async function readRuleSuggestions(screeningDir: string): Promise<Map<string, RuleSuggestion>> {
  const file = join(screeningDir, "suggestions.csv");
  const out = new Map<string, RuleSuggestion>();
  if (!existsSync(file)) return out;
  for (const r of await readCsvRows(file, ["patient_id", "suggestion", "reason", "rule"])) {
    out.set(r.values.patient_id, { suggestion: r.values.suggestion, reason: r.values.reason, rule: r.values.rule, rulesFired: (r.values.rules_fired ?? "").split(";").filter(Boolean) });
  }
  return out;
}

/** The relevance model's document of each given patient, from the study's search and screening outputs. */
export async function readPatientDocuments(out: string, ids: readonly string[]): Promise<ModelDocument[]> {
  const hits = await readCaseHits(join(out, "01-search"));
  const rules = await readRuleSuggestions(join(out, "02-screening"));
  return ids.map((id) => patientDocument(hits.get(id) ?? [], rules.get(id)));
}
