import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { tempPathFor } from "../atomic-write.js";
import { byteLines } from "./lines.js";
import { noteAt, readProblem } from "./read.js";

interface Head {
  file: string;
  lines: AsyncGenerator<{ bytes: Buffer; line: number }>;
  current?: { bytes: Buffer; line: number; patientId: string };
}

async function advance(h: Head): Promise<void> {
  for (;;) {
    const next = await h.lines.next();
    if (next.done) {
      h.current = undefined;
      return;
    }
    if (next.value.bytes.length === 0) continue;
    const bytes = Buffer.from(next.value.bytes); // the reader reuses its buffer
    h.current = { bytes, line: next.value.line, patientId: noteAt(h.file, bytes, next.value.line).patientId };
    return;
  }
}

/**
 * Merge the returned-notes files of shards into the one a single search writes. Each is in patient
 * order and a patient lives in one shard only, so the files are merged patient by patient, streaming,
 * and each patient's lines keep their order.
 */
export async function mergeReturnedNotes(files: readonly string[], out: string): Promise<number> {
  const heads: Head[] = files.map((file) => ({ file, lines: byteLines(file) }));
  mkdirSync(dirname(out), { recursive: true });
  const tmp = tempPathFor(out);
  const fd = openSync(tmp, "w");
  let n = 0;
  let at: Head | undefined;
  let open = true;
  try {
    for (const h of heads) {
      at = h;
      await advance(h);
    }
    for (;;) {
      let min: Head | undefined;
      for (const h of heads) if (h.current && (!min || h.current.patientId < min.current!.patientId)) min = h;
      if (!min) break;
      at = min;
      const id = min.current!.patientId;
      while (min.current && min.current.patientId === id) {
        const line = Buffer.concat([min.current.bytes, Buffer.from("\n")]);
        for (let done = 0; done < line.length; ) done += writeSync(fd, line, done, line.length - done);
        n++;
        await advance(min);
      }
    }
    closeSync(fd);
    open = false;
    renameSync(tmp, out);
    return n;
  } catch (err) {
    if (open) closeSync(fd);
    rmSync(tmp, { force: true });
    throw at ? readProblem(at.file, err) : err;
  }
}
