import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";
import { readCsv } from "../helpers/csv.js";
import { inputErrorProblems, streamProblems } from "./harness/checks.js";
import { runCli, seeds } from "./harness/run.js";
import { makeStudy, type Study } from "./harness/study.js";
import { decisionsOf, fillDecisions, SCREENING } from "./harness/workbook.js";

/**
 * Issue 14, problems 3, 6, 7, 8 and 12: what the readers make of duplicate note ids, files without a
 * header, patient ids that start like a formula, carriage returns in cells, UTF-16, lone CR line ends,
 * impossible dates and records missing keys. Every study is generated from a seed.
 */

const search = (s: Study, args = s.args) => runCli(["search", ...args], s.dir);
const swap = (s: Study, from: string, to: string) => s.args.map((a) => (a === from ? to : a));

describe.each(seeds(1, 51))("input errors name file:line and never the note, seed %i", (seed) => {
  it("two notes of one patient with one id: both lines named, nothing merged (3)", () => {
    const s = makeStudy({ seed, patients: 12, duplicateNoteId: true });
    const d = s.duplicate!;
    // Search keeps the returned patients' notes for the later stages: it is where the duplicate is found.
    const r = search(s);
    expect(inputErrorProblems(r, `notes.csv:${d.lines[1]}`), r.stderr).toEqual([]);
    expect(r.stderr).toContain(`notes.csv:${d.lines[0]}`);
    expect(r.stderr).toContain(`note id ${d.noteId}`);
    expect(streamProblems(r, s.markers)).toEqual([]);
    // A stage reading the export itself (an eligible list naming patients search did not keep) says the same.
    const c = runCli(["code", "--eligible", s.patientsFile, ...s.args], s.dir);
    expect(inputErrorProblems(c, `notes.csv:${d.lines[1]}`), c.stderr).toEqual([]);
    expect(c.stderr).toContain(`notes.csv:${d.lines[0]}`);
  });

  it("a notes file, patients file or eligible list without a header: the field count, no note text (6)", () => {
    const s = makeStudy({ seed, patients: 8 });
    const rng = createRandom(`${seed}-header`);
    const body = readFileSync(s.notes, "utf8").split("\n").slice(1).join("\n");
    writeFileSync(join(s.dir, "nohead.csv"), body);
    writeFileSync(join(s.dir, "nohead.tsv"), body.replace(/,/g, "\t"));
    const cols = 20_000 + rng.int(80_000);
    writeFileSync(join(s.dir, "wide.csv"), `${Array.from({ length: cols }, (_, i) => `c${i}`).join(",")}\n`);
    writeFileSync(join(s.dir, "nul.csv"), Buffer.alloc(1000 + rng.int(30_000)));
    writeFileSync(join(s.dir, "patients-nohead.csv"), readFileSync(s.patientsFile, "utf8").split("\n").slice(1).join("\n"));
    for (const [file, args] of [
      ["nohead.csv", swap(s, s.notes, join(s.dir, "nohead.csv"))],
      ["nohead.tsv", swap(s, s.notes, join(s.dir, "nohead.tsv"))],
      ["wide.csv", swap(s, s.notes, join(s.dir, "wide.csv"))],
      ["nul.csv", swap(s, s.notes, join(s.dir, "nul.csv"))],
      ["patients-nohead.csv", swap(s, s.patientsFile, join(s.dir, "patients-nohead.csv"))],
    ] as const) {
      const r = search(s, args);
      expect(inputErrorProblems(r, file), `${file}: ${r.stderr}`).toEqual([]);
      expect(streamProblems(r, s.markers), file).toEqual([]);
    }
    const r = search(s, swap(s, s.notes, join(s.dir, "nohead.csv")));
    expect(r.stderr).toContain("the first row does not look like a header: 5 fields");
  });

  it("a date of birth after first contact, an impossible date in a .txt name, a JSONL record missing keys: file:line (12)", () => {
    const s = makeStudy({ seed, patients: 6 });
    const rng = createRandom(`${seed}-dates`);
    const bad = 2 + rng.int(s.ids.length);
    writeFileSync(
      join(s.dir, "dob.csv"),
      `patient_id,date_of_birth,first_contact_date\n${s.ids.map((id, i) => `${id},${i + 2 === bad ? "2012-05-01" : "1990-01-01"},2010-03-0${1 + (i % 9)}`).join("\n")}\n`,
    );
    let r = search(s, swap(s, s.patientsFile, join(s.dir, "dob.csv")));
    expect(inputErrorProblems(r, `dob.csv:${bad}`), r.stderr).toEqual([]);

    const txt = join(s.dir, "txt");
    mkdirSync(join(txt, "P1"), { recursive: true });
    const day = 30 + rng.int(2);
    writeFileSync(join(txt, "P1", `2019-02-${day}_n1.txt`), "She was trafficked.");
    r = search(s, swap(s, s.notes, join(txt, "**", "*.txt")));
    expect(inputErrorProblems(r, `2019-02-${day}_n1.txt`), r.stderr).toEqual([]);

    const missingAt = 2 + rng.int(5);
    const records = Array.from({ length: 7 }, (_, i) =>
      JSON.stringify(i + 1 === missingAt ? { patient_id: "P1", note_id: `N${i}`, date: "2015-01-01" } : { patient_id: "P1", note_id: `N${i}`, date: "2015-01-01", text: `zq${i} was trafficked` }),
    );
    writeFileSync(join(s.dir, "notes.jsonl"), `${records.join("\n")}\n`);
    r = search(s, swap(s, s.notes, join(s.dir, "notes.jsonl")));
    expect(inputErrorProblems(r, `notes.jsonl:${missingAt}`), r.stderr).toEqual([]);
  });

  it("a file with lone CR line ends: errors name the right line (12)", () => {
    const s = makeStudy({ seed, patients: 10 });
    // one line a row (the text's own line breaks made spaces), rows ended by CR alone, one bad date
    const notes = readCsv(s.notes);
    const bad = 2 + createRandom(`${seed}-cr`).int(notes.length);
    const lines = ["patient_id,note_id,date,text", ...notes.map((n, i) => [n.patient_id, n.note_id, i + 2 === bad ? "2015-13-45" : n.date, `"${n.text.replace(/\s+/g, " ")}"`].join(","))];
    writeFileSync(join(s.dir, "cr.csv"), `${lines.join("\r")}\r`);
    const r = search(s, swap(s, s.notes, join(s.dir, "cr.csv")));
    expect(inputErrorProblems(r, `cr.csv:${bad}`), r.stderr).toEqual([]);
  });
});

