import type { CommandSpec } from "../command.js";

export const codeCommand: CommandSpec = {
  name: "code",
  summary: "extract passages, suggest thematic codes, theme maps",
  studyOptions: true,
};
