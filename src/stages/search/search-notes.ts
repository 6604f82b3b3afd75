import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import type { Note } from "../../core/types.js";
import type { InputFile } from "../../io/find-inputs.js";
import { isUtf16File, notUtf8Warning } from "../../io/open-text.js";
import { readNotesFile, type NotesOptions } from "../../io/read-notes.js";
import type { TextEncoding } from "../../io/csv/decode.js";
import { HitCollector, hitRows, type NoteFields, type PatientHits } from "./collect.js";
import { compileMatcher } from "../../text/terms/match.js";
import type { PatientRun } from "./scan-chunk.js";
import { NotUtf8, scanTableFile } from "./scan-file.js";
import { createScanPool, type ScanPool } from "./scan-pool.js";
import { inShard, type Shard } from "./shard.js";
import { CASE_GROUP, type Term } from "../../text/terms/terms.js";
import { BlockBuffer } from "./block-buffer.js";
import { thousands } from "../../core/message.js";

export interface SearchOptions {
  inputs: InputFile[];
  notes: NotesOptions;
  terms: Term[];
  kwicWidth: number;
  shard?: Shard;
  /** Threads searching CSV/TSV files: 1 searches in this thread; 0 chooses by the size of the input. */
  threads: number;
  progress: (message: string, done?: boolean) => void;
  /** Bytes per chunk handed to a thread (default CHUNK_BYTES). */
  chunkBytes?: number;
  /** Receives every note of the returned patients (each exactly once when the search ends). */
  notesTo?: NoteSink;
  /**
   * Notes from elsewhere than files (a database), read after the files; called again with the
   * patients whose notes were not together, for their second read.
   */
  stream?: (patientIds?: ReadonlySet<string>) => AsyncIterable<Note>;
}

/** Where the search puts the returned patients' notes, for the later stages. */
export interface NoteSink {
  /** Notes of a returned patient, in reading order. */
  add(notes: readonly NoteFields[]): void;
  /** Forget the notes given so far of these patients: a second read gives all of them again. */
  drop(patientIds: ReadonlySet<string>): void;
  /** Forget every note given so far: the export is being read again from the start. */
  clear(): void;
}

export interface SearchResult {
  /** Returned patients, each with case and theme hits (unsorted). */
  returned: PatientHits[];
  notes: number;
  patients: number;
}

/** Bytes of notes per chunk handed to a thread. */
export const CHUNK_BYTES = 8 << 20;
/**
 * Below this much CSV/TSV, starting worker threads costs more than it saves: on two cores one thread
 * is faster up to about 120 MB and slower by 400 MB (bench/run.mjs).
 */
const PARALLEL_FROM = 192 << 20;

/**
 * How many worker threads to start (0: search in this thread). `requested` is the number of threads
 * searching, 0 to choose by the size of the input; while workers search, this thread reads the file.
 */
export function workerThreads(requested: number, tableBytes: number): number {
  if (requested === 1) return 0;
  if (requested > 1) return requested;
  return tableBytes >= PARALLEL_FROM ? Math.min(availableParallelism(), 8) : 0;
}

// UTF-16 tables (rare) are read by the plain reader, which transcodes them and counts their lines.
const isTable = (f: InputFile) => (f.kind === "csv" || f.kind === "tsv") && !isUtf16File(f.path);

/**
 * Search every note with all terms in one read. Only case-finding hits decide who is returned; theme
 * hits and the notes themselves are kept for returned patients only (see BlockBuffer), so memory does
 * not grow with the extract. A file that was guessed to be UTF-8 and is not is read again, whole, as
 * Windows-1252.
 */
export async function searchNotes(o: SearchOptions): Promise<SearchResult> {
  const sizes = o.inputs.map((f) => statSync(f.path).size);
  const threads = workerThreads(o.threads, sizes.reduce((s, n, i) => s + (isTable(o.inputs[i]) ? n : 0), 0));
  const pool = threads > 0 ? createScanPool(threads) : null;
  const encodings = new Map<string, TextEncoding>();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await searchOnce(o, pool, encodings, sizes, attempt);
      } catch (err) {
        if (!(err instanceof NotUtf8)) throw err;
        o.notes.warn(notUtf8Warning(err.file));
        encodings.set(err.file, "windows-1252");
      }
    }
  } finally {
    await pool?.close();
  }
}

