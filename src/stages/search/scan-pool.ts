import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChunkScan, ScanSettings } from "./scan-chunk.js";
import type { ScanRequest } from "./scan-worker.js";

/** What a worker found in a chunk, and the chunk's buffer, free to reuse. */
export interface PoolScan {
  scan: ChunkScan;
  buffer: Buffer;
}

interface Pending {
  resolve: (r: PoolScan) => void;
  reject: (e: Error) => void;
}

/** Worker threads that search chunks; each chunk's bytes are moved to its worker, not copied. */
export class ScanPool {
  private readonly pending: Map<number, Pending>[] = [];
  private readonly told: Set<number>[] = [];
  private seq = 0;

  get size(): number {
    return this.workers.length;
  }

  private constructor(private readonly workers: Worker[]) {
    workers.forEach((w, i) => {
      const mine = new Map<number, Pending>();
      this.pending.push(mine);
      this.told.push(new Set());
      w.on("message", (m: { seq: number; result?: ChunkScan; buffer?: ArrayBuffer; failure?: string }) => {
        const p = mine.get(m.seq);
        mine.delete(m.seq);
        if (m.failure !== undefined) p?.reject(new Error(`search worker: ${m.failure}`));
        else p?.resolve({ scan: m.result!, buffer: Buffer.from(m.buffer!) });
      });
      w.on("error", (err) => {
        const failure = new Error(`search worker: ${err.message}`);
        for (const p of mine.values()) p.reject(failure);
        mine.clear();
      });
    });
  }

  /**
   * A pool of `threads` workers. Run from the TypeScript sources (in tests), the worker script is
   * loaded through tsx.
   */
  static create(threads: number): ScanPool {
    const built = new URL("./scan-worker.js", import.meta.url);
    // A small young generation keeps each worker's memory low: almost everything it allocates dies young.
    const start = existsSync(fileURLToPath(built)) ? () => new Worker(built, { resourceLimits: { maxYoungGenerationSizeMb: 2 } }) : fromSource;
    return new ScanPool(Array.from({ length: threads }, start));
  }

  /** Search one chunk (its buffer is transferred and unusable afterwards). */
  scan(fileNo: number, settings: ScanSettings, buf: Buffer): Promise<PoolScan> {
    // The worker with the fewest chunks waiting.
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.pending[i].size < this.pending[w].size) w = i;
    const seq = this.seq++;
    const first = !this.told[w].has(fileNo);
    this.told[w].add(fileNo);
    const req: ScanRequest = { seq, file: fileNo, buffer: buf.buffer as ArrayBuffer, byteOffset: buf.byteOffset, length: buf.length, ...(first ? { settings } : {}) };
    return new Promise((resolve, reject) => {
      this.pending[w].set(seq, { resolve, reject });
      this.workers[w].postMessage(req, [req.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A worker running the TypeScript source of the worker script, compiled on the fly by tsx (tests only). */
function fromSource(): Worker {
  const source = new URL("./scan-worker.ts", import.meta.url).href;
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("tsx/package.json");
  const api = (require(pkg) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"].import.default;
  const tsx = pathToFileURL(join(dirname(pkg), api)).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, { eval: true });
}
