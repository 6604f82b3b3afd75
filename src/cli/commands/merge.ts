import type { CommandSpec } from "../command.js";

export const mergeCommand: CommandSpec = {
  name: "merge",
  args: "<dirs...>",
  summary: "combine search --shard K/N outputs",
  studyOptions: true,
};
