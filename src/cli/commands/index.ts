import type { CommandSpec } from "../command.js";
import { initCommand } from "./init.js";
import { searchCommand } from "./search.js";
import { screenCommand } from "./screen.js";
import { sampleCommand } from "./sample.js";
import { agreementCommand } from "./agreement.js";
import { consensusCommand } from "./consensus.js";
import { identifyCommand } from "./identify.js";
import { codeCommand } from "./code.js";
import { reportCommand } from "./report.js";
import { runCommand } from "./run.js";
import { verifyCommand } from "./verify.js";
import { mergeCommand } from "./merge.js";
import { simulateCommand } from "./simulate.js";

/** Every command of SPEC §4, in the order of the help text. */
export const COMMANDS: CommandSpec[] = [
  initCommand,
  searchCommand,
  screenCommand,
  sampleCommand,
  agreementCommand,
  consensusCommand,
  identifyCommand,
  codeCommand,
  reportCommand,
  runCommand,
  verifyCommand,
  mergeCommand,
  simulateCommand,
];
