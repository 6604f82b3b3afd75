import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readNotes } from "../../src/io/read-notes.js";
import { normaliseDate } from "../../src/io/dates.js";
import type { Note } from "../../src/core/types.js";
import type { NotesOptions } from "../../src/io/read-notes.js";
import { SCENARIOS, tempDir } from "../helpers/cli.js";

async function collect(patterns: string[], opts: Partial<NotesOptions> = {}): Promise<{ notes: Note[]; warnings: string[] }> {
  const warnings: string[] = [];
  const notes: Note[] = [];
  for await (const n of readNotes(patterns, SCENARIOS, { encoding: "auto", columns: {}, warn: (m) => warnings.push(m), ...opts })) notes.push(n);
  return { notes, warnings };
}

function write(name: string, data: string | Buffer): string {
  const dir = tempDir();
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

describe("notes readers", () => {
  it("reads CRLF, Windows-1252 (0x92 is ’), mapped CRIS columns and UK dates, with a warning for the encoding", async () => {
    const { notes, warnings } = await collect(["notes-cris-cp1252/notes.csv"], {
      columns: { patient_id: "BrcId", note_id: "CN_Doc_ID", date: "ViewDate", text: "Attachment_Text" },
    });
    expect(notes.map((n) => [n.patientId, n.noteId, n.date])).toEqual([
      ["101", "d1", "2009-02-03"],
      ["102", "d2", "2009-02-04"],
    ]);
    expect(notes[0].text).toBe("Pt\u2019s SW says she was trafficked\r\ninto the UK");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Windows-1252");
  });

  it("reads Windows-1252 without a warning when asked to", async () => {
    const { warnings } = await collect(["notes-cris-cp1252/notes.csv"], {
      encoding: "windows-1252",
      columns: { patient_id: "BrcId", note_id: "CN_Doc_ID", date: "ViewDate", text: "Attachment_Text" },
    });
    expect(warnings).toEqual([]);
  });

  it("reads a UTF-8 TSV with a BOM", async () => {
    const { notes } = await collect(["notes-bom-tsv/notes.tsv"]);
    expect(notes.map((n) => n.patientId)).toEqual(["X1", "X2"]);
  });

  it("keeps quoted fields with embedded newlines and commas, and gives each row its first line", async () => {
    const { notes } = await collect(["notes-basic/notes.csv"]);
    expect(notes[0].text).toContain("prostitution.\nLow mood, poor sleep");
    expect(notes.map((n) => n.source.line)).toEqual([2, 4, 5, 6, 8, 9]);
  });

  it("reads JSON Lines, skipping blank lines", async () => {
    const { notes } = await collect(["notes-jsonl/notes.jsonl"]);
    expect(notes.map((n) => [n.patientId, n.source.line])).toEqual([
      ["J1", 1],
      ["J2", 3],
    ]);
  });

  it("reads a folder of .txt notes, one folder per patient, dates from file names", async () => {
    const { notes } = await collect(["notes-txt-folder"]);
    expect(notes.map((n) => [n.patientId, n.noteId, n.date])).toEqual([
      ["P1", "2009-01-02_n1", "2009-01-02"],
      ["P1", "2009-02-02_n2", "2009-02-02"],
      ["P2", "2010-01-01_n3", "2010-01-01"],
      ["P3", "2010-01-01_n4", "2010-01-01"],
    ]);
  });

  it("chooses files by glob, in a stable order", async () => {
    const { notes } = await collect(["notes-{basic,bom-tsv}/notes.*"]);
    expect(new Set(notes.map((n) => n.source.file.split("/").slice(-2, -1)[0]))).toEqual(new Set(["notes-basic", "notes-bom-tsv"]));
  });

  it.each([
    ["notes-unclosed-quote/notes.csv", "notes.csv:3: a quoted field opens here and is never closed"],
    ["notes-missing-column/notes.csv", 'missing column text; found "patient_id", "note_id", "date", "body"'],
    ["notes-bad-date/notes.csv", "notes.csv:3: column date: not a date (expected yyyy-mm-dd or dd/mm/yyyy)"],
    ["no-such-*.csv", "no file matches"],
    ["no-such-file.csv", "no file matches"],
  ])("%s fails with one clear line", async (pattern, message) => {
    const err = await collect([pattern]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toContain("\n");
  });

  it("never puts note text into an error", async () => {
    const p = write("n.csv", 'patient_id,note_id,date,text\nA,1,not-a-date,"secret words about a patient"\n');
    const err = (await collect([p]).catch((e: Error) => e)) as Error;
    expect(err.message).toContain("n.csv:2");
    expect(err.message).not.toContain("secret");
  });

  it("rejects an unsupported file type", async () => {
    const p = write("notes.xls", "x");
    await expect(collect([p])).rejects.toThrow('unsupported file type ".xls"');
  });

  it("rejects a bad JSON line with its line number", async () => {
    const p = write("n.jsonl", '{"patient_id":"A","note_id":"1","date":"","text":"x"}\n{oops\n');
    await expect(collect([p])).rejects.toThrow("n.jsonl:2: not a JSON object");
  });
});

describe("dates", () => {
  it.each([
    ["2009-02-03", "2009-02-03"],
    ["03/02/2009", "2009-02-03"],
    ["3/2/2009", "2009-02-03"],
    ["2009-02-03T10:15:00", "2009-02-03T10:15:00"],
    ["2009-02-03 10:15", "2009-02-03T10:15"],
    ["03/02/2009 09:05", "2009-02-03T09:05"],
    ["", ""],
    ["31/02/2010", null],
    ["2010-13-01", null],
    ["yesterday", null],
    ["29/02/2008", "2008-02-29"],
    ["1900-02-29", null],
    ["2000-02-29", "2000-02-29"],
    ["2010-04-31", null],
    ["29/02/2009", null],
  ])("%j → %j", (input, want) => {
    expect(normaliseDate(input)).toBe(want);
  });
});
