import type { CommandSpec } from "../command.js";

export const searchCommand: CommandSpec = {
  name: "search",
  summary: "find every patient the case-finding terms name, with each hit in context",
  studyOptions: true,
};
