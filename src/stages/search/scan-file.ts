import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { UserError } from "../../core/errors.js";
import { readRowChunks } from "../../io/csv/chunks.js";
import { rowValues, type TextEncoding } from "../../io/csv/decode.js";
import { csvFaultMessage, emptyTableMessage, fieldCountMessage, readFailure, splitRow } from "../../io/csv/errors.js";
import { countLines } from "../../io/csv/frame.js";
import { CsvRowSplitter } from "../../io/csv/rows.js";
import { delimiterChar, detectDelimiter } from "../../io/csv/delimiter.js";
import type { InputFile } from "../../io/find-inputs.js";
import { badDateMessage, checkColumns, columnName, noPatientMessage, noteIdAt, type NotesOptions } from "../../io/read-notes.js";
import { ChunkScanner, type PatientRun, type ScanProblem, type ScanSettings } from "./scan-chunk.js";
import type { PoolScan, ScanPool } from "./scan-pool.js";
import type { Shard } from "./shard.js";
import type { Term } from "../../text/terms/terms.js";

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

/** The message for a problem found on line `line` of the file. */
function problemMessage(p: ScanProblem, s: ScanSettings, line: number): string {
  switch (p.kind) {
    case "csv":
      return csvFaultMessage(s.file, line, p.fault);
    case "fields":
      return fieldCountMessage(s.file, line, p.found, p.expected);
    case "date":
      return badDateMessage(s.file, line, s.names.date);
    case "patient":
      return noPatientMessage(s.file, line, s.names.patient);
  }
}

/**
 * Line numbers of byte offsets of a file, counted when first needed by reading the file again from the
 * last offset asked (offsets are asked in increasing order, so the file is read at most once more).
 */
class LineIndex {
  private offset = 0;
  private line = 1;

  constructor(private readonly file: string) {}

  async lineAt(offset: number): Promise<number> {
    if (offset < this.offset) [this.offset, this.line] = [0, 1];
    const fh = await open(this.file, "r");
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      while (this.offset < offset) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, offset - this.offset), this.offset);
        if (bytesRead === 0) break;
        this.line += countLines(buf, 0, bytesRead);
        this.offset += bytesRead;
      }
    } finally {
      await fh.close();
    }
    return this.line;
  }
}

/** A chunk being searched: where its rows start in the file, and what was found. */
interface InFlight {
  offset: number;
  /** Bytes of the file read up to the chunk's end, for progress. */
  read: number;
  scan: Promise<PoolScan>;
}

/**
 * Search a CSV or TSV notes file: whole-row chunks are read here and searched by the pool's workers
 * (or in this thread), and each chunk's patient runs are yielded in file order. At most two chunks
 * per worker are in flight, and their buffers are reused, so memory does not grow with the file.
 */
export async function* scanTableFile(input: InputFile, o: TableScanOptions): AsyncGenerator<PatientRun[]> {
  let delimiter = 0;
  let settings: ScanSettings | undefined;
  let local: ChunkScanner | undefined;
  const lines = new LineIndex(input.path);
  const inFlight: InFlight[] = [];
  const spare: Buffer[] = [];
  const limit = o.pool ? 2 * o.pool.size : 1;
  const settle = async (next: InFlight) => {
    const { result: r, buffer } = await next.scan;
    spare.push(buffer);
    if (r.invalidUtf8) throw new NotUtf8(input.path);
    if (r.problem || r.unnamedNotes) {
      const first = await lines.lineAt(next.offset);
      if (r.problem) throw new UserError(problemMessage(r.problem, settings!, first + r.problem.line));
      for (const u of r.unnamed ?? []) r.runs[u.run].hits[u.hit].noteId = noteIdAt(input.path, first + u.line);
      for (const u of r.unnamedNotes ?? []) r.runs[u.run].notes[u.note].noteId = noteIdAt(input.path, first + u.line);
    }
    o.progress?.(next.read);
    return r.runs;
  };
  try {
    for await (const chunk of readRowChunks(input.path, o.chunkBytes, o.encoding === "utf-8", () => spare.pop())) {
      let buf = chunk.buf;
      let offset = chunk.offset;
      if (!settings) {
        const fallback = input.kind === "tsv" ? "\t" : ",";
        delimiter = (delimiterChar(o.notes.delimiter) ?? detectDelimiter(buf, fallback)).charCodeAt(0);
        const rows = new CsvRowSplitter(delimiter);
        const end = splitRow(rows, buf, 0, input.path, 1);
        if (o.checkUtf8 && !isUtf8(buf.subarray(0, end))) throw new NotUtf8(input.path);
        settings = headerSettings(input, rowValues(rows, buf, o.encoding).map((h) => h.trim()), o, delimiter);
        buf = buf.subarray(end);
        offset += end;
        if (!o.pool) local = new ChunkScanner(settings);
      }
      const read = chunk.offset + chunk.buf.length;
      // In this thread the chunk is searched at once, and its buffer is free again straight after.
      const scan = o.pool ? o.pool.run(o.fileNo, settings, buf) : Promise.resolve({ result: local!.scan(buf), buffer: Buffer.from(chunk.buf.buffer) });
      inFlight.push({ offset, read, scan });
      while (inFlight.length >= limit) yield await settle(inFlight.shift()!);
    }
    while (inFlight.length > 0) yield await settle(inFlight.shift()!);
  } catch (err) {
    for (const f of inFlight) f.scan.catch(() => undefined); // abandoned: their results no longer matter
    throw readFailure(input.path, err);
  }
  if (!settings) throw new UserError(emptyTableMessage(input.path));
}
