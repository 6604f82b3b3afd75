import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Temp files of the tool's writes: created exclusively with random names beside their targets, and
 * cleared or finished after a run that was killed (see WriteSet in write-set.ts).
 */

/** Temp files are named `.<target>.tmp-<pid>-<random>`: the pid tells a dead run's leftovers. */
const TEMP = /^\..+\.tmp-(\d+)-[0-9a-f]{12}$/;

/** Create an empty temp file beside `target`, exclusively; returns its path and open descriptor. */
export function createTemp(target: string): { path: string; fd: number } {
  mkdirSync(dirname(target), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
    try {
      return { path, fd: openSync(path, "wx", 0o666) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 5) throw err;
    }
  }
}

/**
 * Finish the commits a killed run left half done (rename the temps it listed that are still there), then
 * remove temp files of runs that are no longer alive. Called with the study lock held.
 */
export function recoverCommits(journalDir: string, outDir: string): { finished: number; removed: number } {
  let finished = 0;
  let removed = 0;
  if (existsSync(journalDir)) {
    for (const name of readdirSync(journalDir).sort()) {
      if (!/^commit-\d+-[0-9a-f]+\.json$/.test(name)) continue;
      const record = join(journalDir, name);
      let list: { target: string; temp: string }[] = [];
      try {
        list = JSON.parse(readFileSync(record, "utf8")) as { target: string; temp: string }[];
      } catch {
        list = [];
      }
      for (const p of list) {
        if (existsSync(p.temp)) {
          renameSync(p.temp, p.target);
          finished++;
        }
      }
      rmSync(record, { force: true });
    }
  }
  const walk = (dir: string, depth: number) => {
    if (depth > 3 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p, depth + 1);
      else {
        const m = TEMP.exec(entry.name);
        if (m && !alive(Number(m[1]))) {
          rmSync(p, { force: true });
          removed++;
        }
      }
    }
  };
  walk(outDir, 0);
  return { finished, removed };
}

/** True when a process with this id is running (on this machine). */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True for the name of a temp file this module creates. */
export function isTempName(name: string): boolean {
  return TEMP.test(name);
}
