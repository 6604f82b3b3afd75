import { stageCommand } from "../stage-command.js";
import { identifyStage } from "../../pipeline/stages/identify.js";

export const identifyCommand = stageCommand(identifyStage, {
  summary: "suggest how each eligible patient was identified (directed content analysis)",
  uses: ["notes", "columns", "encoding", "delimiter", "patients", "preset", "terms", "contextRules", "categories", "topic", "out", "sampling.first", "sampling.fraction", "seed", "childAgeCutoff"],
});
