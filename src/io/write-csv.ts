import { writeFileAtomic } from "./atomic-write.js";
import { cellText, type Cell } from "./neutralise.js";

function quote(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** RFC 4180 CSV with `\n` line ends, every text cell neutralised against formula injection. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map((h) => quote(h)).join(",")];
  for (const row of rows) lines.push(row.map((c) => quote(cellText(c))).join(","));
  return lines.join("\n") + "\n";
}

/** Write a CSV atomically. */
export function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly Cell[]>): void {
  writeFileAtomic(path, toCsv(header, rows));
}
