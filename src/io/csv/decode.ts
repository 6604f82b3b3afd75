import iconv from "iconv-lite";
import type { CsvRowSplitter } from "./rows.js";

export type TextEncoding = "utf-8" | "windows-1252";

/** Decode bytes [start, end) of a buffer. */
export function decodeBytes(buf: Buffer, start: number, end: number, encoding: TextEncoding): string {
  return encoding === "utf-8" ? buf.toString("utf8", start, end) : iconv.decode(buf.subarray(start, end), "win1252");
}

/** The value of field i of the row last split: decoded, doubled quotes made single. */
export function fieldValue(rows: CsvRowSplitter, buf: Buffer, i: number, encoding: TextEncoding): string {
  if (i >= rows.count) return "";
  const text = decodeBytes(buf, rows.start[i], rows.end[i], encoding);
  return rows.escaped[i] ? text.replaceAll('""', '"') : text;
}

/** Every field of the row last split, decoded. */
export function rowValues(rows: CsvRowSplitter, buf: Buffer, encoding: TextEncoding): string[] {
  return Array.from({ length: rows.count }, (_, i) => fieldValue(rows, buf, i, encoding));
}
