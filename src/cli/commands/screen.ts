import type { CommandSpec } from "../command.js";

export const screenCommand: CommandSpec = {
  name: "screen",
  summary: "rater-1 screening workbook with suggestions",
  studyOptions: true,
};