describe.each(seeds(1, 61))("the same results from other encodings and hostile ids, seed %i", (seed) => {
  it("reads UTF-16 term, notes, JSONL, .txt and patients files as their UTF-8 versions (12)", () => {
    const s = makeStudy({ seed, patients: 10 });
    expect(search(s).code).toBe(0);
    const want = readFileSync(join(s.out, "01-search", "patients.csv"), "utf8");
    const wantHits = readFileSync(join(s.out, "01-search", "hits.csv"), "utf8");
    const enc = createRandom(`${seed}-enc`).pick(["utf-16le", "utf-16be"] as const);
    const utf16 = (file: string) => {
      const to = file.replace(/(\.\w+)$/, `-16$1`);
      const bom = enc === "utf-16le" ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]);
      writeFileSync(to, Buffer.concat([bom, iconv.encode(readFileSync(file, "utf8"), enc)]));
      return to;
    };
    let args = swap(s, s.terms, utf16(s.terms));
    args = args.map((a) => (a === s.notes ? utf16(s.notes) : a === s.patientsFile ? utf16(s.patientsFile) : a));
    const out16 = join(s.dir, "out16");
    const r = search(s, args.map((a) => (a === s.out ? out16 : a)));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out16, "01-search", "patients.csv"), "utf8")).toBe(want);
    expect(readFileSync(join(out16, "01-search", "hits.csv"), "utf8")).toBe(wantHits);

    // the same notes as JSON Lines and as .txt files, both in UTF-16
    const notes = readCsv(s.notes);
    writeFileSync(join(s.dir, "n.jsonl"), `${notes.map((n) => JSON.stringify(n)).join("\n")}\n`);
    const txt = join(s.dir, "txt16");
    for (const n of notes.slice(0, 4)) {
      mkdirSync(join(txt, n.patient_id.replace(/[/\\]/g, "_")), { recursive: true });
      writeFileSync(join(txt, n.patient_id.replace(/[/\\]/g, "_"), `${n.date}_${n.note_id}.txt`), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(n.text, "utf-16le")]));
    }
    for (const [what, notesArg] of [["jsonl", utf16(join(s.dir, "n.jsonl"))], ["txt", txt]] as const) {
      const o = join(s.dir, `out-${what}`);
      const x = search(s, s.args.map((a) => (a === s.notes ? notesArg : a === s.out ? o : a)));
      expect(x.code, `${what}: ${x.stderr}`).toBe(0);
      const got = readCsv(join(o, "01-search", "hits.csv")).map((h) => `${h.note_id} ${h.match}`);
      expect(got.length, what).toBeGreaterThan(0);
      expect(got.some((g) => /trafficked/i.test(g)), what).toBe(true);
    }
  });

  it("patient ids starting = + - @ keep their evidence and decisions through every stage (7)", async () => {
    const s = makeStudy({ seed, patients: 16, hostileIds: true });
    expect(s.ids.some((id) => /^[=+\-@]/.test(id))).toBe(true);
    expect(search(s).code).toBe(0);
    expect(runCli(["screen", ...s.args], s.dir).code).toBe(0);
    const suggestions = readCsv(join(s.out, "02-screening", "suggestions.csv"));
    expect(suggestions.length).toBe(s.returned.length);
    for (const row of suggestions) expect(row.evidence, row.patient_id).not.toBe("");
    const book = join(s.out, "02-screening", "screening.xlsx");
    const typed = await fillDecisions(book, SCREENING, createRandom(seed), 1);
    const r = runCli(["screen", ...s.args], s.dir);
    expect(r.code, r.stderr).toBe(0);
    const kept = await decisionsOf(book, SCREENING);
    for (const [id, d] of typed) expect(kept.get(id), id).toBe(d);
    // the eligible list as consensus writes it: ids guarded against formulas
    const eligible = join(s.dir, "eligible.csv");
    writeFileSync(eligible, `patient_id,group\n${s.returned.map((id) => `${/^[=+\-@]/.test(id) ? `'${id}` : id},adult`).join("\n")}\n`);
    const id = runCli(["identify", ...s.args, "--eligible", eligible, "--no-sample"], s.dir);
    expect(id.code, id.stderr).toBe(0);
    const routes = readCsv(join(s.out, "03-identification", "routes.csv"));
    expect(routes.length).toBe(s.returned.length);
    for (const row of routes) expect(row.evidence, row.patient_id).not.toBe("");
  });

  it("a carriage return in note_type: identify reads back the workbook it wrote, every run (8)", () => {
    const s = makeStudy({ seed, patients: 10, crNoteTypes: true });
    expect(search(s).code).toBe(0);
    const eligible = join(s.dir, "eligible.csv");
    writeFileSync(eligible, `patient_id\n${s.returned.join("\n")}\n`);
    for (let i = 0; i < 2; i++) {
      const r = runCli(["identify", ...s.args, "--eligible", eligible], s.dir);
      expect(r.code, `run ${i + 1}: ${r.stderr}`).toBe(0);
    }
  });
});
