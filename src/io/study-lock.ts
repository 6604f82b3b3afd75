import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import { alive } from "./write-set.js";

/** The folder inside a study's output folder for the tool's own state (lock, commit records, run state). */
export const STATE_DIR = ".notes-analyse";

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** A held lock: release it when the command ends. */
export interface StudyLock {
  path: string;
  release(): void;
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Take the lock of a study's output folder, so two commands never write one study at once. A second
 * command waits up to `waitMs` for the first to finish, then stops with exit 2 naming the holder. A
 * lock left by a process that is no longer running on this machine is cleared.
 */
export async function lockStudy(out: string, command: string, waitMs: number, now: () => Date = () => new Date()): Promise<StudyLock> {
  const dir = join(out, STATE_DIR);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw outFolderError(out, err);
  }
  const path = join(dir, "lock");
  const deadline = Date.now() + waitMs;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(path, "wx", 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw outFolderError(out, err);
    }
    if (fd !== undefined) {
      const holder: Holder = { pid: process.pid, host: hostname(), command, since: now().toISOString() };
      try {
        writeSync(fd, JSON.stringify(holder));
        closeSync(fd);
      } catch (err) {
        // A lock that says nobody would stop every later command: remove it (a full disk, say).
        closeSync(fd);
        rmSync(path, { force: true });
        throw outFolderError(out, err);
      }
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    }
    const holder = readHolder(path);
    // A lock written by a process of this machine that has gone (killed, crashed) is stale. A lock file
    // being written this instant has no holder yet: wait for it like any other; one that has said
    // nothing for a few seconds was left by a process killed (or a disk filled) as it wrote it.
    if ((holder && holder.host === hostname() && !alive(holder.pid)) || (!holder && ageMs(path) > 3000)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `notes-analyse ${holder.command} (process ${holder.pid} on ${holder.host}, since ${holder.since})` : "another notes-analyse command";
      throw new UserError(`${out}: ${who} is writing this study; wait for it to finish and run again (if no such process is running, delete ${path})`);
    }
    await sleep(100);
  }
}

/** One line for an output folder that cannot be used: a file, read-only, a dangling link. */
export function outFolderError(out: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === "ENOTDIR" || code === "EEXIST"
      ? "is a file, or inside one, not a folder (give --out a folder)"
      : code === "EACCES" || code === "EPERM"
        ? "cannot be written: permission denied (give --out a folder you can write to)"
        : code === "EROFS"
          ? "is on a read-only file system (give --out a writable folder)"
          : code === "ENOENT"
            ? "cannot be created (a dangling link or a missing drive?) (give --out a folder that exists or can be made)"
            : code === "ENOSPC"
              ? "has no space left on its disk (free space, or give --out a folder on another disk)"
              : `cannot be used (${code ?? "error"})`;
  return new UserError(`${out}: the output folder ${why}`);
}
