import { UserError } from "../core/errors.js";
import type { Encoding } from "../io/formats.js";
import { assertReadable, resolveEncoding } from "./open-text.js";
import { readRowChunks } from "./csv/chunks.js";
import { emptyTableMessage, fieldCountMessage, readFailure, splitRow } from "./csv/errors.js";
import { countLines } from "./csv/frame.js";
import { fieldValue, rowValues } from "./csv/decode.js";
import { CsvRowSplitter } from "./csv/rows.js";
import { detectDelimiter, type DelimiterChar } from "./csv/delimiter.js";
import { kindOf } from "./find-inputs.js";

/** One data row of a table file: its values by column name and the line it starts on (1-based). */
export interface TableRow {
  line: number;
  values: Record<string, string>;
}

export interface TableOptions {
  /** A delimiter, or `auto` to take it from the header row (tab for .tsv/.tab when the header has none). */
  delimiter: DelimiterChar | "auto";
  encoding: Encoding;
  warn: (message: string) => void;
  /** Called once with the header, before any row: throw to reject the file (e.g. a missing column). */
  onHeader?: (columns: string[]) => void;
}

/** Rows are read in chunks of about this many bytes. */
const CHUNK = 1 << 20;

/**
 * Stream the rows of a CSV or TSV file (RFC 4180: quoted fields with embedded delimiters and line
 * breaks, CRLF or LF, optional BOM). Rows are yielded as they are parsed; the file is never held whole.
 */
export async function* readTable(file: string, opts: TableOptions): AsyncGenerator<TableRow> {
  await assertReadable(file);
  const encoding = await resolveEncoding(file, opts.encoding, opts.warn);
  let rows: CsvRowSplitter | undefined;
  let header: string[] | undefined;
  let line = 1;
  try {
    for await (const { buf } of readRowChunks(file, CHUNK, encoding === "utf-8")) {
      let pos = 0;
      rows ??= new CsvRowSplitter((opts.delimiter === "auto" ? detectDelimiter(buf, kindOf(file) === "tsv" ? "\t" : ",") : opts.delimiter).charCodeAt(0));
      while (pos < buf.length) {
        const next = splitRow(rows, buf, pos, file, line);
        const start = line;
        line += countLines(buf, pos, next);
        pos = next;
        if (!header) {
          header = rowValues(rows, buf, encoding).map((h) => h.trim());
          opts.onHeader?.(header);
          continue;
        }
        if (rows.isEmptyLine()) continue;
        if (rows.count !== header.length) throw new UserError(fieldCountMessage(file, start, rows.count, header.length));
        const values: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) values[header[i]] = fieldValue(rows, buf, i, encoding);
        yield { line: start, values };
      }
    }
  } catch (err) {
    throw readFailure(file, err);
  }
  if (!header) throw new UserError(emptyTableMessage(file));
}
