import { readFile } from "node:fs/promises";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { UserError } from "../core/errors.js";
import type { Encoding } from "../config/schema.js";
import { assertReadable, openText, resolveEncoding } from "./open-text.js";

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

/**
 * Find the line where a quoted field opens and never closes. Only run after the parser reported an
 * unclosed quote, to point the user at the right line rather than at the end of the file.
 */
export function findUnclosedQuote(text: string, delimiter: string): number {
  let line = 1;
  let inQuote = false;
  let openedAt = 0;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuote) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuote = false;
      } else if (ch === "\n") line++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuote = true;
      openedAt = line;
      atFieldStart = false;
    } else if (ch === delimiter) atFieldStart = true;
    else if (ch === "\n") {
      line++;
      atFieldStart = true;
    } else if (ch !== "\r") atFieldStart = false;
  }
  return inQuote ? openedAt : 0;
}

async function explainCsvError(file: string, err: { code?: string; message: string; lines?: number }, encoding: "utf-8" | "windows-1252", delimiter: string): Promise<UserError> {
  if (err.code === "CSV_QUOTE_NOT_CLOSED") {
    const text = iconv.decode(await readFile(file), encoding === "utf-8" ? "utf8" : "win1252");
    const line = findUnclosedQuote(text, delimiter) || err.lines;
    return new UserError(`${file}:${line}: a quoted field opens here and is never closed (expected a closing ")`);
  }
  if (err.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
    return new UserError(`${file}:${err.lines}: a row has a different number of fields from the header (check for an unquoted delimiter)`);
  }
  if (err.code === "CSV_INVALID_CLOSING_QUOTE" || err.code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") {
    return new UserError(`${file}:${err.lines}: text after a closing quote (expected a delimiter or end of line; quotes inside a quoted field are written "")`);
  }
  return new UserError(`${file}:${err.lines ?? "?"}: cannot parse as ${delimiter === "\t" ? "TSV" : "CSV"} (${err.code ?? "parse error"})`);
}

/**
 * Stream the rows of a CSV or TSV file (RFC 4180: quoted fields with embedded delimiters and line
 * breaks, CRLF or LF, optional BOM). Rows are yielded as they are parsed; the file is never held whole.
 */
export async function* readTable(file: string, opts: TableOptions): AsyncGenerator<TableRow> {
  await assertReadable(file);
  const encoding = await resolveEncoding(file, opts.encoding, opts.warn);
  const parser = openText(file, encoding).pipe(
    parse({ delimiter: opts.delimiter, raw: true, relax_column_count: false, quote: '"', escape: '"' }),
  );
  let header: string[] | undefined;
  let line = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      // `raw` may or may not end with the record delimiter, depending on the line ends detected.
      line += 1 + (raw.replace(/\r?\n$|\r$/, "").match(/\n/g)?.length ?? 0);
      if (!header) {
        header = record.map((h) => h.trim());
        opts.onHeader?.(header);
        continue;
      }
      if (record.length === 1 && record[0] === "") continue; // an empty line
      const values: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) values[header[i]] = record[i] ?? "";
      yield { line: start, values };
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    const e = err as { code?: string; message: string; lines?: number };
    if (typeof e.code === "string" && e.code.startsWith("CSV_")) throw await explainCsvError(file, e, encoding, opts.delimiter);
    if (typeof e.code === "string") throw new UserError(`${file}: cannot read (${e.code})`);
    throw err;
  }
  if (!header) throw new UserError(`${file}: the file is empty (expected a header row with column names)`);
}
