import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandom, type Random } from "../../../src/core/random.js";

/** What a generated study can be made to hold. */
export interface StudyOptions {
  seed: number | string;
  /** Patients (about half are returned by the case term). */
  patients?: number;
  /** Patient ids beginning with = + - @ (as base64 pseudonyms do). */
  hostileIds?: boolean;
  /** note_type values holding a carriage return. */
  crNoteTypes?: boolean;
  /** One returned patient gets two notes with the same id. */
  duplicateNoteId?: boolean;
}

/** A generated study folder: notes, patients, terms, and the markers that tag every note's text. */
export interface Study {
  dir: string;
  out: string;
  notes: string;
  patientsFile: string;
  terms: string;
  /** Flags that point a command at this study. */
  args: string[];
  ids: string[];
  /** Ids returned by the case term. */
  returned: string[];
  /** A unique word in each note's text: none may ever appear in a message. */
  markers: string[];
  /** The line (1-based) of each note in notes.csv, by patient id and note id. */
  lines: Map<string, number>;
  rng: Random;
  /** With duplicateNoteId: the patient, the id, and the lines of notes.csv that share it. */
  duplicate?: { patientId: string; noteId: string; lines: [number, number] };
}

const PREFIXES = ["=", "+", "-", "@"];
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A patient id: a pseudonym, sometimes starting with a formula character when `hostile`. */
function patientId(rng: Random, i: number, hostile: boolean): string {
  const body = Array.from({ length: 6 }, () => B64[rng.int(62)]).join("");
  if (hostile && rng.chance(0.5)) return `${rng.pick(PREFIXES)}${body}${i}`;
  return `P${body}${i}`;
}

/** A sentence of note text around a unique marker; `hit` puts the case term in it. */
function noteText(rng: Random, marker: string, hit: boolean): string {
  const open = rng.pick(["Seen in clinic today.", "Telephone review.", "Letter from GP received.", "Ward round note."]);
  const mid = hit
    ? rng.pick(["She said she had been trafficked to the UK", "He was trafficked for labour", "Reports being trafficked by an agent"])
    : rng.pick(["Mood low, sleeping poorly", "Discussed medication", "No concerns raised today"]);
  const tail = rng.pick(["Plan: review in two weeks.", "Home Office appeal pending.", "Will liaise with social services."]);
  return `${open} ${marker} ${mid}.\n${tail}`;
}

/** Make a study folder in a fresh temp folder, from a seed: the same seed gives the same files. */
export function makeStudy(o: StudyOptions): Study {
  const rng = createRandom(o.seed);
  const dir = mkdtempSync(join(tmpdir(), "na-fault-"));
  const n = o.patients ?? 24;
  const ids = Array.from({ length: n }, (_, i) => patientId(rng, i, Boolean(o.hostileIds)));
  const rows: string[] = ["patient_id,note_id,date,text,note_type"];
  const markers: string[] = [];
  const lines = new Map<string, number>();
  const returned: string[] = [];
  let noteNo = 0;
  let line = 2;
  ids.forEach((id, i) => {
    const hit = i % 2 === 0;
    if (hit) returned.push(id);
    const k = 1 + rng.int(3);
    for (let j = 0; j < k; j++) {
      const marker = `zq${rng.int(0xffffff).toString(16).padStart(6, "0")}x${noteNo}`;
      markers.push(marker);
      const noteId = `N${noteNo++}`;
      const type = o.crNoteTypes ? rng.pick(["Event\r", "Letter\rscanned", "\rWard"]) : rng.pick(["Event", "Letter", "Assessment"]);
      const text = noteText(rng, marker, hit && j === 0);
      lines.set(`${id}\u0000${noteId}`, line);
      rows.push([id, noteId, `2015-0${1 + rng.int(9)}-1${rng.int(10)}`, text, type].map(csvField).join(","));
      line += 1 + (text.match(/\n/g)?.length ?? 0) + (type.match(/\r(?!\n)/g)?.length ?? 0);
    }
  });
  let duplicate: Study["duplicate"];
  if (o.duplicateNoteId) {
    // A second note under the id of one of a returned patient's notes, at the end of the export.
    const id = rng.pick(returned);
    const [key, first] = [...lines.entries()].find(([k]) => k.startsWith(`${id}\u0000`))!;
    const noteId = key.split("\u0000")[1];
    const marker = `zq${rng.int(0xffffff).toString(16).padStart(6, "0")}d`;
    markers.push(marker);
    rows.push([id, noteId, "2016-01-01", noteText(rng, marker, true), "Event"].map(csvField).join(","));
    duplicate = { patientId: id, noteId, lines: [first, line] };
  }
  const notes = join(dir, "notes.csv");
  writeFileSync(notes, `${rows.join("\n")}\n`);
  const patientsFile = join(dir, "patients.csv");
  writeFileSync(patientsFile, `patient_id,gender,age_at_first_contact\n${ids.map((id) => [id, rng.pick(["Female", "Male"]), String(12 + rng.int(40))].map(csvField).join(",")).join("\n")}\n`);
  const terms = join(dir, "terms.txt");
  writeFileSync(terms, "trafficked\n[immigration]\nHome Office\n");
  const out = join(dir, "out");
  mkdirSync(out, { recursive: true });
  return { duplicate, dir, out, notes, patientsFile, terms, args: ["--preset", "south-london-2015", "--notes", notes, "--patients", patientsFile, "--terms", terms, "--out", out], ids, returned, markers, lines, rng };
}
