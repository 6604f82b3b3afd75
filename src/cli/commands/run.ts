import type { CommandSpec } from "../command.js";

export const runCommand: CommandSpec = {
  name: "run",
  summary: "every stage in order, stopping at a human step",
  studyOptions: true,
};
