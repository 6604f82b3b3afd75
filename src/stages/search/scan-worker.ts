/** A worker thread of the search: each chunk of a notes file is read by the file's ChunkScanner. */
import { serveChunks } from "../../io/chunk-worker.js";
import { ChunkScanner, type ScanSettings } from "./scan-chunk.js";

serveChunks((settings: ScanSettings) => new ChunkScanner(settings));
