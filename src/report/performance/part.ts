import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Part } from "../report-inputs.js";
import { performanceCard, type PerformanceCard } from "./compute.js";
import { readCardInputs } from "./read-inputs.js";

/**
 * The card for the report, or a note saying what to finish first; undefined when the study has no rule
 * suggestions at all (outputs made without `screen`), and the report then leaves the section out.
 */
export async function readPerformancePart(out: string, seed: number): Promise<Part<PerformanceCard> | undefined> {
  if (!existsSync(join(out, "02-screening", "suggestions.csv"))) return undefined;
  const inputs = await readCardInputs(out, seed);
  const card = performanceCard(inputs);
  if (card.comparisons.length === 0) return { missing: "not available yet: finish screening (notes-analyse consensus) to compare the suggestions with the raters' decisions" };
  const files = ["01-search/hits.csv", "02-screening/suggestions.csv", "02-screening/screening.xlsx", "02-screening/eligible.csv"];
  if (inputs.routes?.length) files.push("03-identification/routes.csv");
  if (inputs.codes?.length) files.push("04-themes/extracts.csv");
  return { data: card, source: files.join(", ") };
}
