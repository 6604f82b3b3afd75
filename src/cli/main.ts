import { Command, CommanderError } from "commander";
import { EXIT, UserError } from "../core/errors.js";
import { loadConfig, type ResolvedConfig } from "../config/load.js";
import { createLogger } from "./logger.js";
import { addCommonFlags, addStudyOptions, commonFlags, flagsToConfig } from "./options.js";
import { loadCommands } from "./commands/index.js";
import type { CommandSpec } from "./command.js";

import { VERSION } from "./version.js";

/** Exit code for a bug in the tool itself (not the user's input): EX_SOFTWARE. */
const EXIT_INTERNAL = 70;

function register(program: Command, spec: CommandSpec, argv: string[], result: { code: number }): void {
  const cmd = program.command(spec.args ? `${spec.name} ${spec.args}` : spec.name);
  cmd.description(spec.run ? spec.summary : `${spec.summary} (not built yet)`);
  if (spec.studyOptions) addStudyOptions(cmd, spec.uses, spec.ignores);
  else addCommonFlags(cmd, spec.ignores);
  spec.configure?.(cmd);
  cmd.action(async (...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const opts = self.opts() as Record<string, unknown>;
    const args = self.args;
    const flags = commonFlags(opts);
    const log = createLogger({ quiet: flags.quiet, color: flags.color });
    try {
      if (!spec.run) throw new UserError(`${spec.name} is not built yet`);
      let cached: ResolvedConfig | undefined;
      const res = await spec.run(
        {
          cwd: process.cwd(),
          flags,
          log,
          argv,
          config: () => (cached ??= loadConfig(process.cwd(), flagsToConfig(opts), flags.config)),
        },
        args,
        opts,
      );
      if (flags.json && res.summary !== undefined) process.stdout.write(`${JSON.stringify(res.summary, null, 2)}\n`);
      result.code = res.exitCode ?? EXIT.ok;
    } catch (err) {
      if (err instanceof UserError) {
        for (const line of err.message.split("\n")) log.error(line);
        if (flags.debug && err.stack) process.stderr.write(`${err.stack}\n`);
        result.code = err.exitCode;
      } else {
        const e = err as Error;
        log.error(`internal error: ${e?.message ?? String(err)}${flags.debug ? "" : " (run again with --debug for details)"}`);
        if (flags.debug && e?.stack) process.stderr.write(`${e.stack}\n`);
        result.code = EXIT_INTERNAL;
      }
    }
  });
}

/** Build the program with the commands given (see loadCommands). Exposed for tests of the help text. */
export function buildProgram(argv: string[], result: { code: number }, commands: readonly CommandSpec[]): Command {
  const program = new Command("notes-analyse");
  program
    .description("Qualitative analysis of de-identified clinical free-text notes: search, screen, identify, code, report.")
    .version(VERSION, "-V, --version", "print the version")
    .showHelpAfterError("(run notes-analyse --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .exitOverride();
  for (const spec of commands) register(program, spec, argv, result);
  program.addHelpText(
    "after",
    `
Exit codes: 0 success, 1 agreement threshold not met, 2 bad usage, config or input,
3 a human step is pending (a workbook to fill in).
Every study command reads notes-analyse.config.json from this folder when present; flags override it.
Start with: notes-analyse run --demo`,
  );
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = buildProgram(argv, result, await loadCommands(argv));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
      if (err.code === "commander.executeSubCommandAsync") return EXIT.ok;
      return EXIT.usage;
    }
    throw err;
  }
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT.usage;
  }
  return result.code;
}
