import { basename } from "node:path";
import { ARTEFACTS, artefactPath, artefactPaths as files, writeArtefactCsv, writeArtefactJson } from "../../io/artefacts.js";
import { wholeNumberFlag, type Stage, type StageContext } from "../stage.js";
import { groupFor } from "../../core/patients.js";
import { at, UserError } from "../../core/errors.js";
import type { ResolvedConfig } from "../../config/load.js";
import { findNoteFiles, readNotes } from "../../io/read-notes.js";
import { compareHits, termCounts } from "../../stages/search/collect.js";
import { searchNotes } from "../../stages/search/search-notes.js";
import { CASE_GROUP } from "../../text/terms/terms.js";
import { loadPatients, loadTerms, notesOptions, notesPatterns, stageDir } from "../study.js";
import { writeSearchWorkbook } from "../../stages/search/write-search-workbook.js";
import { termHitLines, termHits, type ListedTerm } from "../../stages/search/term-hits.js";
import type { Term } from "../../text/terms/terms.js";
import { parseShard } from "../../stages/search/shard.js";
import { sha256 } from "../../core/hash.js";
import { RETURNED_NOTES_FILE } from "../../io/returned-notes/format.js";
import { DuplicateNoteId, NoteSpool } from "../../io/returned-notes/spool.js";
import { filesSource, omopSource, type NotesSource } from "../../io/returned-notes/source.js";
import { readOmopNotes } from "../../io/omop/read-notes.js";
import { thousands } from "../../core/message.js";

const PATIENT_COLUMNS = ARTEFACTS.returnedPatients.columns;

/** The export's two lines of a note id used twice by one patient, as one message (read again, only on this error path). */
async function duplicateAt(err: DuplicateNoteId, config: ResolvedConfig, ctx: StageContext): Promise<UserError> {
  const lines: string[] = [];
  for await (const note of readNotes(notesPatterns(config), ctx.cwd, { ...notesOptions(config, ctx.log), warn: () => undefined }, config.patients)) {
    if (note.patientId === err.patientId && note.noteId === err.noteId) lines.push(at(note.source.file, note.source.line));
    if (lines.length === 2) break;
  }
  if (lines.length < 2) return err;
  return new UserError(`${lines[1]}: note id ${err.noteId} of patient ${err.patientId} is already used at ${lines[0]} (note ids must be unique within a patient: fix the export)`);
}

