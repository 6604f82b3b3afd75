import type { CommandSpec } from "../command.js";

/**
 * Every command of SPEC §4, in the order of the help text, each loaded only when wanted: a command's
 * module brings in what it needs (config schema, readers, stage cores), and loading all of them costs
 * about 0.1 s that a single command would otherwise pay at every start.
 */
export const COMMAND_LOADERS: readonly (readonly [string, () => Promise<CommandSpec>])[] = [
  ["init", async () => (await import("./init.js")).initCommand],
  ["search", async () => (await import("./search.js")).searchCommand],
  ["screen", async () => (await import("./screen.js")).screenCommand],
  ["sample", async () => (await import("./sample.js")).sampleCommand],
  ["agreement", async () => (await import("./agreement.js")).agreementCommand],
  ["consensus", async () => (await import("./consensus.js")).consensusCommand],
  ["identify", async () => (await import("./identify.js")).identifyCommand],
  ["code", async () => (await import("./code.js")).codeCommand],
  ["report", async () => (await import("./report.js")).reportCommand],
  ["run", async () => (await import("./run.js")).runCommand],
  ["verify", async () => (await import("./verify.js")).verifyCommand],
  ["merge", async () => (await import("./merge.js")).mergeCommand],
  ["simulate", async () => (await import("./simulate.js")).simulateCommand],
];

/**
 * The commands to register for a command line: only the one it names when it names one, else all of
 * them (for the overall help, or to let the parser report an unknown command).
 */
export async function loadCommands(argv: readonly string[]): Promise<CommandSpec[]> {
  const first = argv.slice(2).find((a) => !a.startsWith("-"));
  const named = COMMAND_LOADERS.find(([name]) => name === first);
  return Promise.all((named ? [named] : COMMAND_LOADERS).map(([, load]) => load()));
}
