import { stageCommand } from "../stage-command.js";
import { sampleStage } from "../../pipeline/stages/sample.js";

export const sampleCommand = stageCommand(sampleStage, {
  summary: "draw the blinded second-rater sample (first N plus a seeded random fraction)",
  uses: ["notes", "columns", "encoding", "delimiter", "patients", "preset", "terms", "contextRules", "out", "sampling.first", "sampling.fraction", "seed"],
});
