import { UserError } from "../core/errors.js";

/** What to do about each system error a user's machine or input can cause. */
const FIXES: Record<string, string> = {
  EACCES: "permission denied (check the file's permissions, or choose a folder you can write to)",
  EPERM: "operation not permitted (check the file's permissions, or choose a folder you can write to)",
  EROFS: "read-only file system (choose a writable folder with --out)",
  ENOSPC: "no space left on the disk (free some space, or write to another disk with --out); nothing already written was changed",
  EDQUOT: "disk quota exceeded (free some space, or write to another disk with --out); nothing already written was changed",
  EISDIR: "is a folder where a file was expected (give a file)",
  ENOTDIR: "a part of the path is a file where a folder was expected (check the path)",
  ENOENT: "no such file or folder (check the path; a link may point nowhere)",
  ELOOP: "too many symbolic links (a link points to itself?)",
  ENAMETOOLONG: "the path is too long (use a shorter one)",
  EMFILE: "too many files open (raise the limit with ulimit -n)",
  ENFILE: "too many files open on this machine (close some programs and run again)",
  EIO: "input/output error (check the disk)",
  EBUSY: "the file is busy (close it in other programs and run again)",
  EEXIST: "already exists where a new file or folder was to be made (move it away)",
  ETXTBSY: "the file is busy (close it in other programs and run again)",
  EFBIG: "the file is too large for this file system",
};

/**
 * An error from the operating system (a file that cannot be read or written) as one line for the user,
 * naming the path (else `where`) and the fix; undefined for anything else (a bug in the tool).
 */
export function environmentError(err: unknown, where?: string): UserError | undefined {
  if (err instanceof UserError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === "string" ? e.code : undefined;
  if (!code || !(code in FIXES)) return undefined;
  const path = typeof e?.path === "string" ? e.path : typeof (err as { dest?: unknown }).dest === "string" ? (err as { dest: string }).dest : undefined;
  // A failed write names no file: name the folder being written (the study's output folder).
  return new UserError(`${path ?? (where ? `${where} (a file in it)` : "a file")}: ${FIXES[code]} [${code}]`);
}
