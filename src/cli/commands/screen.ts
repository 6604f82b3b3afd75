import { stageCommand } from "../stage-command.js";
import { screenStage } from "../../pipeline/stages/screen.js";

export const screenCommand = stageCommand(screenStage, {
  summary: "rater-1 screening workbook with suggestions",
  uses: ["notes", "columns", "encoding", "delimiter", "patients", "preset", "terms", "contextRules", "out"],
});
