import type { CommandSpec } from "../command.js";

export const agreementCommand: CommandSpec = {
  name: "agreement",
  args: "<files...>",
  summary: "inter-rater agreement between rater files (kappa, alpha, AC1, PABAK)",
  studyOptions: false,
};
