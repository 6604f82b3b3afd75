import type { CommandSpec } from "../command.js";

export const consensusCommand: CommandSpec = {
  name: "consensus",
  summary: "discrepancies in, final eligible list and flow counts out",
  studyOptions: true,
};
