import { UserError } from "../../core/errors.js";
import type { Note } from "../../core/types.js";
import { parseNoteLine } from "./format.js";
import { byteLines } from "./lines.js";

/** A line of a returned-notes file as a note, or a clear error naming the line. */
export function noteAt(file: string, bytes: Buffer, line: number): Note {
  const note = parseNoteLine(bytes.toString("utf8"), file, line);
  if (!note) throw new UserError(`${file}:${line}: not a note as search writes them (run notes-analyse search again)`);
  return note;
}

/** Read errors of a returned-notes file as one line asking for search again. */
export function readProblem(file: string, err: unknown): unknown {
  if (err instanceof UserError) return err;
  return new UserError(`${file}: cannot read the notes search kept (${(err as NodeJS.ErrnoException).code ?? "error"}); run notes-analyse search again`);
}

/**
 * The notes of the wanted patients from a returned-notes file, by patient, in the file's order (which
 * is the order the stages read them in). Lines are split on their line feeds, which JSON never leaves
 * inside a value.
 */
export async function readReturnedNotes(file: string, wanted: ReadonlySet<string>): Promise<Map<string, Note[]>> {
  const out = new Map<string, Note[]>();
  try {
    for await (const { bytes, line } of byteLines(file)) {
      if (bytes.length === 0) continue;
      const note = noteAt(file, bytes, line);
      if (!wanted.has(note.patientId)) continue;
      const list = out.get(note.patientId);
      if (list) list.push(note);
      else out.set(note.patientId, [note]);
    }
  } catch (err) {
    throw readProblem(file, err);
  }
  return out;
}
