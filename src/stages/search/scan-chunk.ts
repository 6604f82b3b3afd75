import { isUtf8 } from "node:buffer";
import { isCalendarDate, normaliseDate } from "../../io/dates.js";
import { fieldValue, type TextEncoding } from "../../io/csv/decode.js";
import { countLines } from "../../io/csv/frame.js";
import { noteFromRow } from "../../io/note-row.js";
import { CsvRowSplitter, CsvSyntaxError, type CsvFault } from "../../io/csv/rows.js";
import { hitRows, type HitRow, type NoteFields } from "./collect.js";
import { compileMatcher, type Matcher } from "../../text/terms/match.js";
import { AnchorScanner, caseAnchors } from "./prefilter.js";
import { inShard, type Shard } from "./shard.js";
import { CASE_GROUP, type Term } from "../../text/terms/terms.js";

/** How to read the rows of one notes file; plain data, so it can be sent to a worker thread. */
export interface ScanSettings {
  file: string;
  delimiter: number;
  encoding: TextEncoding;
  /** The encoding was guessed: report a chunk that is not valid UTF-8 instead of reading it. */
  checkUtf8: boolean;
  /** Fields in the header. */
  fields: number;
  /** Field index of each column (noteType −1 when the export has none) and the export's names for messages. */
  index: { patient: number; note: number; date: number; text: number; noteType: number };
  names: { patient: string; date: string };
  kwicWidth: number;
  shard?: Shard;
  terms: Term[];
}

/** Consecutive notes of one patient in a chunk. */
export interface PatientRun {
  patientId: string;
  /** How many notes the run has. */
  count: number;
  /**
   * Every hit (case and theme) of the run's notes, in note order, when the run has a case hit or is the
   * first or last of its chunk (it may continue a neighbour's run that has one); otherwise empty.
   */
  hits: HitRow[];
  /** The run's notes, decoded, whenever its hits are given (see hits); otherwise empty. */
  notes: NoteFields[];
  /** The run's notes had a case hit. */
  returned: boolean;
}

/** What is wrong with a row, and where: `line` counts line feeds from the chunk's start (0 on its first line). */
export type ScanProblem =
  | { line: number; kind: "csv"; fault: CsvFault }
  | { line: number; kind: "fields"; found: number; expected: number }
  | { line: number; kind: "date" }
  | { line: number; kind: "patient" };

export interface ChunkScan {
  runs: PatientRun[];
  /** The first problem (the rows after it are not read). */
  problem?: ScanProblem;
  /**
   * Hits of notes without an id: runs[run].hits[hit] is on line `line` of the chunk (counted as for
   * problems); its noteId is filled in from the line once the chunk's first line is known.
   */
  unnamed?: { run: number; hit: number; line: number }[];
  /** Notes without an id among the runs' notes: runs[run].notes[note] is on line `line` of the chunk. */
  unnamedNotes?: { run: number; note: number; line: number }[];
  /** The chunk is not valid UTF-8 (only when checkUtf8). */
  invalidUtf8?: boolean;
}

const digit = (c: number) => c >= 48 && c <= 57;

/**
 * Are the `n` bytes at `a` the same as the `m` at `b`? A loop, not Buffer.compare: a patient id is a few
 * bytes, and the native call costs more than comparing them, once per row.
 */
