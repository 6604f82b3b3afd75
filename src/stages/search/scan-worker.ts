/**
 * A worker thread of the search: receives chunks of whole rows of a notes file and sends back what
 * ChunkScanner finds in each, with the chunk's buffer for reuse. Settings come once per file, with
 * the file's first chunk.
 */
import { parentPort } from "node:worker_threads";
import { ChunkScanner, type ScanSettings } from "./scan-chunk.js";

export interface ScanRequest {
  seq: number;
  file: number;
  settings?: ScanSettings;
  buffer: ArrayBuffer;
  byteOffset: number;
  length: number;
}

const scanners = new Map<number, ChunkScanner>();

parentPort!.on("message", (m: ScanRequest) => {
  try {
    if (m.settings) scanners.set(m.file, new ChunkScanner(m.settings));
    const result = scanners.get(m.file)!.scan(Buffer.from(m.buffer, m.byteOffset, m.length));
    // The buffer goes back too, to be filled with another chunk.
    parentPort!.postMessage({ seq: m.seq, result, buffer: m.buffer }, [m.buffer]);
  } catch (err) {
    parentPort!.postMessage({ seq: m.seq, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