/**
 * One read of every input. `attempt` counts the reads (a file found not to be UTF-8 starts another);
 * with the file's index it numbers the file for the pool, whose workers keep settings by that number.
 */
async function searchOnce(o: SearchOptions, pool: ScanPool | null, encodings: Map<string, TextEncoding>, sizes: number[], attempt: number): Promise<SearchResult> {
  const found = new HitCollector();
  o.notesTo?.clear();
  const themes = new BlockBuffer((id) => found.patients.has(id), o.notesTo ? (notes) => o.notesTo!.add(notes) : undefined);
  const take = (run: PatientRun) => {
    const caseHits = run.hits.filter((h) => h.group === CASE_GROUP);
    found.add(run.patientId, run.count, caseHits);
    themes.add(
      run.patientId,
      caseHits.length === run.hits.length ? [] : run.hits.filter((h) => h.group !== CASE_GROUP),
      run.notes,
    );
  };
  const totalBytes = sizes.reduce((s, n) => s + n, 0);
  let before = 0;
  const report = (bytes: number, i: number) =>
    o.progress(`search: ${thousands(found.notes)} notes, file ${i + 1}/${o.inputs.length}, ${totalBytes > 0 ? Math.floor((100 * (before + bytes)) / totalBytes) : 100}%`);

  const matcher = compileMatcher(o.terms);
  for (const [i, input] of o.inputs.entries()) {
    if (isTable(input)) {
      const fixed = o.notes.encoding === "auto" ? encodings.get(input.path) : o.notes.encoding;
      const runs = scanTableFile(input, {
        notes: o.notes,
        terms: o.terms,
        kwicWidth: o.kwicWidth,
        ...(o.shard ? { shard: o.shard } : {}),
        encoding: fixed ?? "utf-8",
        checkUtf8: fixed === undefined,
        pool,
        fileNo: attempt * o.inputs.length + i,
        chunkBytes: o.chunkBytes ?? CHUNK_BYTES,
        progress: (bytes) => report(bytes, i),
      });
      for await (const chunk of runs) for (const run of chunk) take(run);
    } else {
      for await (const note of readNotesFile(input, o.notes)) {
        if (o.shard && !inShard(note.patientId, o.shard)) continue;
        const hits = hitRows(note, matcher, o.kwicWidth);
        take({ patientId: note.patientId, count: 1, hits, notes: [note], returned: false });
        if (found.notes % 5000 === 0) report(0, i);
      }
    }
    before += sizes[i];
  }
  if (o.stream) {
    for await (const note of o.stream()) {
      if (o.shard && !inShard(note.patientId, o.shard)) continue;
      take({ patientId: note.patientId, count: 1, hits: hitRows(note, matcher, o.kwicWidth), notes: [note], returned: false });
      if (found.notes % 5000 === 0) o.progress(`search: ${thousands(found.notes)} notes`);
    }
  }
  themes.endBlock();
  o.progress(`search: ${thousands(found.notes)} notes read`, true);

  // Returned patients whose notes were not contiguous in the export: a second read finds their theme
  // hits and their notes.
  const again = themes.needSecondRead();
  o.notesTo?.drop(again);
  const themeTerms = o.terms.filter((t) => t.group !== CASE_GROUP);
  if (again.size > 0 && (themeTerms.length > 0 || o.notesTo)) {
    const themeMatcher = themeTerms.length > 0 ? compileMatcher(themeTerms) : null;
    const opts = { ...o.notes, warn: () => undefined };
    const keep = (note: Note) => {
      if (!again.has(note.patientId)) return;
      o.notesTo?.add([note]);
      if (!themeMatcher) return;
      const list = themes.kept.get(note.patientId) ?? [];
      list.push(...hitRows(note, themeMatcher, o.kwicWidth));
      themes.kept.set(note.patientId, list);
    };
    for (const input of o.inputs) {
      const fixed = encodings.get(input.path);
      for await (const note of readNotesFile(input, fixed ? { ...opts, encoding: fixed } : opts)) keep(note);
    }
    if (o.stream) for await (const note of o.stream(again)) keep(note);
  }
  const returned = [...found.patients.values()];
  for (const p of returned) p.hits.push(...(themes.kept.get(p.patientId) ?? []));
  return { returned, notes: found.notes, patients: themes.seen.size };
}
