import { basename, join } from "node:path";
import { artefactPath, artefactPaths as files } from "../../io/artefacts.js";
import { ELIGIBLE_OPTION, wholeNumberFlag, type Stage, type StageContext } from "../stage.js";
import { groupFor } from "../../core/patients.js";
import type { Note } from "../../core/types.js";
import { ruleFile } from "../../config/load.js";
import { writeDecisionWorkbook } from "../../io/decision-workbook.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { writeZip } from "../../io/zip.js";
import { compileMatcher } from "../../text/terms/match.js";
import { CASE_GROUP } from "../../text/terms/terms.js";
import { compilePatterns } from "../../stages/code/patterns.js";
import { extractPatient, type ExtractionRules } from "../../stages/code/extract.js";
import { effectiveCodes } from "../../stages/code/results/effective.js";
import { learnFromCoders } from "../../stages/code/learn/apply.js";
import { codebookToQdc } from "../../stages/code/refi-qda/qdc-export.js";
import { buildQdpx } from "../../stages/code/refi-qda/qdpx.js";
import { readCodebook } from "../../stages/code/io/read-codebook.js";
import { codedExtractRows, codedExtractsSpec } from "../../stages/code/io/workbooks.js";
import { pinnedFor, pinnedSpans, readCoderDecisions } from "../../stages/code/io/decisions.js";
import { secondCoder } from "../../stages/code/io/second-coder.js";
import type { Extract } from "../../stages/code/types.js";
import { writeFamiliarisation } from "../../stages/code/io/familiarisation.js";
import { writeExtractsCsv, writeResults } from "../../stages/code/io/write-results.js";
import { loadDocumentRules, loadEligible, loadPatients, loadTerms, notesOf, stageDir } from "../study.js";
import { VERSION } from "../../core/version.js";
import { agreedOf } from "../../stats/agreement/wording.js";

