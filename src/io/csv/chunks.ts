import { open, readFile } from "node:fs/promises";
import { decodeText, utf16Of } from "../open-text.js";
import { lastRowEnd } from "./frame.js";

/** A run of whole rows read from a file. */
export interface RowChunk {
  /** The bytes, starting at a row start and ending at a row end. */
  buf: Buffer;
  /** File offset of buf[0]. */
  offset: number;
}

/**
 * Read a file as chunks of whole rows, about `size` bytes each (more when one row is longer). A UTF-8
 * byte-order mark at the start is skipped. Each chunk is a buffer of its own, so it may be kept or
 * handed to another thread while the next is read; `spare` may hand back one of `size` bytes to reuse.
 * The next chunk is read while the caller works on the one yielded, so reading and searching overlap.
 */
export async function* readRowChunks(file: string, size: number, skipBom: boolean, spare?: () => Buffer | undefined): AsyncGenerator<RowChunk> {
  if (utf16Of(file)) {
    // UTF-16 (rare in exports): transcoded whole to UTF-8, which the row splitter reads; offsets are then
    // those of the UTF-8 text.
    yield { buf: Buffer.from(decodeText(await readFile(file), "utf-8", file), "utf8"), offset: 0 };
    return;
  }
  const fh = await open(file, "r");
  let position = 0;
  /** The rest of the last buffer (`carry`), then up to `want` more bytes of the file; `eof` when the file ended first. */
  const fill = async (carry: Buffer, want: number): Promise<{ data: Buffer; eof: boolean }> => {
    // A chunk of `size` bytes may reuse a buffer the caller is done with (fresh memory costs page faults).
    const capacity = carry.length + want;
    const reuse = capacity === size ? spare?.() : undefined;
    const buf = reuse && reuse.length === size ? reuse : Buffer.allocUnsafeSlow(capacity); // never a slice of the shared pool: it may be transferred
    carry.copy(buf, 0);
    let filled = carry.length;
    // A read may return fewer bytes than asked.
    while (filled < buf.length) {
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, position);
      if (bytesRead === 0) break;
      filled += bytesRead;
      position += bytesRead;
    }
    return { data: buf.subarray(0, filled), eof: filled < buf.length };
  };
  let next: Promise<{ data: Buffer; eof: boolean }> | undefined = fill(Buffer.alloc(0), size);
  try {
    let offset = 0;
    let first = true;
    let want = size;
    for (;;) {
      const filled = await next!;
      next = undefined;
      let data = filled.data;
      if (first) {
        first = false;
        if (skipBom && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
          data = data.subarray(3);
          offset = 3;
        }
      }
      if (filled.eof) {
        if (data.length > 0) yield { buf: data, offset }; // the last row may lack a line end, or hold an unclosed quote
        return;
      }
      const cut = lastRowEnd(data);
      if (cut <= 0) {
        // One row longer than the buffer: read on with a bigger one.
        want *= 2;
        next = fill(Buffer.from(data), want);
        continue;
      }
      const carry = Buffer.from(data.subarray(cut));
      want = carry.length < size / 2 ? size - carry.length : size;
      // The next chunk is read while this one is worked on.
      next = fill(carry, want);
      yield { buf: data.subarray(0, cut), offset };
      offset += cut;
    }
  } finally {
    // A read still under way when the caller stops early: let it end before the file is closed.
    await next?.catch(() => undefined);
    await fh.close();
  }
}
