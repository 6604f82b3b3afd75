import type { Command } from "commander";
import type { ExitCode } from "../core/errors.js";
import type { ResolvedConfig } from "../config/load.js";
import type { CommonFlags } from "./options.js";
import type { Logger } from "./logger.js";

/** What a command gets: the working folder, its flags, a logger and a way to load the study settings. */
export interface CommandContext {
  cwd: string;
  flags: CommonFlags;
  log: Logger;
  /** The exact command line, for the manifest. */
  argv: string[];
  /** Study settings: defaults < config file < flags, validated. */
  config(): ResolvedConfig;
}

export interface CommandResult {
  exitCode?: ExitCode;
  /** Printed as JSON on stdout with `--json`. */
  summary?: unknown;
}

/** One command of the CLI: its help, its own options, and what it does. */
export interface CommandSpec {
  name: string;
  args?: string;
  summary: string;
  /** Takes the shared study options (every command but `agreement`). */
  studyOptions: boolean;
  /**
   * The study options this command uses, by config key (`seed`, `sampling.first`): the rest are
   * accepted and ignored (SPEC §4) but left out of its `--help`. Absent: every one.
   */
  uses?: readonly string[];
  /** Common flags that do not apply to it, left out of its `--help` (still accepted). */
  ignores?: readonly ("--config" | "--force")[];
  configure?(cmd: Command): void;
  /**
   * The output folder the command writes, locked while it runs: "study" for the config's `out`, or a
   * function of the command's arguments. Absent for commands that write no study (agreement, verify).
   */
  locks?: "study" | ((ctx: CommandContext, args: string[], opts: Record<string, unknown>) => string | undefined);
  /** Absent while the command is not built yet. */
  run?(ctx: CommandContext, args: string[], opts: Record<string, unknown>): Promise<CommandResult>;
}
