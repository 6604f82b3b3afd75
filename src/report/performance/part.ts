import { existsSync } from "node:fs";
import { ARTEFACTS, artefactPath, artefactPaths } from "../../io/artefacts.js";
import type { Part } from "../report-inputs.js";
import { performanceCard, type PerformanceCard } from "./compute.js";
import { readCardInputs } from "./read-inputs.js";

/**
 * The card for the report, or a note saying what to finish first; undefined when the study has no rule
 * suggestions at all (outputs made without `screen`), and the report then leaves the section out.
 */
export async function readPerformancePart(out: string, seed: number): Promise<Part<PerformanceCard> | undefined> {
  if (!existsSync(artefactPath(out, "suggestions"))) return undefined;
  const inputs = await readCardInputs(out, seed);
  const card = performanceCard(inputs);
  if (card.comparisons.length === 0) return { missing: "not available yet: finish screening (notes-analyse consensus) to compare the suggestions with the raters' decisions" };
  const files = artefactPaths("hits", "suggestions", "screeningWorkbook", "eligible");
  if (inputs.routes?.length) files.push(ARTEFACTS.routes.path);
  if (inputs.codes?.length) files.push(ARTEFACTS.extracts.path);
  return { data: card, source: files.join(", ") };
}
