import { existsSync } from "node:fs";
import { ARTEFACTS, readOwnJson } from "../../io/artefacts.js";

const PATIENT_COLUMNS = ARTEFACTS.returnedPatients.columns;
const HIT_COLUMNS = ARTEFACTS.hits.columns;
import { join, resolve } from "node:path";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { UserError } from "../../core/errors.js";
import { readCsvRows } from "../../io/read-csv-rows.js";
import { writeCsv } from "../../io/write-csv.js";
import type { HitRow } from "../../stages/search/collect.js";
import { writeSearchWorkbook } from "../../stages/search/write-search-workbook.js";
import { termHits, type ListedTerm } from "../../stages/search/term-hits.js";
import { stageDir, STAGE_DIRS } from "../../pipeline/study.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { RETURNED_NOTES_FILE } from "../../io/returned-notes/format.js";
import { mergeReturnedNotes } from "../../io/returned-notes/merge.js";
import { NOTES_SOURCE_FILE, readNotesSource } from "../../io/returned-notes/source.js";
import { thousands } from "../../core/message.js";

interface ShardInfo {
  shard: number;
  of: number;
  terms: string;
  /** The term file's terms in order (written since the Terms sheet; absent in older shards). */
  term_list?: ListedTerm[];
  notes: string[];
  notes_read: number;
  patients: number;
}

function readShard(dir: string): ShardInfo {
  const path = join(dir, STAGE_DIRS.search, "shard.json");
  if (!existsSync(path)) throw new UserError(`${path}: not found (merge takes the --out folders of notes-analyse search --shard K/N)`);
  return readOwnJson(path, "written by search --shard; run that shard again") as ShardInfo;
}

/** Check the shards are 1..N of one split, searched with the same terms over the same notes. */
export function checkShards(infos: readonly { dir: string; info: ShardInfo }[]): void {
  const n = infos[0].info.of;
  const seen = new Map<number, string>();
  for (const { dir, info } of infos) {
    if (info.of !== n) throw new UserError(`${dir}: shard ${info.shard}/${info.of} is not one of ${n} like the first folder`);
    if (info.terms !== infos[0].info.terms) throw new UserError(`${dir}: searched with other terms than ${infos[0].dir} (run every shard with the same term file)`);
    if (JSON.stringify(info.notes) !== JSON.stringify(infos[0].info.notes)) throw new UserError(`${dir}: searched other notes files than ${infos[0].dir}`);
    if (seen.has(info.shard)) throw new UserError(`${dir}: shard ${info.shard}/${n} was given twice (also ${seen.get(info.shard)})`);
    seen.set(info.shard, dir);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length) throw new UserError(`shards ${missing.map((k) => `${k}/${n}`).join(", ")} are missing (give every shard's folder)`);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function run(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const config = ctx.config();
  const dirs = args.map((d) => resolve(ctx.cwd, d));
  const infos = dirs.map((dir) => ({ dir, info: readShard(dir) }));
  checkShards(infos);
  // Every shard must have read the same export, unchanged: the later stages check it against this.
  const sources = dirs.map((dir) => readNotesSource(join(dir, STAGE_DIRS.search, NOTES_SOURCE_FILE)));
  sources.forEach((s, i) => {
    if (JSON.stringify(s) !== JSON.stringify(sources[0])) throw new UserError(`${dirs[i]}: read the notes files at another size or time than ${dirs[0]} (the export changed while the shards ran: run them all again)`);
  });

  // A patient lives in exactly one shard, so rows are regrouped by patient and each patient's hits keep
  // the order its shard wrote them in: the result is what one unsharded search would have written.
  // Values come back (readCsvRows) as search had them before the CSV writer guarded them against
  // formulas, so the workbook shows the text itself and the CSVs are guarded again, the same way.
  const patients: { id: string; values: Record<string, string> }[] = [];
  const hits = new Map<string, Record<string, string>[]>();
  for (const dir of dirs) {
    const search = join(dir, STAGE_DIRS.search);
    for (const r of await readCsvRows(join(search, "patients.csv"), PATIENT_COLUMNS)) {
      const values = r.values;
      patients.push({ id: values.patient_id, values });
    }
    for (const r of await readCsvRows(join(search, "hits.csv"), HIT_COLUMNS)) {
      const values = r.values;
      const list = hits.get(values.patient_id) ?? [];
      list.push(values);
      hits.set(values.patient_id, list);
    }
  }
  patients.sort(byId);
  const hitRows = patients.flatMap((p) => hits.get(p.id) ?? []);
  const out = stageDir(config, "search");
  await mergeReturnedNotes(dirs.map((d) => join(d, STAGE_DIRS.search, RETURNED_NOTES_FILE)), join(out, RETURNED_NOTES_FILE));
  writeFileAtomic(join(out, NOTES_SOURCE_FILE), `${JSON.stringify(sources[0], null, 2)}\n`);
  writeCsv(join(out, "patients.csv"), PATIENT_COLUMNS, patients.map((p) => PATIENT_COLUMNS.map((c) => p.values[c])));
  writeCsv(join(out, "hits.csv"), HIT_COLUMNS, hitRows.map((h) => HIT_COLUMNS.map((c) => (c === "start" || c === "end" ? Number(h[c]) : h[c]))));
  const termRows = termHits(infos[0].info.term_list ?? [], hitRows.map((h) => ({ group: h.group_name, term: h.term, patientId: h.patient_id })));
  await writeSearchWorkbook(
    join(out, "search.xlsx"),
    patients.map((p) => ({ patient_id: p.id, group: p.values.group, n_notes_hit: Number(p.values.n_notes_hit), n_hits: Number(p.values.n_hits), terms: p.values.terms })),
    hitRows.map(
      (h): HitRow => ({
        patientId: h.patient_id,
        noteId: h.note_id,
        date: h.date,
        noteType: h.note_type,
        term: h.term,
        termId: 0,
        group: h.group_name,
        start: Number(h.start),
        end: Number(h.end),
        left: h.left,
        match: h.match,
        right: h.right,
      }),
    ),
    termRows,
  );
  const summary = {
    shards: dirs.length,
    notes: infos.reduce((s, x) => s + x.info.notes_read, 0),
    patients: infos.reduce((s, x) => s + x.info.patients, 0),
    returned: patients.length,
    hits: hitRows.length,
    out,
  };
  ctx.log.info(`merge: ${summary.shards} shards, ${thousands(summary.notes)} notes of ${thousands(summary.patients)} patients; ${summary.returned} patients returned`);
  ctx.log.info(`merge: wrote ${out}/patients.csv, hits.csv, search.xlsx and the returned patients' notes (${RETURNED_NOTES_FILE})`);
  return { summary };
}

export const mergeCommand: CommandSpec = {
  name: "merge",
  args: "<dirs...>",
  summary: "combine the outputs of search --shard K/N into one search output (--out)",
  studyOptions: true,
  uses: ["out"],
  ignores: ["--force"],
  locks: "study",
  run,
};
