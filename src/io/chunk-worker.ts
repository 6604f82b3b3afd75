/**
 * The worker side of a ChunkPool: receives chunks of whole rows of a file, hands each to the reader made
 * for its file (from the settings that come with the file's first chunk), and sends back the result
 * with the chunk's buffer for reuse.
 */
import { parentPort } from "node:worker_threads";

/** A chunk sent to a worker. */
export interface ChunkRequest<S> {
  seq: number;
  file: number;
  settings?: S;
  buffer: ArrayBuffer;
  byteOffset: number;
  length: number;
}

/** A worker's answer: the result and the buffer, or what went wrong. */
export interface ChunkReply<R> {
  seq: number;
  result?: R;
  buffer?: ArrayBuffer;
  failure?: string;
}

/** Serve chunks in this worker thread: `open` makes the reader of one file from its settings. */
export function serveChunks<S, R>(open: (settings: S) => { scan(buf: Buffer): R }): void {
  const port = parentPort;
  if (!port) throw new Error("serveChunks runs in a worker thread");
  const readers = new Map<number, { scan(buf: Buffer): R }>();
  port.on("message", (m: ChunkRequest<S>) => {
    try {
      if (m.settings) readers.set(m.file, open(m.settings));
      const result = readers.get(m.file)!.scan(Buffer.from(m.buffer, m.byteOffset, m.length));
      const reply: ChunkReply<R> = { seq: m.seq, result, buffer: m.buffer };
      port.postMessage(reply, [m.buffer]);
    } catch (err) {
      const reply: ChunkReply<R> = { seq: m.seq, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
      port.postMessage(reply);
    }
  });
}
