import type { CommandSpec } from "../command.js";

export const initCommand: CommandSpec = {
  name: "init",
  args: "[dir]",
  summary: "scaffold a study folder (config, terms, codebook, README)",
  studyOptions: true,
};