async function run(ctx: StageContext, opts: Record<string, unknown>): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const window = wholeNumberFlag(opts.window, "--window", 0) ?? 1;
  const familiarise = wholeNumberFlag(opts.familiarise, "--familiarise", 1);
  const book = readCodebook(ruleFile(config, "codebook", "--codebook"));
  const terms = loadTerms(config);
  const eligible = await loadEligible(config, opts.eligible as string | undefined, ctx.cwd, ctx.log);
  const patients = await loadPatients(config, ctx.log, new Set(eligible.ids));
  const notes = await notesOf(config, ctx.cwd, ctx.log, new Set(eligible.ids), "code");
  const dir = stageDir(config, "themes");
  const now = () => new Date();

  if (familiarise !== undefined) {
    const path = join(dir, "familiarisation.xlsx");
    const n = await writeFamiliarisation(path, notes, patients, familiarise, config.seed, { force: ctx.force, now });
    ctx.log.info(`code: wrote ${n} whole notes of ${eligible.ids.length} eligible patients (seed ${config.seed}) to ${path}`);
    return { summary: { familiarisation: path, notes: n, seed: config.seed } };
  }

  const codedPath = artefactPath(config.out, "codedExtracts");
  const spec = codedExtractsSpec(book, config.seed);
  // --force replaces the coders' workbooks without their decisions (writeDecisionWorkbook keeps a backup).
  const decisions = ctx.force ? new Map() : await readCoderDecisions(codedPath, spec, "final_codes");
  const pinned = pinnedSpans(decisions);
  const noteOwners = new Map<string, Set<string>>();
  for (const [pid, list] of notes) for (const n of list) noteOwners.set(n.noteId, (noteOwners.get(n.noteId) ?? new Set()).add(pid));
  const rules: ExtractionRules = {
    book,
    retrieval: compileMatcher(terms.filter((t) => t.group !== CASE_GROUP)),
    codes: compilePatterns(book.codes.flatMap((c) => c.patterns)),
    unless: compilePatterns(book.codes.flatMap((c) => c.unless)),
    codebookSeeds: opts.codebookSeeds !== false,
    window: { sentences: window, maxChars: 1200 },
    documents: loadDocumentRules(config),
  };
  const extracts: Extract[] = [];
  for (const id of eligible.ids) {
    const list = notes.get(id) ?? [];
    // Note ids are usually unique in an export; where one is shared by several patients, extract ids name the patient too.
    const qualify = list.some((n) => (noteOwners.get(n.noteId)?.size ?? 0) > 1);
    const pins = pinnedFor(pinned, id, new Set(list.map((n) => n.noteId)));
    extracts.push(...extractPatient({ id, group: groupFor(patients, id) }, list, rules, pins, qualify));
  }

  const learn = opts.learn ? learnFromCoders(extracts, decisions) : undefined;
  const learned = learn?.learned ?? new Map();
  const coded = extracts.map((e) => effectiveCodes(e, decisions.get(e.extractId), learned.get(e.extractId), Boolean(learn)));

  writeExtractsCsv(dir, coded, decisions, learned);
  const written = await writeDecisionWorkbook(codedPath, spec, codedExtractRows(extracts, learned), { force: ctx.force, now, statusColumn: "status" });

  const second = await secondCoder(dir, book, extracts, decisions, { seed: config.seed, fraction: config.sampling.fraction, force: ctx.force, now });

  const eligibleGroups = eligible.ids.map((id) => groupFor(patients, id));
  const results = writeResults(dir, book, coded, eligibleGroups);
  const origin = `notes-analyse ${VERSION}`;
  writeFileAtomic(artefactPath(config.out, "codebookQdc"), codebookToQdc(book, `${origin} (${book.name})`));
  const noteMap = new Map<string, Note>();
  for (const [pid, list] of notes) for (const n of list) noteMap.set(`${pid}\u0000${n.noteId}`, n);
  const memos = new Map([...decisions].filter(([, d]) => d.memo).map(([id, d]) => [id, d.memo]));
  writeZip(artefactPath(config.out, "codedExtractsQdpx"), buildQdpx(book, coded, noteMap, `${book.name}: coded extracts`, origin, memos));

  const coderCoded = coded.filter((c) => c.source === "coder").length;
  const summary = {
    codebook: basename(book.file),
    eligible: eligible.ids.length,
    extracts: extracts.length,
    with_suggestions: extracts.filter((e) => e.suggested.length > 0).length,
    coder_coded: coderCoded,
    decisions_kept: written.kept,
    new_extracts: written.backup ? written.added.length : extracts.length,
    no_longer_listed: written.dropped.length,
    ...(learn ? { learned: { trained_on: learn.trainedOn, codes: learn.codes, too_few_examples: learn.skipped, extracts_suggested: learn.learned.size } } : {}),
    second_coder: { sample: second.sample, coded_by_both: second.codedByBoth, same_codes: second.identical },
    patients_with_themes: results.patientsWithThemes,
    themes: results.themes,
    quotes: results.quotes,
    quotes_flagged: results.quotesFlagged,
    out: dir,
  };
  ctx.log.info(`code: ${extracts.length} extracts from ${eligible.ids.length} eligible patients (${summary.with_suggestions} with suggested codes, ${coderCoded} coded by a coder${written.kept ? `, ${written.kept} decisions kept` : ""})`);
  if (written.backup) {
    ctx.log.info(`code: coded-extracts.xlsx rewritten (${written.added.length} new extracts, ${written.dropped.length} no longer listed${written.dropped.length ? "; those with decisions stay, marked in the status column" : ""}); previous version backed up as ${basename(written.backup)}`);
  }
  if (ctx.force && written.backup) ctx.log.warn(`--force: coded-extracts.xlsx and second-coder.xlsx were replaced without their decisions; the previous versions are in the backups`);
  for (const [theme, n] of Object.entries(results.themes)) ctx.log.info(`  ${theme.padEnd(14)} adults ${String(n.adult).padStart(4)}  children ${String(n.child).padStart(4)}  total ${String(n.total).padStart(4)}`);
  if (learn) ctx.log.info(`code: learned ${learn.codes.length} codes from ${learn.trainedOn} coded extracts; suggestions for ${learn.learned.size} uncoded extracts (learned_codes)`);
  if (results.quotesFlagged > 0) ctx.log.warn(`${results.quotesFlagged} of ${results.quotes} quotes may hold identifiers that escaped de-identification: check quotes.csv (identifier_flags) before publishing`);
  if (second.codedByBoth > 0) {
    ctx.log.info(`code: two coders on the same extracts: ${agreedOf(second.identical, second.codedByBoth)} on every code; agreement per code in coder-agreement.csv`);
  }
  ctx.log.info(`code: wrote ${dir}/extracts.csv, coded-extracts.xlsx, second-coder.xlsx, patient-themes.csv, code-frequencies.csv, cooccurrence.csv, quotes.csv, codebook.qdc, coded-extracts.qdpx, ${results.maps.join(", ")}`);
  return { summary };
}

/** Stage 4, coding: extracts, suggested codes, coder workbooks, results per group, theme maps and REFI-QDA. */
export const codeStage: Stage = {
  name: "code",
  requires: files("eligible"),
  reads: files("returnedNotes", "codedExtracts", "secondCoder"),
  produces: files("extracts", "patientThemes", "codedExtracts"),
  usesNotes: false,
  usesPatients: true,
  rules: ["terms", "codebook", "documents"],
  settings: ["seed", "sampling", "patients", "childAgeCutoff", "columns", "encoding", "delimiter"],
  options: [
    ELIGIBLE_OPTION,
    { flags: "--familiarise <n>", description: "write familiarisation.xlsx: N whole notes of eligible patients drawn with the seed, then stop" },
    { flags: "--learn", description: "train a classifier on the extracts coders have coded and suggest codes for the rest (learned_codes)" },
    { flags: "--window <sentences>", description: "sentences of context either side of a matching sentence (default 1)" },
    { flags: "--no-codebook-seeds", description: "pull passages by the theme retrieval terms only, not also by the codebook's patterns" },
  ],
  run,
};
