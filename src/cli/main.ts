import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { EXIT, EXIT_MEANING, UserError } from "../core/errors.js";
import { lockStudy, STATE_DIR, type StudyLock } from "../io/study-lock.js";
import { recoverCommits, withWriteSet, WriteSet } from "../io/write-set.js";
import { environmentError } from "./environment-error.js";
import { loadConfig, type ResolvedConfig } from "../config/load.js";
import { createLogger } from "./logger.js";
import { addCommonFlags, addStudyOptions, commonFlags, flagsToConfig } from "./options.js";
import { loadCommands } from "./commands/index.js";
import type { CommandSpec } from "./command.js";

import { VERSION } from "../core/version.js";

/** How long a command waits for another one writing the same study before it stops. */
const LOCK_WAIT_MS = 5000;

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
    let lock: StudyLock | undefined;
    let out: string | undefined;
    try {
      const run = spec.run;
      if (!run) throw new UserError(`${spec.name} is not built yet`);
      let cached: ResolvedConfig | undefined;
      const ctx = {
        cwd: process.cwd(),
        flags,
        log,
        argv,
        config: () => (cached ??= loadConfig(process.cwd(), flagsToConfig(opts), flags.config)),
      };
      // One command at a time writes a study; what it writes lands as a set when it succeeds.
      out = spec.locks === "study" ? ctx.config().out : spec.locks?.(ctx, args, opts);
      if (out) {
        lock = await lockStudy(out, spec.name, LOCK_WAIT_MS);
        const recovered = recoverCommits(join(out, STATE_DIR), out);
        if (recovered.finished > 0) log.warn(`${out}: finished writing ${recovered.finished} file(s) of an earlier run that was interrupted`);
      }
      const set = new WriteSet(out ? join(out, STATE_DIR) : undefined, () => cached?.backups ?? 5, `notes-analyse ${spec.name}`);
      const res = await withWriteSet(set, () => run(ctx, args, opts));
      if (flags.json && res.summary !== undefined) process.stdout.write(`${JSON.stringify(res.summary, null, 2)}\n`);
      result.code = res.exitCode ?? EXIT.ok;
    } catch (err) {
      const user = environmentError(err, out);
      if (user) {
        for (const line of user.message.split("\n")) log.error(line);
        if (flags.debug && (err as Error).stack) process.stderr.write(`${(err as Error).stack}\n`);
        result.code = user.exitCode;
      } else {
        const e = err as Error;
        log.error(`internal error: ${e?.message ?? String(err)}${flags.debug ? "" : " (a bug in notes-analyse: run again with --debug and report the trace)"}`);
        if (flags.debug && e?.stack) process.stderr.write(`${e.stack}\n`);
        result.code = EXIT.internal;
      }
    } finally {
      lock?.release();
    }
  });
}

/** Break `text` at spaces into lines of at most `width` characters. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join("\n");
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
${wrap(`Exit codes: ${Object.entries(EXIT).map(([k, code]) => `${code} ${EXIT_MEANING[k as keyof typeof EXIT]}`).join(", ")}.`, 100)}
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
