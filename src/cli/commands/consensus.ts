import { stageCommand } from "../stage-command.js";
import { consensusStage } from "../../pipeline/stages/consensus.js";

export const consensusCommand = stageCommand(consensusStage, {
  summary: "discrepancies in, final eligible list and flow counts out",
  uses: ["out", "preset", "contextRules"],
});
