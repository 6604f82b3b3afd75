import { UserError } from "../../core/errors.js";
import { countLines } from "./frame.js";
import { CsvSyntaxError, type CsvFault, type CsvRowSplitter } from "./rows.js";

/** One line for a user: where the table is malformed and how to fix it. */
export function csvFaultMessage(file: string, line: number, fault: CsvFault): string {
  switch (fault) {
    case "unclosed-quote":
      return `${file}:${line}: a quoted field opens here and is never closed (expected a closing ")`;
    case "closing-quote":
      return `${file}:${line}: text after a closing quote (expected a delimiter or end of line; quotes inside a quoted field are written "")`;
    case "opening-quote":
      return `${file}:${line}: a quote inside a field that does not start with one (quote the whole field and write each quote inside it as "")`;
  }
}

export function fieldCountMessage(file: string, line: number, found: number, expected: number): string {
  return `${file}:${line}: a row has ${found} field${found === 1 ? "" : "s"} where the header has ${expected} (check for an unquoted delimiter)`;
}

export function emptyTableMessage(file: string): string {
  return `${file}: the file is empty (expected a header row with column names)`;
}

/**
 * Split the row that starts at `pos`, on line `line` of the file; malformed quoting becomes one line
 * for the user, naming the line where the fault is.
 */
export function splitRow(rows: CsvRowSplitter, buf: Buffer, pos: number, file: string, line: number): number {
  try {
    return rows.next(buf, pos);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new UserError(csvFaultMessage(file, line + countLines(buf, pos, err.at), err.fault));
    throw err;
  }
}

/** A failure to read a file (an error with a system code) as one line for the user; other errors as they are. */
export function readFailure(file: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  return !(err instanceof UserError) && typeof code === "string" ? new UserError(`${file}: cannot read (${code})`) : err;
}
