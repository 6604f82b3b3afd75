import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { readRowChunks } from "../../src/io/csv/chunks.js";
import { fieldValue } from "../../src/io/csv/decode.js";
import { lastRowEnd } from "../../src/io/csv/frame.js";
import { CsvRowSplitter, CsvSyntaxError } from "../../src/io/csv/rows.js";
import { readTable } from "../../src/io/read-table.js";
import { createRandom } from "../../src/core/random.js";
import { tempDir } from "../helpers/cli.js";

const PIECES = ["a", "b", "word", " ", ",", "\t", '"', '""', "\n", "\r\n", "é", "’", "😀", "x y", ""];

/** A random table written the RFC 4180 way, with the rows it holds. */
function randomTable(seed: number, delimiter: string): { text: string; rows: string[][] } {
  const rnd = createRandom(seed);
  const width = 1 + Math.floor(rnd.next() * 4);
  const rows: string[][] = [];
  for (let r = 0; r < 1 + Math.floor(rnd.next() * 30); r++) {
    const row: string[] = [];
    for (let c = 0; c < width; c++) {
      let v = "";
      for (let k = Math.floor(rnd.next() * 6); k > 0; k--) v += PIECES[Math.floor(rnd.next() * PIECES.length)];
      row.push(v);
    }
    if (width === 1 && row[0] === "") row[0] = "z"; // an empty one-field row is an empty line
    rows.push(row);
  }
  const quote = (v: string) => (/[",\t\r\n]/.test(v) || v === "" ? `"${v.replaceAll('"', '""')}"` : v);
  const ending = rnd.next() < 0.5 ? "\n" : "\r\n";
  const text = rows.map((row) => row.map(quote).join(delimiter)).join(ending) + (rnd.next() < 0.5 ? ending : "");
  return { text, rows };
}

/** Split a file into rows with the chunked reader and the row splitter. */
async function splitFile(file: string, size: number, delimiter: number): Promise<string[][]> {
  const rows = new CsvRowSplitter(delimiter);
  const out: string[][] = [];
  for await (const { buf } of readRowChunks(file, size, true)) {
    for (let pos = 0; pos < buf.length; ) {
      pos = rows.next(buf, pos);
      out.push(Array.from({ length: rows.count }, (_, i) => fieldValue(rows, buf, i, "utf-8")));
    }
  }
  return out;
}

describe("CSV reading", () => {
  it("splits random RFC 4180 tables into the rows written, at any chunk size, as csv-parse does", async () => {
    const dir = tempDir();
    for (let seed = 1; seed <= 150; seed++) {
      const delimiter = seed % 3 === 0 ? "\t" : ",";
      const { text, rows } = randomTable(seed, delimiter);
      const file = join(dir, `t${seed}.csv`);
      writeFileSync(file, text);
      const size = 1 + (seed % 17);
      expect(await splitFile(file, size, delimiter.charCodeAt(0)), `seed ${seed}`).toEqual(rows);
      expect(parse(text, { delimiter, relax_column_count: true }), `seed ${seed}`).toEqual(rows);
    }
  });

  it("cuts a buffer after its last whole row, never inside a quoted field", () => {
    const b = Buffer.from('a,"x\ny"\nb,"p\nq');
    expect(lastRowEnd(b)).toBe(8);
    expect(lastRowEnd(Buffer.from('"no\nrow end'))).toBe(-1);
    expect(lastRowEnd(Buffer.from('a,""\nb'))).toBe(5);
  });

  it.each([
    ['id,text\n1,"open\n2,x\n', "unclosed-quote", 10],
    ['id,text\n1,"closed"x\n', "closing-quote", 18],
    ['id,text\n1,he said "no"\n', "opening-quote", 18],
  ])("reports malformed quoting at its byte: %j", (text, fault, at) => {
    const buf = Buffer.from(text);
    const rows = new CsvRowSplitter(44);
    const pos = rows.next(buf, 0);
    let err: unknown;
    try {
      rows.next(buf, pos);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect((err as CsvSyntaxError).fault).toBe(fault);
    expect((err as CsvSyntaxError).at).toBe(at);
  });

  it("names the line of a malformed row, and a row with the wrong number of fields", async () => {
    const dir = tempDir();
    const read = async (text: string, name = "t.csv") => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const out = [];
      for await (const row of readTable(file, { delimiter: name.endsWith(".tsv") ? "\t" : ",", encoding: "auto", warn: () => undefined })) out.push(row);
      return out;
    };
    await expect(read('a,b\n1,"x\ny"\n2,"open\n3,z\n')).rejects.toThrow("t.csv:4: a quoted field opens here and is never closed");
    await expect(read('a\tb\n1\t"open', "t.tsv")).rejects.toThrow("t.tsv:2: a quoted field opens here and is never closed");
    expect((await read('a,b\n1,"closed ""quote"" inside"\n')).map((r) => r.values.b)).toEqual(['closed "quote" inside']);
    await expect(read('id,text\n1,"a\nb"\n2,"x"y\n')).rejects.toThrow('t.csv:4: text after a closing quote');
    await expect(read("id,text\n1,a\n\n2,a,b\n")).rejects.toThrow("t.csv:4: a row has 3 fields where the header has 2");
    await expect(read('id,text\n1,"a\nb"\n2,x "y"\n')).rejects.toThrow("t.csv:4: a quote inside a field that does not start with one");
    expect((await read('id,text\r\n1,"a\r\nb"\r\n\r\n2,c')).map((r) => [r.line, r.values.text])).toEqual([
      [2, "a\r\nb"],
      [5, "c"],
    ]);
  });
});
