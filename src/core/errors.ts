/** Exit codes of the command-line contract (SPEC §4). */
export const EXIT = {
  ok: 0,
  threshold: 1,
  usage: 2,
  pending: 3,
  /** A bug in the tool itself, never the user's input or environment (EX_SOFTWARE). */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, as `--help` lists them: a code added to EXIT must say what it means here. */
export const EXIT_MEANING: Record<keyof typeof EXIT, string> = {
  ok: "success",
  threshold: "agreement threshold not met (or verify found changes)",
  usage: "bad usage, config, input or environment (a file or folder that cannot be read or written)",
  pending: "a human step is pending (a workbook to fill in)",
  internal: "a bug in notes-analyse (run again with --debug and report it)",
};

/**
 * An error the user can cause and fix: bad usage, config or input. Its message is one line that names
 * the file, key or line and says what was expected; it never carries note text.
 */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = "UserError";
    this.exitCode = exitCode;
  }
}

/** A human step (a workbook to fill in) stands between this stage and the next. */
export class PendingHumanStep extends UserError {
  constructor(message: string) {
    super(message, EXIT.pending);
    this.name = "PendingHumanStep";
  }
}

/** Format `where: what` the way every message of the tool reads (`file:line:col`). */
export function at(file: string, line?: number, col?: number): string {
  let s = file;
  if (line !== undefined) s += `:${line}`;
  if (col !== undefined) s += `:${col}`;
  return s;
}
