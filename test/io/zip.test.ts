import { describe, expect, it } from "vitest";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { crc32, zip, ZipFileWriter } from "../../src/io/zip.js";
import { tempDir } from "../helpers/cli.js";

/**
 * Read a zip back (central directory → entries), as any unzip tool would: stored or deflated data, the
 * CRC checked, and each local header saying what the central directory says.
 */
function unzip(bytes: Uint8Array): Map<string, string> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out = new Map<string, string>();
  const dec = new TextDecoder();
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(at, true)).toBe(0x02014b50);
    const method = v.getUint16(at + 10, true);
    const compressed = v.getUint32(at + 20, true);
    const size = v.getUint32(at + 24, true);
    const nameLen = v.getUint16(at + 28, true);
    const local = v.getUint32(at + 42, true);
    const name = dec.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    expect(v.getUint32(local, true)).toBe(0x04034b50);
    // Method, date, CRC and sizes: the same in the local header as in the central directory.
    expect(bytes.subarray(local + 8, local + 26)).toEqual(bytes.subarray(at + 10, at + 28));
    const dataStart = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const packed = bytes.subarray(dataStart, dataStart + compressed);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(v.getUint32(at + 16, true));
    out.set(name, dec.decode(data));
    at += 46 + nameLen;
  }
  return out;
}

describe("crc32", () => {
  it.each([
    ["", 0],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j) = %i", (s, want) => expect(crc32(new TextEncoder().encode(s))).toBe(want));
  it("continues from the CRC of the bytes before", () => {
    const all = new TextEncoder().encode("The quick brown fox jumps over the lazy dog");
    expect(crc32(all.subarray(9), crc32(all.subarray(0, 9)))).toBe(0x414fa339);
  });
});

describe("ZipFileWriter", () => {
  /** Write entries made of text pieces into a file and read the file back. */
  function written(entries: [string, string[]][]): { bytes: Buffer; back: Map<string, string> } {
    const file = join(tempDir("na-zip-"), "a.zip");
    const fd = openSync(file, "w");
    const w = new ZipFileWriter(fd);
    for (const [name, pieces] of entries) w.add(name, pieces);
    w.finish();
    closeSync(fd);
    const bytes = readFileSync(file);
    return { bytes, back: unzip(bytes) };
  }

  it("deflates entries made of many pieces into one stream that reads back whole", () => {
    // Over 3 MB of text: compressed as several pieces joined into one deflate stream.
    const rows = Array.from({ length: 40_000 }, (_, i) => `<row r="${i}">Note ${i}: ünïcödé 😀 ${"x".repeat(i % 97)}</row>`);
    const entries: [string, string[]][] = [
      ["xl/worksheets/sheet1.xml", rows],
      ["café.xml", ["<a/>"]],
      ["empty.xml", []],
    ];
    const { bytes, back } = written(entries);
    expect([...back.entries()]).toEqual(entries.map(([name, pieces]) => [name, pieces.join("")]));
    expect(bytes.length).toBeLessThan(rows.join("").length / 4); // compressed, not stored
  });

  it("gives the same bytes for the same entries", () => {
    const entries: [string, string[]][] = [["a.xml", ["<a>", "x", "</a>"]]];
    expect(written(entries).bytes.equals(written(entries).bytes)).toBe(true);
  });
});

describe("zip", () => {
  it("stores entries that read back byte for byte, with UTF-8 names", () => {
    const entries = [
      { name: "project.qde", data: "<Project/>" },
      { name: "Sources/café.txt", data: "Note text with ünïcödé and 😀" },
      { name: "empty.txt", data: "" },
    ];
    const back = unzip(zip(entries));
    expect([...back.entries()]).toEqual(entries.map((e) => [e.name, e.data]));
  });
  it("gives the same bytes for the same entries", () => {
    const entries = [{ name: "a.txt", data: "x" }];
    expect(zip(entries)).toEqual(zip(entries));
  });
});
