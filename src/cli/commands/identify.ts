import type { CommandSpec } from "../command.js";

export const identifyCommand: CommandSpec = {
  name: "identify",
  summary: "suggest how each eligible patient was identified (directed content analysis)",
  studyOptions: true,
};