function sameBytes(buf: Buffer, a: number, b: number, n: number, m: number): boolean {
  if (n !== m) return false;
  for (let i = 0; i < n; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** Is buf[s, e) a plain yyyy-mm-dd date (the common case, checked without decoding)? */
function isIsoDate(buf: Buffer, s: number, e: number): boolean {
  if (e - s !== 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return false;
  if (!(digit(buf[s]) && digit(buf[s + 1]) && digit(buf[s + 2]) && digit(buf[s + 3]))) return false;
  if (!(digit(buf[s + 5]) && digit(buf[s + 6]) && digit(buf[s + 8]) && digit(buf[s + 9]))) return false;
  const y = (buf[s] - 48) * 1000 + (buf[s + 1] - 48) * 100 + (buf[s + 2] - 48) * 10 + (buf[s + 3] - 48);
  const m = (buf[s + 5] - 48) * 10 + (buf[s + 6] - 48);
  const d = (buf[s + 8] - 48) * 10 + (buf[s + 9] - 48);
  return isCalendarDate(y, m, d);
}

/**
 * Searches chunks of whole rows of a notes file. It stays with the search rather than in src/io because
 * reading rows and searching them are fused on the raw bytes: a note is decoded only when the case
 * anchors pass (what keeps search within a few times ripgrep's time, `npm run bench`); the CSV splitter,
 * decoding, the worker pool and the rules that turn a row into a note (`io/note-row.ts`) are io's and
 * shared with the streamed reader. The case anchors (see prefilter.ts) are found in the chunk's raw
 * bytes in one pass, and each note's text is tested against those in it; only notes that pass are
 * decoded and matched in full.
 * Theme terms matter only for returned patients, so a run of a patient's notes is matched in full only
 * when it has a case hit or touches the chunk's edge.
 */
export class ChunkScanner {
  private readonly rows: CsvRowSplitter;
  private readonly again: CsvRowSplitter;
  private readonly matcher: Matcher;
  private readonly anchors: AnchorScanner | null;

  constructor(private readonly s: ScanSettings) {
    this.rows = new CsvRowSplitter(s.delimiter);
    this.again = new CsvRowSplitter(s.delimiter);
    this.matcher = compileMatcher(s.terms);
    const anchors = caseAnchors(s.terms.filter((t) => t.group === CASE_GROUP));
    this.anchors = anchors ? new AnchorScanner(anchors) : null;
  }

  /**
   * Search one chunk. Line numbers are counted only when something needs one (a problem, a note
   * without an id), and relative to the chunk: the caller knows where the chunk starts.
   */
  scan(buf: Buffer): ChunkScan {
    const s = this.s;
    if (s.checkUtf8 && !isUtf8(buf)) return { runs: [], invalidUtf8: true };
    const rows = this.rows;
    // A second splitter re-reads the rows of a run when it ends, leaving the current row's fields alone.
    const again = this.again;
    const runs: PatientRun[] = [];
    const unnamed: NonNullable<ChunkScan["unnamed"]> = [];
    const unnamedNotes: NonNullable<ChunkScan["unnamedNotes"]> = [];
    let linePos = 0;
    let lineNo = 0;
    const lineOf = (offset: number) => {
      if (offset < linePos) [linePos, lineNo] = [0, 0];
      lineNo += countLines(buf, linePos, offset);
      linePos = offset;
      return lineNo;
    };
    // The row's bytes were checked already (date, patient): the shared rules only build the fields.
    const note = (rows: CsvRowSplitter, patientId: string): NoteFields => {
      const idx = s.index;
      const fields = noteFromRow({
        patient: patientId,
        note: fieldValue(rows, buf, idx.note, s.encoding),
        date: fieldValue(rows, buf, idx.date, s.encoding),
        text: fieldValue(rows, buf, idx.text, s.encoding),
        ...(idx.noteType >= 0 ? { noteType: fieldValue(rows, buf, idx.noteType, s.encoding) } : {}),
      });
      if ("fault" in fields) throw new Error(`a row passed the scanner's checks but not the note rules (${fields.fault})`);
      return fields;
    };

    // The current run: its patient, its rows and the hits of notes matched so far. Patients outside the
    // shard are skipped before runs are formed, so their rows do not break another patient's run.
    let run: PatientRun | undefined;
    const rowStarts: number[] = [];
    // Notes of the run already matched (those the prefilter let through): where they start, their hits.
    const matchedAt: number[] = [];
    const matchedNotes: NoteFields[] = [];
    const matchedHits: HitRow[][] = [];
    // The previous row's patient, with its bytes, so a patient's id is decoded once per run of rows.
    let lastId = "";
    let lastMine = false;
    let idStart = 0;
    let idEnd = -1;
    const endRun = (last: boolean) => {
      if (!run) return;
      if (run.returned || runs.length === 0 || last) {
        // Match every note of the run, in order, reusing what the prefilter already sent through.
        let m = 0;
        for (const start of rowStarts) {
          let hits: HitRow[];
          let fields: NoteFields;
          if (matchedAt[m] === start) {
            fields = matchedNotes[m];
            hits = matchedHits[m++];
          } else {
            again.next(buf, start);
            fields = note(again, run.patientId);
            hits = hitRows(fields, this.matcher, s.kwicWidth);
          }
          if (fields.noteId === "") {
            const line = lineOf(start);
            unnamedNotes.push({ run: runs.length, note: run.notes.length, line });
            for (let k = 0; k < hits.length; k++) unnamed.push({ run: runs.length, hit: run.hits.length + k, line });
          }
          run.notes.push(fields);
          run.hits.push(...hits);
        }
      }
      runs.push(run);
      run = undefined;
      rowStarts.length = 0;
      matchedAt.length = 0;
      matchedNotes.length = 0;
      matchedHits.length = 0;
    };

    const idx = s.index;
    // The anchors of the whole chunk, found in one pass; each note's text looks up its own.
    this.anchors?.endsIn(buf, 0, buf.length);
    let pos = 0;
    try {
      while (pos < buf.length) {
        const rowStart = pos;
        pos = rows.next(buf, pos);
        if (rows.isEmptyLine()) continue;
        if (rows.count !== s.fields) return { runs, problem: { line: lineOf(rowStart), kind: "fields", found: rows.count, expected: s.fields } };
        const ds = rows.start[idx.date];
        const de = rows.end[idx.date];
        if (!isIsoDate(buf, ds, de) && normaliseDate(fieldValue(rows, buf, idx.date, s.encoding)) === null) {
          return { runs, problem: { line: lineOf(rowStart), kind: "date" } };
        }
        // The patient: decoded only when the bytes differ from the previous row's.
        const ps = rows.start[idx.patient];
        const pe = rows.end[idx.patient];
        if (!(idEnd >= 0 && sameBytes(buf, idStart, ps, pe - ps, idEnd - idStart) && !rows.escaped[idx.patient])) {
          lastId = fieldValue(rows, buf, idx.patient, s.encoding).trim();
          if (lastId === "") return { runs, problem: { line: lineOf(rowStart), kind: "patient" } };
          lastMine = !s.shard || inShard(lastId, s.shard);
          [idStart, idEnd] = [ps, pe];
        }
        if (!lastMine) continue;
        if (!run || run.patientId !== lastId) {
          endRun(false);
          run = { patientId: lastId, count: 0, hits: [], notes: [], returned: false };
        }
        run.count++;
        rowStarts.push(rowStart);
        if (!this.anchors || this.anchors.hasAnchor(buf, rows.start[idx.text], rows.end[idx.text])) {
          const fields = note(rows, run.patientId);
          const hits = hitRows(fields, this.matcher, s.kwicWidth);
          matchedAt.push(rowStart);
          matchedNotes.push(fields);
          matchedHits.push(hits);
          if (hits.some((h) => h.group === CASE_GROUP)) run.returned = true;
        }
      }
    } catch (err) {
      if (err instanceof CsvSyntaxError) return { runs, problem: { line: lineOf(err.at), kind: "csv", fault: err.fault } };
      throw err;
    }
    endRun(true);
    return { runs, ...(unnamed.length > 0 ? { unnamed } : {}), ...(unnamedNotes.length > 0 ? { unnamedNotes } : {}) };
  }
}
