import type { Stage } from "./stage.js";
import { searchStage } from "./stages/search.js";
import { screenStage } from "./stages/screen.js";
import { sampleStage } from "./stages/sample.js";
import { consensusStage } from "./stages/consensus.js";
import { identifyStage } from "./stages/identify.js";
import { codeStage } from "./stages/code.js";
import { reportStage } from "./stages/report.js";

/** The stages in the order `run` chains them. */
export const STAGES: readonly Stage[] = [searchStage, screenStage, sampleStage, consensusStage, identifyStage, codeStage, reportStage];

export function stageNames(): string[] {
  return STAGES.map((s) => s.name);
}
