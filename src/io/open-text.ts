import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { access, constants } from "node:fs/promises";
import type { Readable } from "node:stream";
import iconv from "iconv-lite";
import { UserError } from "../core/errors.js";
import type { Encoding } from "../config/schema.js";

/** Throw a one-line error when a file cannot be read (missing, a folder, no permission). */
export async function assertReadable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : code === "EACCES" ? "permission denied" : `cannot read (${code})`;
    throw new UserError(`${file}: ${why}`);
  }
}

/**
 * Where a buffer can be cut so that no UTF-8 character is split: before the start of its last
 * character when that is a multi-byte one (which may continue in the next buffer).
 */
function wholeCharacters(buf: Buffer): number {
  let i = buf.length - 1;
  for (let k = 0; i >= 0 && k < 3 && (buf[i] & 0xc0) === 0x80; k++) i--;
  return i >= 0 && buf[i] >= 0xc0 ? i : buf.length;
}

/** True when the whole file is valid UTF-8 (streamed; the file is never held in memory). */
export async function isValidUtf8(file: string): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const cut = wholeCharacters(buf);
    if (!isUtf8(buf.subarray(0, cut))) return false;
    carry = Buffer.from(buf.subarray(cut));
  }
  return isUtf8(carry);
}

export function notUtf8Warning(file: string): string {
  return `${file}: not valid UTF-8, read as Windows-1252 (set "encoding" or --encoding to silence this)`;
}

/**
 * Decide the encoding of a file. `auto` means UTF-8 unless the bytes are not valid UTF-8, in which case
 * Windows-1252 (what Excel on Windows writes), with a warning so the user can say so explicitly.
 */
export async function resolveEncoding(file: string, encoding: Encoding, warn: (m: string) => void): Promise<"utf-8" | "windows-1252"> {
  if (encoding !== "auto") return encoding;
  if (await isValidUtf8(file)) return "utf-8";
  warn(notUtf8Warning(file));
  return "windows-1252";
}

/** A stream of decoded text from a file, with any byte-order mark removed. */
export function openText(file: string, encoding: "utf-8" | "windows-1252"): Readable {
  const raw = createReadStream(file);
  const decoded = raw.pipe(iconv.decodeStream(encoding === "utf-8" ? "utf8" : "win1252", { stripBOM: true })) as unknown as Readable;
  raw.on("error", (err) => decoded.emit("error", err));
  return decoded;
}
