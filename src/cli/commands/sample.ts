import type { CommandSpec } from "../command.js";

export const sampleCommand: CommandSpec = {
  name: "sample",
  summary: "draw the blinded second-rater sample (first N plus a seeded random fraction)",
  studyOptions: true,
};
