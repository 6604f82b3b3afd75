import { UserError } from "../core/errors.js";
import type { Encoding } from "../config/schema.js";
import { assertReadable, resolveEncoding } from "./open-text.js";
import { readRowChunks } from "./csv/chunks.js";
import { csvFaultMessage, fieldCountMessage } from "./csv/errors.js";
import { countLines } from "./csv/frame.js";
import { fieldValue } from "./csv/decode.js";
import { CsvRowSplitter, CsvSyntaxError } from "./csv/rows.js";

/** One data row of a table file: its values by column name and the line it starts on (1-based). */
export interface TableRow {
  line: number;
  values: Record<string, string>;
}

export interface TableOptions {
  delimiter: "," | "\t";
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
  const rows = new CsvRowSplitter(opts.delimiter === "\t" ? 9 : 44);
  let header: string[] | undefined;
  let line = 1;
  try {
    for await (const { buf } of readRowChunks(file, CHUNK, encoding === "utf-8")) {
      let pos = 0;
      while (pos < buf.length) {
        let next: number;
        try {
          next = rows.next(buf, pos);
        } catch (err) {
          if (err instanceof CsvSyntaxError) throw new UserError(csvFaultMessage(file, line + countLines(buf, pos, err.at), err.fault));
          throw err;
        }
        const start = line;
        line += countLines(buf, pos, next);
        pos = next;
        if (!header) {
          header = [];
          for (let i = 0; i < rows.count; i++) header.push(fieldValue(rows, buf, i, encoding).trim());
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
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === "string") throw new UserError(`${file}: cannot read (${code})`);
    throw err;
  }
  if (!header) throw new UserError(`${file}: the file is empty (expected a header row with column names)`);
}
