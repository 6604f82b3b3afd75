import { stageCommand } from "../stage-command.js";
import { codeStage } from "../../pipeline/stages/code.js";

export const codeCommand = stageCommand(codeStage, {
  summary: "extract passages, suggest thematic codes, coder workbooks, results per group, theme maps",
  uses: ["notes", "columns", "encoding", "delimiter", "patients", "preset", "terms", "codebook", "out", "sampling.fraction", "seed", "childAgeCutoff"],
});
