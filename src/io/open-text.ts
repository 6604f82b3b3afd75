import { isUtf8 } from "node:buffer";
import { closeSync, createReadStream, openSync, readFileSync, readSync } from "node:fs";
import { access, constants, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import iconv from "iconv-lite";
import { UserError } from "../core/errors.js";
import type { Encoding } from "../io/formats.js";

/** Throw a one-line error when a file cannot be read (missing, a folder, no permission). */
export async function assertReadable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : code === "EACCES" ? "permission denied" : `cannot read (${code})`;
    throw new UserError(`${file}: ${why}`);
  }
  if ((await stat(file)).isDirectory()) throw new UserError(`${file}: is a folder, not a file (give the file itself)`);
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

/** The Unicode encoding a byte-order mark at the start of `head` names, if any. */
export function bomOf(head: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The UTF-16 a file starts with a byte-order mark of (what Excel's "Unicode text" and Notepad write). */
export function utf16Of(file: string): "utf-16le" | "utf-16be" | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const head = Buffer.alloc(2);
    const bom = readSync(fd, head, 0, 2, 0) === 2 ? bomOf(head) : undefined;
    return bom === "utf-16le" || bom === "utf-16be" ? bom : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export const isUtf16File = (file: string): boolean => utf16Of(file) !== undefined;

/** UTF-16 files are read whole (they are rare, and are transcoded to UTF-8 in memory): up to this size. */
export const MAX_UTF16_BYTES = 256 * 1024 * 1024;

/** Text from bytes: a UTF-16 or UTF-8 byte-order mark wins over `encoding`, and is removed. */
export function decodeText(bytes: Buffer, encoding: "utf-8" | "windows-1252", file = "the file"): string {
  const bom = bomOf(bytes);
  if (bom === "utf-16le" || bom === "utf-16be") {
    if (bytes.length > MAX_UTF16_BYTES) throw new UserError(`${file}: a UTF-16 file over ${MAX_UTF16_BYTES / 1048576} MB (save it as UTF-8, which notes-analyse reads at any size)`);
    return iconv.decode(bytes, bom, { stripBOM: true });
  }
  return iconv.decode(bytes, encoding === "utf-8" ? "utf8" : "win1252", { stripBOM: true });
}

/** A whole text file a person edits (terms, rules, codebooks): UTF-8, or UTF-16 with a byte-order mark. */
export function readTextFile(file: string): string {
  return decodeText(readFileSync(file), "utf-8", file);
}

/**
 * Decide the encoding of a file. `auto` means UTF-8 unless the bytes are not valid UTF-8, in which case
 * Windows-1252 (what Excel on Windows writes), with a warning so the user can say so explicitly.
 */
export async function resolveEncoding(file: string, encoding: Encoding, warn: (m: string) => void): Promise<"utf-8" | "windows-1252"> {
  // A UTF-16 file is transcoded to UTF-8 as it is read (see readRowChunks and openText).
  if (isUtf16File(file)) return "utf-8";
  if (encoding !== "auto") return encoding;
  if (await isValidUtf8(file)) return "utf-8";
  warn(notUtf8Warning(file));
  return "windows-1252";
}

/** A stream of decoded text from a file, with any byte-order mark removed. */
export function openText(file: string, encoding: "utf-8" | "windows-1252"): Readable {
  const raw = createReadStream(file);
  const decoded = raw.pipe(iconv.decodeStream(utf16Of(file) ?? (encoding === "utf-8" ? "utf8" : "win1252"), { stripBOM: true })) as unknown as Readable;
  raw.on("error", (err) => decoded.emit("error", err));
  return decoded;
}
