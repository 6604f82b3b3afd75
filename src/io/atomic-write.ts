import { closeSync, renameSync, rmSync, writeSync } from "node:fs";
import { createTemp, currentWriteSet } from "./write-set.js";

/** Land a finished temp file: in the current write set when there is one, else renamed at once. */
function land(path: string, tmp: string): void {
  const set = currentWriteSet();
  if (set) set.add(path, tmp);
  else renameSync(tmp, path);
}

/**
 * Write a file atomically: to a temp file created exclusively beside it, then rename over the target
 * (at the end of the command, with the rest of its files, when a write set is open). A reader (or a
 * crash) sees the old file or the new one, never half of one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = createTemp(path);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(tmp.fd, bytes, off, bytes.length - off);
    closeSync(tmp.fd);
    land(path, tmp.path);
  } catch (err) {
    try {
      closeSync(tmp.fd);
    } catch {
      // already closed
    }
    rmSync(tmp.path, { force: true });
    // A failed write (a full disk) names no file of its own: name the one being written.
    const e = err as NodeJS.ErrnoException;
    if (typeof e?.code === "string" && !e.path) e.path = path;
    throw err;
  }
}

/** Produce the bytes of a file with `write`, then write them atomically (see writeFileAtomic). */
export async function withAtomicFile(path: string, write: () => Promise<Uint8Array>): Promise<void> {
  writeFileAtomic(path, await write());
}

/**
 * Write a file atomically with a writer that streams into a file by name (the workbook library's
 * streaming writer): into a temp file created exclusively beside `path`, landed like writeFileAtomic's;
 * removed when the writer fails.
 */
export async function streamFileAtomic(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await write(tmp);
    land(path, tmp);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    if (typeof e?.code === "string" && !e.path) e.path = path;
    throw err;
  }
}

/** An empty temp file created exclusively beside `path`, for a writer that streams into it by name. */
export function tempPathFor(path: string): string {
  const tmp = createTemp(path);
  closeSync(tmp.fd);
  return tmp.path;
}
