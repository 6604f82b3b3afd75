import { describe, expect, it } from "vitest";
import { crc32, zip } from "../../src/io/zip.js";

/** Read a stored zip back (central directory → entries), as any unzip tool would. */
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
    const size = v.getUint32(at + 20, true);
    const nameLen = v.getUint16(at + 28, true);
    const local = v.getUint32(at + 42, true);
    const name = dec.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    const dataStart = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + size);
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
