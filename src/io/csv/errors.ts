import type { CsvFault } from "./rows.js";

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
