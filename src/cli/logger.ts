import { Chalk } from "chalk";
import { MAX_MESSAGE, oneLine } from "../core/message.js";

/** Each message is one line of at most MAX_MESSAGE characters, its prefix included. */
const line = (prefix: string, message: string) => oneLine(message, MAX_MESSAGE - prefix.length);

/** Messages on stderr; stdout is kept for results (`--json`). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A progress line, only on a terminal; `done` ends it. */
  progress(message: string, done?: boolean): void;
}

export interface LoggerOptions {
  quiet: boolean;
  color: boolean;
  stream?: NodeJS.WriteStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const stream = opts.stream ?? process.stderr;
  const useColor = opts.color && !process.env.NO_COLOR && Boolean(stream.isTTY);
  const c = new Chalk({ level: useColor ? 1 : 0 });
  const tty = Boolean(stream.isTTY);
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) {
      stream.write("\r\x1b[K");
      progressShown = false;
    }
  };
  return {
    info(message) {
      if (opts.quiet) return;
      clearProgress();
      stream.write(`${line("", message)}\n`);
    },
    warn(message) {
      clearProgress();
      stream.write(`${c.yellow("warning")} ${line("warning ", message)}\n`);
    },
    error(message) {
      clearProgress();
      stream.write(`${c.red("notes-analyse:")} ${line("notes-analyse: ", message)}\n`);
    },
    progress(message, done = false) {
      if (opts.quiet || !tty) return;
      stream.write(`\r\x1b[K${c.dim(message)}`);
      progressShown = !done;
      if (done) stream.write("\n");
    },
  };
}
