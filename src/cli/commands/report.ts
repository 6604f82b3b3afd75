import type { CommandSpec } from "../command.js";

export const reportCommand: CommandSpec = {
  name: "report",
  summary: "Table 1, flow diagram, routes, agreement, theme maps: HTML and workbook",
  studyOptions: true,
};
