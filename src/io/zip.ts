/**
 * Zip archives: of stored entries for exchange files (`.qdpx`), and of deflated entries streamed into a
 * file (`search.xlsx`, see stream-workbook.ts). Kept rather than taken from npm: fflate, the lightest
 * well-kept zip writer (no dependencies), writes the same archive byte for byte except that it leaves the
 * UTF-8 name flag off ASCII names, so it would change every `.qdpx`; the deflating is Node's own zlib.
 */
import { writeSync } from "node:fs";
import { constants as zlibConstants, deflateRawSync } from "node:zlib";
import { writeFileAtomic } from "./atomic-write.js";

/** One file of a zip archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  data: Uint8Array | string;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, as zip uses it), continued from `crc` (the CRC of the bytes before) when given. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// 1980-01-01 00:00, the earliest DOS date: fixed so the same entries give the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;

/** What the local and central headers of an entry say about it. */
interface EntryFacts {
  name: Uint8Array;
  method: number;
  crc: number;
  compressed: number;
  size: number;
}

/** An entry's local header (its data follows it). */
function localHeader(e: EntryFacts): Uint8Array {
  const local = new Uint8Array(30 + e.name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, UTF8_NAMES, true);
  lv.setUint16(8, e.method, true);
  lv.setUint16(10, DOS_TIME, true);
  lv.setUint16(12, DOS_DATE, true);
  lv.setUint32(14, e.crc, true);
  lv.setUint32(18, e.compressed, true);
  lv.setUint32(22, e.size, true);
  lv.setUint16(26, e.name.length, true);
  lv.setUint16(28, 0, true);
  local.set(e.name, 30);
  return local;
}

/** An entry's record in the central directory; its local header is at `offset`. */
function centralHeader(e: EntryFacts, offset: number): Uint8Array {
  const central = new Uint8Array(46 + e.name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, UTF8_NAMES, true);
  cv.setUint16(10, e.method, true);
  cv.setUint16(12, DOS_TIME, true);
  cv.setUint16(14, DOS_DATE, true);
  cv.setUint32(16, e.crc, true);
  cv.setUint32(20, e.compressed, true);
  cv.setUint32(24, e.size, true);
  cv.setUint16(28, e.name.length, true);
  cv.setUint32(42, offset, true);
  central.set(e.name, 46);
  return central;
}

/** The central directory of `centrals` starting at `offset`, and the end record after it. */
function centralDirectory(centrals: readonly Uint8Array[], offset: number): Uint8Array {
  const centralSize = centrals.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(centralSize + 22);
  let at = 0;
  for (const c of centrals) {
    out.set(c, at);
    at += c.length;
  }
  const ev = new DataView(out.buffer, centralSize);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return out;
}

/**
 * A zip archive of stored (uncompressed) entries with UTF-8 names and fixed dates: small, dependency-free
 * and byte-for-byte reproducible. Suits exchange files such as REFI-QDA `.qdpx` projects. Limited to
 * archives under 4 GiB and 65,535 entries (no zip64).
 */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === "string" ? enc.encode(e.data) : e.data;
    const facts = { name: enc.encode(e.name), method: STORED, crc: crc32(data), compressed: data.length, size: data.length };
    const local = localHeader(facts);
    parts.push(local, data);
    centrals.push(centralHeader(facts, offset));
    offset += local.length + data.length;
  }
  parts.push(centralDirectory(centrals, offset));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Text is compressed in pieces of about this many bytes (see ZipFileWriter.add). */
const PIECE_BYTES = 1 << 20;

/** The end of a deflate stream: an empty stored block marked final (after a sync flush, on a byte boundary). */
const FINAL_BLOCK = Uint8Array.of(0x01, 0x00, 0x00, 0xff, 0xff);

/**
 * A zip archive of deflated entries written straight into a file, each entry from text made piece by
 * piece, so an entry is never whole in memory (a workbook's sheet of a million hits). Names are UTF-8 and
 * dates fixed, so the same entries give the same bytes. Each piece of about a megabyte is deflated on its
 * own and ended with a sync flush; the pieces together, closed by an empty final block, are one deflate
 * stream (the way parallel gzip tools join theirs). The sizes and CRC go into an entry's local header once
 * its data is written. No zip64: an entry or archive of 4 GiB or more is refused.
 */
export class ZipFileWriter {
  private offset = 0;
  private readonly centrals: Uint8Array[] = [];
  private readonly enc = new TextEncoder();

  /** Write into the open file descriptor `fd`, from its start. */
  constructor(private readonly fd: number) {}

  private write(bytes: Uint8Array, at = this.offset): void {
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off, bytes.length - off, at + off);
    if (at === this.offset) this.offset += bytes.length;
  }

  /** Add one deflated entry made of the text pieces of `text`, in order. */
  add(name: string, text: Iterable<string>, level = 1): void {
    const facts: EntryFacts = { name: this.enc.encode(name), method: DEFLATED, crc: 0, compressed: 0, size: 0 };
    const at = this.offset;
    this.write(localHeader(facts));
    const flush = (pending: string[]) => {
      const data = Buffer.from(pending.join(""));
      pending.length = 0;
      facts.crc = crc32(data, facts.crc);
      facts.size += data.length;
      const packed = deflateRawSync(data, { level, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      facts.compressed += packed.length;
      this.write(packed);
    };
    const pending: string[] = [];
    let length = 0;
    for (const piece of text) {
      pending.push(piece);
      length += piece.length;
      if (length >= PIECE_BYTES) {
        flush(pending);
        length = 0;
      }
    }
    if (pending.length > 0) flush(pending);
    this.write(FINAL_BLOCK);
    facts.compressed += FINAL_BLOCK.length;
    if (facts.size > 0xfffffffe || this.offset > 0xfffffffe) throw new Error(`zip entry ${name}: 4 GiB or more (zip64 is not written)`);
    this.write(localHeader(facts), at);
    this.centrals.push(centralHeader(facts, at));
  }

  /** Write the central directory: the archive is complete. */
  finish(): void {
    if (this.centrals.length > 0xffff) throw new Error("zip archive: more than 65,535 entries (zip64 is not written)");
    this.write(centralDirectory(this.centrals, this.offset));
  }
}

/** Write a zip archive atomically. */
export function writeZip(path: string, entries: readonly ZipEntry[]): void {
  writeFileAtomic(path, zip(entries));
}