async function run(ctx: StageContext, cmdOpts: Record<string, unknown>): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const shard = typeof cmdOpts.shard === "string" ? parseShard(cmdOpts.shard) : undefined;
  const terms = loadTerms(config);
  const fromDatabase = config.source === "omop";
  // From files, a bad patients file stops the search before it starts; from a database, only the
  // returned patients are read from the person table, after the search.
  let patients = fromDatabase ? undefined : await loadPatients(config, ctx.log);
  const inputs = fromDatabase ? [] : await findNoteFiles(notesPatterns(config), ctx.cwd, config.patients);
  const threads = wholeNumberFlag(cmdOpts.threads, "--threads", 1, 64) ?? 0;
  const dir = stageDir(config, "search");
  // Read before the search, so a file changed while it runs is seen as changed by the later stages.
  const source: NotesSource = fromDatabase ? omopSource(config.omop) : filesSource(inputs.map((f) => f.path));
  const spool = new NoteSpool(artefactPath(config.out, "returnedNotes"), fromDatabase ? "the note table" : inputs.length === 1 ? inputs[0].path : "the notes export");
  let found;
  try {
    found = await searchNotes({
      inputs,
      notes: notesOptions(config, ctx.log),
      terms,
      kwicWidth: config.kwicWidth,
      ...(shard ? { shard } : {}),
      threads,
      progress: (m, done) => ctx.log.progress(m, done),
      notesTo: spool,
      ...(fromDatabase ? { stream: (ids?: ReadonlySet<string>) => readOmopNotes(config.omop, ids) } : {}),
    });
  } catch (err) {
    spool.discard();
    throw err;
  }
  const returned = found.returned.sort((a, b) => (a.patientId < b.patientId ? -1 : 1));
  patients ??= await loadPatients(config, ctx.log, new Set(returned.map((p) => p.patientId)));
  const patientRows = returned.map((p) => {
    const caseHits = p.hits.filter((h) => h.group === CASE_GROUP);
    return { patient_id: p.patientId, group: groupFor(patients, p.patientId), n_notes_hit: p.notesHit.size, n_hits: caseHits.length, terms: termCounts(caseHits) };
  });
  const hits = returned.flatMap((p) => p.hits).sort(compareHits);
  writeArtefactCsv(config.out, "returnedPatients", patientRows.map((r) => PATIENT_COLUMNS.map((c) => r[c])));
  writeArtefactCsv(
    config.out,
    "hits",
    hits.map((h) => [h.patientId, h.noteId, h.date, h.term, h.group, h.start, h.end, h.left, h.match, h.right, h.noteType]),
  );
  try {
    spool.finish();
  } catch (err) {
    throw err instanceof DuplicateNoteId && !fromDatabase ? await duplicateAt(err, config, ctx) : err;
  }
  writeArtefactJson(config.out, "notesSource", source);
  const perTerm = termHits(listedTerms(terms), hits);
  await writeSearchWorkbook(artefactPath(config.out, "searchWorkbook"), patientRows, hits, perTerm);
  if (shard) {
    // What merge checks before combining shards: same terms, same inputs, every shard of the same N.
    const notes = source.kind === "files" ? source.files.map((f) => f.path) : [`${source.database} ${source.schema}.note`];
    const about = {
      shard: shard.k,
      of: shard.n,
      terms: sha256(terms.map((t) => `${t.group}\u0000${t.text}`).join("\n")),
      term_list: listedTerms(terms),
      notes,
      notes_read: found.notes,
      patients: found.patients,
    };
    writeArtefactJson(config.out, "shard", about);
  }

  const summary = {
    files: inputs.length,
    notes: found.notes,
    patients: found.patients,
    returned: returned.length,
    hits: hits.filter((h) => h.group === CASE_GROUP).length,
    theme_hits: hits.filter((h) => h.group !== CASE_GROUP).length,
    hits_per_term: Object.fromEntries(perTerm.filter((t) => t.group === CASE_GROUP).map((t) => [t.term, t.hits])),
    terms: perTerm.map(({ group, term, hits: n, patients: p }) => ({ group, term, hits: n, patients: p })),
    groups: countGroups(patientRows.map((r) => r.group)),
    out: dir,
    ...(shard ? { shard: `${shard.k}/${shard.n}` } : {}),
  };
  const count = (n: number, what: string) => `${thousands(n)} ${what}${n === 1 ? "" : "s"}`;
  ctx.log.info(
    `search: read ${count(summary.files, "file")}, ${count(summary.notes, "note")} of ${count(summary.patients, "patient")}; ` +
      `${count(summary.returned, "patient")} returned (${summary.groups.adult} adult, ${summary.groups.child} child, ${summary.groups.unknown} unknown) with ${count(summary.hits, "hit")}`,
  );
  for (const line of termHitLines(perTerm)) ctx.log.info(line);
  const unused = perTerm.filter((t) => t.hits === 0).length;
  if (unused > 0) ctx.log.info(`search: ${unused} of ${perTerm.length} terms matched nothing (listed in search.xlsx, sheet Terms): check them for typos`);
  ctx.log.info(`search: wrote ${dir}/patients.csv, hits.csv, search.xlsx, and the returned patients' notes for the later stages (${RETURNED_NOTES_FILE})`);
  return { summary };
}

/** The terms as the Terms sheet lists them: group, text and where each is written. */
export function listedTerms(terms: readonly Term[]): ListedTerm[] {
  return terms.map((t) => ({ group: t.group, term: t.text, at: `${basename(t.file)}:${t.line}` }));
}

function countGroups(groups: string[]): Record<"adult" | "child" | "unknown", number> {
  const out = { adult: 0, child: 0, unknown: 0 };
  for (const g of groups) out[g as keyof typeof out]++;
  return out;
}

/** Stage 1, search: every patient the case-finding terms name, each hit in context, and the returned patients' notes for the later stages. */
export const searchStage: Stage = {
  name: "search",
  requires: [],
  reads: [],
  // notes.jsonl: the returned patients' notes, which the later stages read instead of the export;
  // notes-source.json: the export files as search read them, which they check first.
  produces: files("returnedPatients", "hits", "searchWorkbook", "returnedNotes", "notesSource"),
  usesNotes: true,
  usesPatients: true,
  rules: ["terms"],
  settings: ["columns", "encoding", "delimiter", "kwicWidth", "childAgeCutoff", "patients", "source", "omop"],
  options: [
    { flags: "--shard <k/n>", description: "search only shard K of N (patients split by a hash of their id); combine the N outputs with notes-analyse merge" },
    {
      flags: "--threads <n>",
      description: "threads searching CSV/TSV notes (default: one per core when the CSV/TSV notes come to 192 MB or more, else 1; 1 searches without worker threads)",
    },
  ],
  run,
};
