import { codeModule } from "../../core/paths.js";
import { ChunkPool, type PooledResult } from "../../io/chunk-pool.js";
import type { ChunkScan, ScanSettings } from "./scan-chunk.js";

/** Worker threads that search chunks of notes files (see scan-worker.ts). */
export type ScanPool = ChunkPool<ScanSettings, ChunkScan>;
/** What a search worker found in a chunk, with the chunk's buffer. */
export type PoolScan = PooledResult<ChunkScan>;

/** A pool of `threads` search workers. */
export const createScanPool = (threads: number): ScanPool => ChunkPool.create<ScanSettings, ChunkScan>(codeModule("stages/search/scan-worker.js"), threads, "search");
