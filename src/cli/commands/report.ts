import { stageCommand } from "../stage-command.js";
import { reportStage } from "../../pipeline/stages/report.js";

export const reportCommand = stageCommand(reportStage, {
  summary: "Table 1, flow diagram, routes, agreement, theme maps: HTML and workbook",
  uses: ["patients", "columns", "encoding", "delimiter", "out", "childAgeCutoff", "preset", "contextRules", "categories", "topic", "table1"],
  ignores: ["--force"],
});
