import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { PendingHumanStep, UserError } from "../core/errors.js";
import { createTemp } from "./temp-files.js";

export { alive, createTemp, isTempName, recoverCommits } from "./temp-files.js";

/**
 * The files one command writes land as a set: each is written to a temp file created exclusively (a
 * random name, O_EXCL, so a planted file or symlink is never followed) beside its target, and only when
 * the command has succeeded are they renamed into place, after a commit record listing them is written.
 * A kill between the renames is finished by the next command that takes the study lock (see
 * `recoverCommits`), so a study folder never holds outputs of two different runs.
 */

/** What a file was when it was read; at commit it must still be exactly that (a person may have saved). */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface Pending {
  target: string;
  temp: string;
}

/** A file's stamp: size, modification time and content hash. */
export function stampOf(path: string, bytes?: Buffer): FileStamp {
  const st = statSync(path);
  const data = bytes ?? readFileSync(path);
  return { path, size: st.size, mtimeMs: st.mtimeMs, sha256: createHash("sha256").update(data).digest("hex") };
}

/** True when the file at stamp.path is still the stamped one (`timed`: the modification time too). */
function sameFile(stamp: FileStamp, timed = true): boolean {
  if (!existsSync(stamp.path)) return false;
  const st = statSync(stamp.path);
  if (st.size !== stamp.size || (timed && st.mtimeMs !== stamp.mtimeMs)) return false;
  return createHash("sha256").update(readFileSync(stamp.path)).digest("hex") === stamp.sha256;
}

export class WriteSet {
  private readonly pending = new Map<string, Pending>();
  private readonly guards = new Map<string, FileStamp>();
  private readonly after: (() => void)[] = [];

  /**
   * @param journalDir where the commit record goes (the study's `.notes-analyse` folder); without one the
   *   renames are still done together at the end, but a kill between them is not finished later.
   * @param backupsToKeep backups kept per workbook when a workbook is replaced.
   */
  constructor(
    readonly journalDir?: string,
    private readonly keep: () => number = () => 5,
    readonly command = "notes-analyse",
  ) {}

  /** A new empty set with the same journal and settings. */
  sibling(): WriteSet {
    return new WriteSet(this.journalDir, this.keep, this.command);
  }

  /** Backups kept per workbook (the study's `backups` setting). */
  get backupsToKeep(): number {
    return this.keep();
  }

  /** Take a finished temp file as the next content of `target` (replacing one staged earlier). */
  add(target: string, temp: string): void {
    const old = this.pending.get(target);
    if (old) rmSync(old.temp, { force: true });
    this.pending.set(target, { target, temp });
  }

  /** The file to read for `target`: the staged temp when this set has written it, else the target. */
  current(target: string): string {
    return this.pending.get(target)?.temp ?? target;
  }

  /** `target` must still be this file when the set lands; else nothing lands. */
  guard(stamp: FileStamp): void {
    if (!this.guards.has(stamp.path)) this.guards.set(stamp.path, stamp);
  }

  /** Run after the files have landed (e.g. removing backups beyond the number to keep). */
  afterCommit(fn: () => void): void {
    this.after.push(fn);
  }

