import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** Read a CSV the tool wrote, as objects keyed by header. */
export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
}

export function readHeader(path: string): string[] {
  return (parse(readFileSync(path, "utf8"), { to_line: 1 }) as string[][])[0];
}
