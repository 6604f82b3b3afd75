/** One entry of a zip archive's central directory: its name and sizes. */
export interface ZipEntryInfo {
  name: string;
  compressed: number;
  uncompressed: number;
}

/**
 * The entries a zip archive says it holds, read from its central directory without unpacking anything,
 * so a workbook can be refused for its size before it is opened. Undefined when the bytes are not a zip
 * archive.
 */
export function zipEntries(buf: Buffer): ZipEntryInfo[] | undefined {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
  const from = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntryInfo[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString("utf8", p + 46, p + 46 + nameLen), compressed, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