  /** Check the guards, write the commit record, rename every temp into place, then drop the record. */
  commit(): void {
    for (const stamp of this.guards.values()) if (!sameFile(stamp)) this.savedMeanwhile(stamp.path);
    // Guarded files (workbooks people edit) land first after any backup of them, so a save found at the
    // last moment stops the set before the rest of it lands.
    const rank = (p: Pending) => (/\.backup-/.test(p.target) ? 0 : this.guards.has(p.target) ? 1 : 2);
    const list = [...this.pending.values()].sort((a, b) => rank(a) - rank(b));
    if (list.length === 0) return;
    let record: string | undefined;
    if (this.journalDir && list.length > 1) {
      let temp: string | undefined;
      try {
        mkdirSync(this.journalDir, { recursive: true });
        const t = createTemp(join(this.journalDir, "commit.json"));
        temp = t.path;
        writeFileSync(t.fd, JSON.stringify(list));
        closeSync(t.fd);
        record = join(this.journalDir, `commit-${process.pid}-${randomBytes(4).toString("hex")}.json`);
        renameSync(temp, record);
      } catch (err) {
        // Nothing has landed yet: drop the whole set.
        if (temp) rmSync(temp, { force: true });
        this.abort();
        throw err;
      }
    }
    // From here the record lists every file: if a rename fails or the process is killed, the next
    // command on this study finishes the set (recoverCommits).
    for (const p of list) {
      try {
        const stamp = this.guards.get(p.target);
        if (stamp) this.replaceGuarded(p, stamp);
        else renameSync(p.temp, p.target);
        this.pending.delete(p.target);
      } catch (err) {
        // A save caught at the last moment, or no record to finish the set from: drop what is left.
        if (!record || err instanceof UserError) {
          this.abort();
          if (record) rmSync(record, { force: true });
        }
        throw err;
      }
    }
    if (record) rmSync(record, { force: true });
    for (const fn of this.after) fn();
  }

  private savedMeanwhile(path: string): never {
    this.abort();
    throw new UserError(
      `${path}: the file was saved by someone else while ${this.command} ran; nothing was written and the saved file is untouched — close it in the spreadsheet program and run ${this.command} again`,
    );
  }

  /**
   * Replace a file a person may save at any moment, without a window in which their save is lost:
   * the old file is moved aside (atomic), checked to be the one that was read, and the new one is
   * linked in only if nothing has appeared at the path meanwhile (link never replaces a file). Where
   * the file system has no hard links, a check and a rename.
   */
  private replaceGuarded(p: Pending, stamp: FileStamp): void {
    const side = join(dirname(p.target), `.${basename(p.target)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
    try {
      renameSync(p.target, side);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") this.savedMeanwhile(p.target);
      throw err;
    }
    const putBack = () => {
      try {
        linkSync(side, p.target);
        rmSync(side, { force: true });
      } catch {
        // A newer save is at the path: the one moved aside is an older version of the person's file.
        renameSync(side, p.target.replace(/(\.\w+)$/, `.superseded-${randomBytes(3).toString("hex")}$1`));
      }
    };
    if (!sameFile({ ...stamp, path: side }, false)) {
      putBack();
      this.savedMeanwhile(p.target);
    }
    try {
      linkSync(p.temp, p.target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") {
        rmSync(side, { force: true });
        this.savedMeanwhile(p.target);
      }
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") {
        putBack();
        throw err;
      }
      renameSync(p.temp, p.target); // no hard links here
    }
    rmSync(p.temp, { force: true });
    rmSync(side, { force: true });
  }

  /** Remove every temp file of the set (on failure). */
  abort(): void {
    for (const p of this.pending.values()) rmSync(p.temp, { force: true });
    this.pending.clear();
  }
}

const store = new AsyncLocalStorage<WriteSet>();

/** The set the current command writes into, if any. */
export function currentWriteSet(): WriteSet | undefined {
  return store.getStore();
}

/** The path to read for a file the current command may have written already (see WriteSet.current). */
export function readablePath(target: string): string {
  return store.getStore()?.current(target) ?? target;
}

/**
 * Run `fn` with a write set: what it writes lands when it returns (or stops at a human step, whose
 * workbooks must land), and is removed when it throws.
 */
export async function withWriteSet<T>(set: WriteSet, fn: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await store.run(set, fn);
  } catch (err) {
    if (err instanceof PendingHumanStep) set.commit();
    else set.abort();
    throw err;
  }
  set.commit();
  return result;
}

/**
 * Run `fn` in a write set of its own, which lands when `fn` returns, whatever the enclosing set does
 * (`run` lands each stage before the next reads it).
 */
export function withOwnWriteSet<T>(fn: () => Promise<T>): Promise<T> {
  const outer = store.getStore();
  return withWriteSet(outer ? outer.sibling() : new WriteSet(), fn);
}

