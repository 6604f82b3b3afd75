import { stageCommand } from "../stage-command.js";
import { searchStage } from "../../pipeline/stages/search.js";

export const searchCommand = stageCommand(searchStage, {
  summary: "find every patient the case-finding terms name, with each hit in context",
  uses: ["notes", "columns", "encoding", "delimiter", "patients", "preset", "terms", "out", "childAgeCutoff", "kwicWidth"],
  ignores: ["--force"],
});
