import type { CommandSpec } from "../command.js";

export const verifyCommand: CommandSpec = {
  name: "verify",
  args: "<dir>",
  summary: "re-hash inputs and outputs against the manifest",
  studyOptions: true,
};
