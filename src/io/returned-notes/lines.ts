import { createReadStream } from "node:fs";

/** The lines of a file as bytes, without their line feeds, numbered from 1; a last line without one too. */
export async function* byteLines(file: string): AsyncGenerator<{ bytes: Buffer; line: number }> {
  let rest = Buffer.alloc(0);
  let line = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      yield { bytes: buf.subarray(start, nl), line: ++line };
      start = nl + 1;
    }
    rest = Buffer.from(buf.subarray(start));
  }
  if (rest.length > 0) yield { bytes: rest, line: ++line };
}
