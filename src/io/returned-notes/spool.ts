import { closeSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { tempPathFor } from "../atomic-write.js";
import { UserError } from "../../core/errors.js";
import { compareStored, noteLine, type StoredNote } from "./format.js";

/** Two notes of one patient under one id: an input error, which search names by file and line. */
export class DuplicateNoteId extends UserError {
  constructor(
    source: string,
    readonly patientId: string,
    readonly noteId: string,
  ) {
    super(`${source}: note id ${noteId} of patient ${patientId} appears twice (note ids must be unique within a patient: fix the export, then run search again)`);
    this.name = "DuplicateNoteId";
  }
}

interface Entry {
  patientId: string;
  date: string;
  noteId: string;
  offset: number;
  length: number;
}

/** Bytes copied from the spool to the file per read. */
const COPY_BYTES = 4 << 20;

/**
 * Collects the returned patients' notes while search reads the export, and writes them to the
 * returned-notes file in its order. The notes go to a temporary file as they come, and only a small
 * entry per note (its sort keys and where its line is) stays in memory, so memory does not follow the
 * returned patients' notes, which can run to gigabytes in a large study.
 */
export class NoteSpool {
  private readonly tmp: string;
  private fd: number;
  private size = 0;
  private entries: Entry[] = [];

  /**
   * @param path the returned-notes file to write in the end
   * @param source how to name the export in a message (its file, or the database)
   */
  constructor(
    private readonly path: string,
    private readonly source = "the notes export",
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = tempPathFor(path);
    this.fd = openSync(this.tmp, "w+");
  }

  /** Notes of a returned patient, in reading order. */
  add(notes: readonly StoredNote[]): void {
    if (notes.length === 0) return;
    const lines = notes.map(noteLine);
    const buf = Buffer.from(lines.join(""), "utf8");
    let offset = this.size;
    notes.forEach((n, i) => {
      const length = Buffer.byteLength(lines[i], "utf8");
      this.entries.push({ patientId: n.patientId, date: n.date, noteId: n.noteId, offset, length });
      offset += length;
    });
    for (let done = 0; done < buf.length; ) done += writeSync(this.fd, buf, done, buf.length - done, this.size + done);
    this.size += buf.length;
  }

  /** Forget the notes of these patients (their lines stay in the spool, unused). */
  drop(patientIds: ReadonlySet<string>): void {
    if (patientIds.size > 0) this.entries = this.entries.filter((e) => !patientIds.has(e.patientId));
  }

  /** Forget every note. */
  clear(): void {
    this.entries = [];
    this.size = 0;
    ftruncateSync(this.fd, 0);
  }

  /** How many notes are kept. */
  get count(): number {
    return this.entries.length;
  }

  /**
   * Write the file (atomically, in its order) and remove the spool. Two notes of one patient under one
   * note id are an input error: later stages would share their extracts and decisions.
   */
  finish(): void {
    const entries = this.entries.slice().sort(compareStored);
    const seen = new Set<string>();
    for (const e of entries) {
      const key = `${e.patientId}\u0000${e.noteId}`;
      if (seen.has(key)) {
        this.discard();
        throw new DuplicateNoteId(this.source, e.patientId, e.noteId);
      }
      seen.add(key);
    }
    const tmp = tempPathFor(this.path);
    const out = openSync(tmp, "w");
    try {
      const buf = Buffer.allocUnsafe(COPY_BYTES);
      let i = 0;
      while (i < entries.length) {
        // Lines that follow one another in the spool are copied in one read.
        let j = i + 1;
        let length = entries[i].length;
        while (j < entries.length && entries[j].offset === entries[j - 1].offset + entries[j - 1].length && length + entries[j].length <= COPY_BYTES) {
          length += entries[j].length;
          j++;
        }
        const into = length <= COPY_BYTES ? buf : Buffer.allocUnsafe(length);
        let got = 0;
        while (got < length) {
          const n = readSync(this.fd, into, got, length - got, entries[i].offset + got);
          if (n === 0) throw new Error(`${this.tmp}: shorter than expected`);
          got += n;
        }
        for (let done = 0; done < length; ) done += writeSync(out, into, done, length - done);
        i = j;
      }
      closeSync(out);
      renameSync(tmp, this.path);
    } catch (err) {
      try {
        closeSync(out);
      } catch {
        // already closed
      }
      rmSync(tmp, { force: true });
      throw err;
    } finally {
      this.discard();
    }
  }

  /** Remove the spool without writing the file. */
  discard(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
    }
    rmSync(this.tmp, { force: true });
  }
}
