import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChunkRequest, ChunkReply } from "./chunk-worker.js";

/** What a worker found in a chunk, and the chunk's buffer, free to reuse. */
export interface PooledResult<R> {
  result: R;
  buffer: Buffer;
}

interface Pending<R> {
  resolve: (r: PooledResult<R>) => void;
  reject: (e: Error) => void;
}

/**
 * Worker threads that read chunks of whole rows of a file: each chunk's bytes are moved to a worker, not
 * copied, and come back with the result for reuse. What a worker does with a chunk is the worker
 * script's (see chunk-worker.ts); the settings `S` of a file go to each worker once, with its first chunk.
 */
export class ChunkPool<S, R> {
  private readonly pending: Map<number, Pending<R>>[] = [];
  private readonly told: Set<number>[] = [];
  private seq = 0;

  get size(): number {
    return this.workers.length;
  }

  private constructor(
    private readonly workers: Worker[],
    what: string,
  ) {
    workers.forEach((w) => {
      const mine = new Map<number, Pending<R>>();
      this.pending.push(mine);
      this.told.push(new Set());
      w.on("message", (m: ChunkReply<R>) => {
        const p = mine.get(m.seq);
        mine.delete(m.seq);
        if (m.failure !== undefined) p?.reject(new Error(`${what} worker: ${m.failure}`));
        else p?.resolve({ result: m.result!, buffer: Buffer.from(m.buffer!) });
      });
      w.on("error", (err) => {
        const failure = new Error(`${what} worker: ${err.message}`);
        for (const p of mine.values()) p.reject(failure);
        mine.clear();
      });
    });
  }

  /**
   * A pool of `threads` workers running `script` — the URL of the worker module's compiled `.js`; run
   * from the TypeScript sources (in tests), the `.ts` beside it is loaded through tsx. `what` names the
   * work in failures ("search").
   */
  static create<S, R>(script: URL, threads: number, what: string): ChunkPool<S, R> {
    // A small young generation keeps each worker's memory low: almost everything it allocates dies young.
    const start = existsSync(fileURLToPath(script))
      ? () => new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 2 } })
      : () => fromSource(new URL(script.href.replace(/\.js$/, ".ts")));
    return new ChunkPool<S, R>(Array.from({ length: threads }, start), what);
  }

  /** Send one chunk of file `fileNo` (its buffer is transferred and unusable afterwards). */
  run(fileNo: number, settings: S, buf: Buffer): Promise<PooledResult<R>> {
    // The worker with the fewest chunks waiting.
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.pending[i].size < this.pending[w].size) w = i;
    const seq = this.seq++;
    const first = !this.told[w].has(fileNo);
    this.told[w].add(fileNo);
    const req: ChunkRequest<S> = { seq, file: fileNo, buffer: buf.buffer as ArrayBuffer, byteOffset: buf.byteOffset, length: buf.length, ...(first ? { settings } : {}) };
    return new Promise((resolve, reject) => {
      this.pending[w].set(seq, { resolve, reject });
      this.workers[w].postMessage(req, [req.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A worker running the TypeScript source of a worker script, compiled on the fly by tsx (tests only). */
function fromSource(source: URL): Worker {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("tsx/package.json");
  const api = (require(pkg) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"].import.default;
  const tsx = pathToFileURL(join(dirname(pkg), api)).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true });
}
