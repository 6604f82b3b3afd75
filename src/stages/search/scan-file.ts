import { isUtf8 } from "node:buffer";
import { UserError } from "../../core/errors.js";
import { readRowChunks } from "../../io/csv/chunks.js";
import { fieldValue, type TextEncoding } from "../../io/csv/decode.js";
import { csvFaultMessage } from "../../io/csv/errors.js";
import { countLines } from "../../io/csv/frame.js";
import { CsvRowSplitter, CsvSyntaxError } from "../../io/csv/rows.js";
import type { InputFile } from "../../io/find-inputs.js";
import { checkColumns, columnName, type NotesOptions } from "../../io/read-notes.js";
import { ChunkScanner, type ChunkScan, type PatientRun, type ScanSettings } from "./scan-chunk.js";
import type { ScanPool } from "./scan-pool.js";
import type { Shard } from "./shard.js";
import type { Term } from "./terms.js";

/** A chunk of a guessed-UTF-8 file is not UTF-8: the file must be read again as Windows-1252. */
export class NotUtf8 extends Error {
  constructor(readonly file: string) {
    super(`${file}: not valid UTF-8`);
  }
}

export interface TableScanOptions {
  notes: NotesOptions;
  terms: Term[];
  kwicWidth: number;
  shard?: Shard;
  encoding: TextEncoding;
  /** The encoding is a guess: throw NotUtf8 on the first chunk that is not UTF-8. */
  checkUtf8: boolean;
  /** Worker threads, or null to search in this thread. */
  pool: ScanPool | null;
  /** A number for the file, unique within the pool's life. */
  fileNo: number;
  chunkBytes: number;
  /** Called with the bytes read so far after each chunk. */
  progress?: (bytes: number) => void;
}

function headerSettings(input: InputFile, header: string[], o: TableScanOptions, delimiter: number): ScanSettings {
  checkColumns(input.path, header, o.notes);
  const at = (role: Parameters<typeof columnName>[0]) => header.indexOf(columnName(role, o.notes));
  return {
    file: input.path,
    delimiter,
    encoding: o.encoding,
    checkUtf8: o.checkUtf8,
    fields: header.length,
    index: { patient: at("patient_id"), note: at("note_id"), date: at("date"), text: at("text"), noteType: at("note_type") },
    names: { patient: columnName("patient_id", o.notes), date: columnName("date", o.notes) },
    kwicWidth: o.kwicWidth,
    ...(o.shard ? { shard: o.shard } : {}),
    terms: o.terms,
  };
}

/**
 * Search a CSV or TSV notes file: whole-row chunks are read here and searched by the pool's workers
 * (or in this thread), and each chunk's patient runs are yielded in file order. At most two chunks
 * per worker are in flight, so memory does not grow with the file.
 */
export async function* scanTableFile(input: InputFile, o: TableScanOptions): AsyncGenerator<PatientRun[]> {
  const delimiter = input.kind === "tsv" ? 9 : 44;
  let settings: ScanSettings | undefined;
  let local: ChunkScanner | undefined;
  let line = 1;
  const inFlight: { scan: Promise<ChunkScan>; bytes: number }[] = [];
  const limit = o.pool ? 2 * o.pool.size : 1;
  const settle = async (next: { scan: Promise<ChunkScan>; bytes: number }) => {
    const r = await next.scan;
    if (r.invalidUtf8) throw new NotUtf8(input.path);
    if (r.error) throw new UserError(r.error);
    o.progress?.(next.bytes);
    return r.runs;
  };
  try {
    for await (const chunk of readRowChunks(input.path, o.chunkBytes, o.encoding === "utf-8")) {
      let buf = chunk.buf;
      if (!settings) {
        const rows = new CsvRowSplitter(delimiter);
        let end: number;
        try {
          end = rows.next(buf, 0);
        } catch (err) {
          if (err instanceof CsvSyntaxError) throw new UserError(csvFaultMessage(input.path, 1 + countLines(buf, 0, err.at), err.fault));
          throw err;
        }
        if (o.checkUtf8 && !isUtf8(buf.subarray(0, end))) throw new NotUtf8(input.path);
        const header = Array.from({ length: rows.count }, (_, i) => fieldValue(rows, buf, i, o.encoding).trim());
        settings = headerSettings(input, header, o, delimiter);
        line += countLines(buf, 0, end);
        buf = buf.subarray(end);
        if (!o.pool) local = new ChunkScanner(settings);
      }
      const firstLine = line;
      line += countLines(buf, 0, buf.length);
      const bytes = chunk.offset + chunk.buf.length;
      const scan = o.pool ? o.pool.scan(o.fileNo, settings, buf, firstLine) : Promise.resolve(local!.scan(buf, firstLine));
      inFlight.push({ scan, bytes });
      while (inFlight.length >= limit) yield await settle(inFlight.shift()!);
    }
    while (inFlight.length > 0) yield await settle(inFlight.shift()!);
  } catch (err) {
    for (const f of inFlight) f.scan.catch(() => undefined); // abandoned: their results no longer matter
    if (err instanceof UserError || err instanceof NotUtf8) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === "string") throw new UserError(`${input.path}: cannot read (${code})`);
    throw err;
  }
  if (!settings) throw new UserError(`${input.path}: the file is empty (expected a header row with column names)`);
}
