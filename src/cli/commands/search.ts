import { join } from "node:path";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { groupFor } from "../../core/patients.js";
import { findNoteFiles } from "../../io/read-notes.js";
import { writeCsv } from "../../io/write-csv.js";
import { compareHits, termCounts } from "../../stages/search/collect.js";
import { searchNotes } from "../../stages/search/search-notes.js";
import { CASE_GROUP } from "../../stages/search/terms.js";
import { loadPatients, loadTerms, notesOptions, notesPatterns, stageDir } from "../study.js";
import { writeSearchWorkbook } from "../../stages/search/write-search-workbook.js";
import { parseShard } from "../../stages/search/shard.js";
import { wholeNumberFlag } from "../options.js";
import { sha256 } from "../../core/hash.js";
import { writeFileAtomic } from "../../io/atomic-write.js";

export const PATIENT_COLUMNS = ["patient_id", "group", "n_notes_hit", "n_hits", "terms"];
export const HIT_COLUMNS = ["patient_id", "note_id", "date", "term", "group_name", "start", "end", "left", "match", "right", "note_type"];

async function run(ctx: CommandContext, _args: string[], cmdOpts: Record<string, unknown>): Promise<CommandResult> {
  const config = ctx.config();
  const shard = typeof cmdOpts.shard === "string" ? parseShard(cmdOpts.shard) : undefined;
  const terms = loadTerms(config);
  const patterns = notesPatterns(config);
  const patients = await loadPatients(config, ctx.log);
  const inputs = await findNoteFiles(patterns, ctx.cwd, config.patients);
  const threads = wholeNumberFlag(cmdOpts.threads, "--threads", 1, 64) ?? 0;
  const found = await searchNotes({
    inputs,
    notes: notesOptions(config, ctx.log),
    terms,
    kwicWidth: config.kwicWidth,
    ...(shard ? { shard } : {}),
    threads,
    progress: (m, done) => ctx.log.progress(m, done),
  });
  const returned = found.returned.sort((a, b) => (a.patientId < b.patientId ? -1 : 1));
  const dir = stageDir(config, "search");
  const patientRows = returned.map((p) => {
    const caseHits = p.hits.filter((h) => h.group === CASE_GROUP);
    return { patient_id: p.patientId, group: groupFor(patients, p.patientId), n_notes_hit: p.notesHit.size, n_hits: caseHits.length, terms: termCounts(caseHits) };
  });
  const hits = returned.flatMap((p) => p.hits).sort(compareHits);
  writeCsv(join(dir, "patients.csv"), PATIENT_COLUMNS, patientRows.map((r) => PATIENT_COLUMNS.map((c) => r[c as keyof typeof r])));
  writeCsv(
    join(dir, "hits.csv"),
    HIT_COLUMNS,
    hits.map((h) => [h.patientId, h.noteId, h.date, h.term, h.group, h.start, h.end, h.left, h.match, h.right, h.noteType]),
  );
  await writeSearchWorkbook(join(dir, "search.xlsx"), patientRows, hits);
  if (shard) {
    // What merge checks before combining shards: same terms, same inputs, every shard of the same N.
    const about = { shard: shard.k, of: shard.n, terms: sha256(terms.map((t) => `${t.group}\u0000${t.text}`).join("\n")), notes: inputs.map((f) => f.path), notes_read: found.notes, patients: found.patients };
    writeFileAtomic(join(dir, "shard.json"), `${JSON.stringify(about, null, 2)}\n`);
  }

  const perTerm = new Map<string, number>();
  for (const h of hits) if (h.group === CASE_GROUP) perTerm.set(h.term, (perTerm.get(h.term) ?? 0) + 1);
  const summary = {
    files: inputs.length,
    notes: found.notes,
    patients: found.patients,
    returned: returned.length,
    hits: hits.filter((h) => h.group === CASE_GROUP).length,
    theme_hits: hits.filter((h) => h.group !== CASE_GROUP).length,
    hits_per_term: Object.fromEntries([...perTerm.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
    groups: countGroups(patientRows.map((r) => r.group)),
    out: dir,
    ...(shard ? { shard: `${shard.k}/${shard.n}` } : {}),
  };
  const count = (n: number, what: string) => `${n.toLocaleString("en-GB")} ${what}${n === 1 ? "" : "s"}`;
  ctx.log.info(
    `search: read ${count(summary.files, "file")}, ${count(summary.notes, "note")} of ${count(summary.patients, "patient")}; ` +
      `${count(summary.returned, "patient")} returned (${summary.groups.adult} adult, ${summary.groups.child} child, ${summary.groups.unknown} unknown) with ${count(summary.hits, "hit")}`,
  );
  for (const [term, n] of Object.entries(summary.hits_per_term)) ctx.log.info(`  ${String(n).padStart(6)}  ${term}`);
  ctx.log.info(`search: wrote ${dir}/patients.csv, hits.csv, search.xlsx`);
  return { summary };
}

function countGroups(groups: string[]): Record<"adult" | "child" | "unknown", number> {
  const out = { adult: 0, child: 0, unknown: 0 };
  for (const g of groups) out[g as keyof typeof out]++;
  return out;
}

export const searchCommand: CommandSpec = {
  name: "search",
  summary: "find every patient the case-finding terms name, with each hit in context",
  studyOptions: true,
  locks: "study",
  configure: (cmd) =>
    cmd
      .option("--shard <k/n>", "search only shard K of N (patients split by a hash of their id); combine the N outputs with notes-analyse merge")
      .option("--threads <n>", "threads searching CSV/TSV notes (default: one per core when the CSV/TSV notes come to 192 MB or more, else 1; 1 searches without worker threads)"),
  run,
};
