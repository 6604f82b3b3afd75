import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../core/errors.js";
import { artefactPath, STAGE_DIRS } from "../../io/artefacts.js";
import { readCsvRows } from "../../io/read-csv-rows.js";
import { codeDocument } from "../../stages/code/learn/linear.js";
import type { Extract } from "../../stages/code/types.js";
import { patientDocument } from "../../learn/relevance/documents.js";
import { readCaseHits, readRuleSuggestions } from "../../learn/relevance/read-documents.js";
import { readStudyLabels } from "../../stages/simulate/read-labels.js";
import { routeDocument } from "../../stages/second-opinion/routes.js";
import { readRouteRows } from "../../stages/second-opinion/write-route-opinion.js";
import type { CardInputs, CardItem, CardPassage } from "./compute.js";

const split = (s: string | undefined) => (s ?? "").split(";").map((x) => x.trim()).filter(Boolean);

/** `code ← "matched text" (pattern)` cells → `code (pattern)`, the rule id without the note's words. */
export function codeRules(cell: string): string[] {
  return [...cell.matchAll(/([\w.-]+) ← ".*?" \((.*?)\)(?=; [\w.-]+ ← |$)/g)].map((m) => `${m[1]} (${m[2]})`);
}

/**
 * What the performance card compares, read from a study output folder: screening (returned patients with
 * a final decision), routes (patients with a rater's route) and codes (passages a coder coded). A stage
 * not finished yet is left out.
 */
export async function readCardInputs(out: string, seed: number): Promise<CardInputs> {
  const inputs: CardInputs = { seed };
  const hitsFile = artefactPath(out, "hits");
  const hits = existsSync(hitsFile) ? await readCaseHits(join(out, STAGE_DIRS.search)) : new Map();
  const rules = await readRuleSuggestions(join(out, STAGE_DIRS.screening));
  let labels: Map<string, boolean> | undefined;
  try {
    labels = await readStudyLabels(out);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
  }
  if (labels && rules.size > 0) {
    inputs.screening = [...rules]
      .filter(([id]) => labels!.has(id))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, r]): CardItem => ({ id, suggested: r.suggestion, rule: r.rule, doc: patientDocument(hits.get(id) ?? [], r), final: labels!.get(id) ? "include" : "exclude" }));
  }
  const routes = (await readRouteRows(out)).filter((r) => r.finalRoute !== "");
  if (routes.length > 0) inputs.routes = routes.map((r): CardItem => ({ id: r.patientId, suggested: r.suggestedRoute, rule: r.rule, doc: routeDocument(r), final: r.finalRoute }));
  const extractsFile = artefactPath(out, "extracts");
  if (existsSync(extractsFile)) {
    inputs.codes = (await readCsvRows(extractsFile, ["extract_id", "text", "suggested_codes", "final_codes"]))
      .filter((r) => r.values.final_codes.trim() !== "")
      .map((r): CardPassage => {
        const v = r.values;
        const doc = codeDocument({ text: v.text, suggested: split(v.suggested_codes), retrievedBy: split(v.retrieved_by) } as Extract);
        return { id: v.extract_id, suggested: new Set(split(v.suggested_codes)), rules: codeRules(v.rules ?? ""), doc, final: new Set(split(v.final_codes)) };
      });
  }
  return inputs;
}
