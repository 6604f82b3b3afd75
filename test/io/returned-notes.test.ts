import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { noteLine, type StoredNote } from "../../src/io/returned-notes/format.js";
import { readReturnedNotes } from "../../src/io/returned-notes/read.js";
import { DuplicateNoteId, NoteSpool } from "../../src/io/returned-notes/spool.js";
import { filesSource, sourceChange } from "../../src/io/returned-notes/source.js";
import { tempDir } from "../helpers/cli.js";

const note = (patientId: string, noteId: string, date: string, text: string, noteType?: string): StoredNote => ({ patientId, noteId, date, text, ...(noteType !== undefined ? { noteType } : {}) });

describe("the returned-notes file", () => {
  it("is written in patient, date, note id order, without what was dropped", async () => {
    const dir = tempDir("na-spool-");
    const path = join(dir, "notes.jsonl");
    const spool = new NoteSpool(path);
    spool.add([note("B", "b2", "2010-01-02", "second"), note("B", "b1", "2010-01-02", "first by id")]);
    spool.add([note("A", "a1", "2009-05-01", "line one\r\nline two \u2028 \"quoted\" =SUM(A1) \u{1F600}", "Event")]);
    spool.add([note("C", "c1", "2011-01-01", "dropped")]);
    spool.add([note("B", "same2", "2010-01-01", "tie 2"), note("B", "same1", "2010-01-01", "tie 1")]);
    spool.drop(new Set(["C"]));
    spool.add([note("C", "c1", "2011-01-01", "given again")]);
    expect(spool.count).toBe(6);
    spool.finish();
    expect(readdirSync(dir)).toEqual(["notes.jsonl"]); // the spool and temp files are gone
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => JSON.parse(l).text)).toEqual(["line one\r\nline two \u2028 \"quoted\" =SUM(A1) \u{1F600}", "tie 1", "tie 2", "first by id", "second", "given again"]);
    expect(lines[0]).toBe(noteLine(note("A", "a1", "2009-05-01", "line one\r\nline two \u2028 \"quoted\" =SUM(A1) \u{1F600}", "Event")).trimEnd());
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(["patient_id", "note_id", "date", "note_type", "text"]);
    expect(Object.keys(JSON.parse(lines[1]))).toEqual(["patient_id", "note_id", "date", "text"]);

    const back = await readReturnedNotes(path, new Set(["A", "B", "Z"]));
    expect([...back.keys()]).toEqual(["A", "B"]);
    expect(back.get("A")![0]).toEqual({ ...note("A", "a1", "2009-05-01", "line one\r\nline two \u2028 \"quoted\" =SUM(A1) \u{1F600}", "Event"), source: { file: path, line: 1 } });
    expect(back.get("B")!.map((n) => n.text)).toEqual(["tie 1", "tie 2", "first by id", "second"]);
  });

  it("refuses two notes of one patient under one note id, and leaves no file behind", () => {
    const dir = tempDir("na-spool-");
    const spool = new NoteSpool(join(dir, "notes.jsonl"), "export.csv");
    spool.add([note("B", "n1", "2010-01-01", "one"), note("B", "n1", "2010-02-01", "two"), note("C", "n1", "2010-01-01", "another patient's n1")]);
    expect(() => spool.finish()).toThrow(DuplicateNoteId);
    expect(() => spool.finish()).toThrow(/export.csv: note id n1 of patient B appears twice/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("starts afresh after clear, and leaves nothing behind when discarded", () => {
    const dir = tempDir("na-spool-");
    const spool = new NoteSpool(join(dir, "notes.jsonl"));
    spool.add([note("A", "a1", "2009-05-01", "read as UTF-8")]);
    spool.clear();
    spool.add([note("A", "a1", "2009-05-01", "read again")]);
    spool.finish();
    expect(readFileSync(join(dir, "notes.jsonl"), "utf8")).toBe(noteLine(note("A", "a1", "2009-05-01", "read again")));
    const other = new NoteSpool(join(dir, "other.jsonl"));
    other.add([note("A", "a1", "2009-05-01", "x")]);
    other.discard();
    expect(readdirSync(dir)).toEqual(["notes.jsonl"]);
  });

  it("names the line of a damaged file and asks for search again", async () => {
    const path = join(tempDir("na-spool-"), "notes.jsonl");
    writeFileSync(path, `${noteLine(note("A", "a1", "2009-05-01", "ok"))}{"patient_id":"A"\n`);
    await expect(readReturnedNotes(path, new Set(["A"]))).rejects.toThrow(`${path}:2: not a note as search writes them (run notes-analyse search again)`);
  });
});

describe("the notes source", () => {
  it("sees a notes file that changed size or time, went missing, or was added to the selection", () => {
    const dir = tempDir("na-source-");
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    writeFileSync(a, "patient_id,note_id,date,text\n");
    writeFileSync(b, "patient_id,note_id,date,text\n");
    const source = filesSource([a]);
    expect(sourceChange(source)).toBeUndefined();
    expect(sourceChange(source, [a])).toBeUndefined();
    expect(sourceChange(source, [a, b])).toBe(`${b}: a notes file search did not read (run notes-analyse search again)`);
    expect(sourceChange(source, [b])).toContain(`${a}: search read this file, which the notes patterns no longer select`);
    const when = new Date("2001-02-03T04:05:06Z");
    utimesSync(a, when, when);
    expect(sourceChange(source)).toBe(`${a}: changed since search read it (size or modification time differ): run notes-analyse search again`);
    const touched = filesSource([a]);
    writeFileSync(a, "patient_id,note_id,date,text\nP1,n1,2009-01-01,more\n");
    utimesSync(a, when, when);
    expect(sourceChange(touched)).toContain("changed since search read it");
    rmSync(b);
    expect(sourceChange(filesSource([a]))).toBeUndefined();
    expect(sourceChange({ kind: "files", files: [{ path: b, bytes: 29, mtime_ns: "0" }] })).toBe(`${b}: search read this notes file and it is gone (run notes-analyse search again, or put it back)`);
  });
});
