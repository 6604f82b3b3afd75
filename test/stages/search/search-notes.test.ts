import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { findNoteFiles, readNotes, type NotesOptions } from "../../../src/io/read-notes.js";
import { compareHits, hitRows, type HitRow } from "../../../src/stages/search/collect.js";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { searchNotes, type NoteSink } from "../../../src/stages/search/search-notes.js";
import { compareStored, type StoredNote } from "../../../src/io/returned-notes/format.js";
import { inShard, type Shard } from "../../../src/stages/search/shard.js";
import { CASE_GROUP } from "../../../src/text/terms/terms.js";
import { createRandom } from "../../../src/core/random.js";
import { ROOT, tempDir } from "../../helpers/cli.js";

const DEMO = join(ROOT, "fixtures", "south-london-demo", "notes.csv");
const TERMS = parseTerms(readFileSync(join(ROOT, "src", "presets", "south-london-2015", "terms.txt"), "utf8"), "terms.txt");
const OPTS: NotesOptions = { encoding: "auto", columns: {}, warn: () => undefined };

interface Found {
  returned: string[];
  hits: HitRow[];
  notes: number;
  patients: number;
  /** Every note of the returned patients, in the returned-notes file's order. */
  kept: StoredNote[];
}

const stored = (n: StoredNote): StoredNote => ({ patientId: n.patientId, noteId: n.noteId, date: n.date, text: n.text, ...(n.noteType !== undefined ? { noteType: n.noteType } : {}) });

/** The notes search keeps, in memory. */
class MemorySink implements NoteSink {
  notes: StoredNote[] = [];
  add(notes: readonly StoredNote[]) {
    this.notes.push(...notes.map(stored));
  }
  drop(ids: ReadonlySet<string>) {
    this.notes = this.notes.filter((n) => !ids.has(n.patientId));
  }
  clear() {
    this.notes = [];
  }
}

/** What the search must find, the plain way: every note read and matched in full with every term. */
async function reference(file: string, shard?: Shard): Promise<Found> {
  const matcher = compileMatcher(TERMS);
  const all: HitRow[] = [];
  const seen = new Set<string>();
  const read: StoredNote[] = [];
  let notes = 0;
  for await (const note of readNotes([file], ROOT, OPTS)) {
    if (shard && !inShard(note.patientId, shard)) continue;
    notes++;
    seen.add(note.patientId);
    read.push(stored(note));
    all.push(...hitRows(note, matcher, 60));
  }
  const returned = new Set(all.filter((h) => h.group === CASE_GROUP).map((h) => h.patientId));
  return {
    returned: [...returned].sort(),
    hits: all.filter((h) => returned.has(h.patientId)).sort(compareHits),
    notes,
    patients: seen.size,
    kept: read.filter((n) => returned.has(n.patientId)).sort(compareStored),
  };
}

async function search(file: string, threads: number, chunkBytes: number, shard?: Shard): Promise<Found> {
  const sink = new MemorySink();
  const r = await searchNotes({
    notesTo: sink,
    inputs: await findNoteFiles([file], ROOT),
    notes: OPTS,
    terms: TERMS,
    kwicWidth: 60,
    threads,
    chunkBytes,
    progress: () => undefined,
    ...(shard ? { shard } : {}),
  });
  return {
    returned: r.returned.map((p) => p.patientId).sort(),
    hits: r.returned.flatMap((p) => p.hits).sort(compareHits),
    notes: r.notes,
    patients: r.patients,
    kept: sink.notes.sort(compareStored),
  };
}

/**
 * The demo export with its rows moved about (some patients' notes no longer contiguous), CRLF line
 * ends and a few notes without an id.
 */
function scrambledDemo(edit?: (body: string[][]) => void): string {
  const rows = parse(readFileSync(DEMO), { relax_column_count: false }) as string[][];
  const [header, ...body] = rows;
  const rnd = createRandom(8);
  for (let i = 0; i < 60; i++) {
    const [row] = body.splice(rnd.int(body.length), 1);
    body.splice(rnd.int(body.length), 0, row);
  }
  for (let i = 0; i < body.length; i += 97) body[i][1] = "";
  edit?.(body);
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const file = join(tempDir(), "scrambled.csv");
  writeFileSync(file, [header, ...body].map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n");
  return file;
}

describe("search over chunks and threads", () => {
  it("finds exactly what matching every note in full finds, and keeps the returned patients' notes, whatever the chunk size and threads", async () => {
    const want = await reference(DEMO);
    expect(want.returned).toHaveLength(691);
    for (const [threads, chunk] of [
      [1, 64 << 10],
      [2, 256 << 10],
      [1, 8 << 20],
    ]) {
      expect(await search(DEMO, threads, chunk), `${threads} threads, ${chunk} bytes`).toEqual(want);
    }
  }, 120_000);

  it("finds the same when a patient's notes are scattered, lines end in CRLF and some notes have no id", async () => {
    const file = scrambledDemo();
    const want = await reference(file);
    expect(want.hits.some((h) => /scrambled\.csv:\d+$/.test(h.noteId))).toBe(true);
    expect(await search(file, 1, 48 << 10)).toEqual(want);
    expect(await search(file, 2, 300 << 10)).toEqual(want);
  }, 120_000);

  it("names the same line as the plain reader for a bad row deep in the file, however it is split", async () => {
    for (const edit of [(b: string[][]) => (b[12000][2] = "31/02/2009"), (b: string[][]) => (b[9000][0] = " ")]) {
      const file = scrambledDemo(edit);
      let want = "";
      try {
        await reference(file);
      } catch (err) {
        want = (err as Error).message;
      }
      expect(want).toMatch(/scrambled\.csv:\d{5,}: column/);
      await expect(search(file, 2, 200 << 10)).rejects.toThrow(want);
      await expect(search(file, 1, 1 << 20)).rejects.toThrow(want);
    }
  }, 120_000);

  it("reads an export that is not UTF-8 again as Windows-1252, with one warning and the notes of that read, threads or not", async () => {
    const text = readFileSync(DEMO, "utf8").replaceAll("\u2019", "'").replace("trafficked", "traffick\u00e9d");
    const file = join(tempDir(), "cp1252.csv");
    writeFileSync(file, Buffer.from(text, "latin1"));
    const want = await reference(file);
    for (const threads of [1, 2]) {
      const warnings: string[] = [];
      const sink = new MemorySink();
      const r = await searchNotes({
        notesTo: sink,
        inputs: await findNoteFiles([file], ROOT),
        notes: { ...OPTS, warn: (m) => warnings.push(m) },
        terms: TERMS,
        kwicWidth: 60,
        threads,
        chunkBytes: 256 << 10,
        progress: () => undefined,
      });
      expect(r.returned.map((p) => p.patientId).sort()).toEqual(want.returned);
      expect(r.returned.flatMap((p) => p.hits).sort(compareHits)).toEqual(want.hits);
      expect(sink.notes.sort(compareStored)).toEqual(want.kept); // the first, UTF-8 read's notes forgotten
      expect(warnings).toEqual([expect.stringContaining("not valid UTF-8, read as Windows-1252")]);
    }
    expect(want.hits.some((h) => h.match === "traffick\u00e9d" || h.left.includes("\u00e9") || h.right.includes("\u00e9"))).toBe(true);
  }, 120_000);

  it("searches one shard the same way", async () => {
    const shard = { k: 2, n: 3 };
    expect(await search(DEMO, 2, 128 << 10, shard)).toEqual(await reference(DEMO, shard));
  }, 120_000);
});
