import { existsSync } from "node:fs";
import { artefactPath, artefactPaths as files, writeArtefactCsv } from "../../io/artefacts.js";
import { type Stage, type StageContext } from "../stage.js";
import { ruleFile } from "../../config/load.js";
import { readDecisionWorkbook, writeDecisionWorkbook, type DecisionRow } from "../../io/decision-workbook.js";
import { readContextRules } from "../../text/context/index.js";
import { readReturned } from "../../stages/screen/returned.js";
import { screenPatient, snippetRuns, snippetText } from "../../stages/screen/screen-patient.js";
import { screeningSheet } from "../../io/screening-workbooks.js";
import { rankScreening, type RankOutcome } from "../../learn/relevance/rank-workbook.js";
import { compileMatcher } from "../../text/terms/match.js";
import { CASE_GROUP } from "../../text/terms/terms.js";
import { genderOf } from "../../stages/screen/about-whom.js";
import { loadDocumentRules, loadPatients, loadTerms, notesOf, stageDir } from "../study.js";
import { reportWorkbookChanges } from "../workbook-messages.js";


/** Every rule that fired on any of a patient's mentions, sorted. */
function rulesFired(mentions: readonly { analysis: { fired: readonly { id: string }[] } }[]): string[] {
  return [...new Set(mentions.flatMap((m) => m.analysis.fired.map((f) => f.id)))].sort();
}

async function run(ctx: StageContext): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const returned = await readReturned(stageDir(config, "search"));
  const caseMatcher = compileMatcher(loadTerms(config).filter((t) => t.group === CASE_GROUP));
  const rules = readContextRules(ruleFile(config, "contextRules", "--context-rules"));
  const documents = loadDocumentRules(config);
  const sheet = screeningSheet(rules.reasons);
  const patients = await loadPatients(config, ctx.log);
  const notes = await notesOf(config, ctx.cwd, ctx.log, new Set(returned.map((p) => p.patientId)), "screen");

  const screened = returned.map((p) => ({
    ...p,
    result: screenPatient(p.patientId, notes.get(p.patientId) ?? [], caseMatcher, rules, { documents, gender: genderOf(patients.get(p.patientId)?.gender) }),
  }));
  const dir = stageDir(config, "screening");
  writeArtefactCsv(
    config.out,
    "suggestions",
    screened.map(({ patientId, group, result: r }) => {
      const ev = r.snippets[0];
      const s = r.suggestion;
      return [patientId, group, s.suggestion, s.reason, s.rule, ev ? snippetText(ev) : "", ev?.noteId ?? "", ev?.date ?? "", r.mentions.length, s.rules.join(";"), s.outcome?.noteId ?? "", s.outcome?.date ?? "", s.why, rulesFired(r.mentions).join(";")];
    }),
  );
  let rows: DecisionRow[] = screened.map(({ patientId, group, result: r }) => ({
      id: patientId,
      evidence: {
        group,
        status: "returned",
        n_mentions: r.mentions.length,
        evidence: [{ text: `Why: ${r.suggestion.why}\n\n`, bold: false }, ...snippetRuns(r.snippets)],
        suggestion: r.suggestion.suggestion,
        reason: r.suggestion.reason,
        rule: r.suggestion.rule,
      },
    }));
  const workbook = artefactPath(config.out, "screeningWorkbook");
  let ranking: RankOutcome | undefined;
  if (config.rank) {
    // The decisions are read here only to learn from them; the writer below carries them over exactly as before.
    const decided = existsSync(workbook) && !ctx.force ? (await readDecisionWorkbook(workbook, sheet)).decisions : new Map<string, Record<string, string>>();
    const rules = new Map(screened.map((p) => [p.patientId, { suggestion: p.result.suggestion.suggestion, reason: p.result.suggestion.reason, rule: p.result.suggestion.rule, rulesFired: rulesFired(p.result.mentions) }]));
    ranking = await rankScreening(stageDir(config, "search"), rows, decided, rules);
    rows = ranking.rows;
  }
  const change = await writeDecisionWorkbook(workbook, sheet, rows, { force: ctx.force, now: () => new Date(), statusColumn: "status", droppedStatus: "no longer returned" });
  const counts = { include: 0, exclude: 0, unsure: 0 };
  for (const s of screened) counts[s.result.suggestion.suggestion]++;
  ctx.log.info(`screen: ${returned.length} patients; suggested ${counts.include} include, ${counts.exclude} exclude, ${counts.unsure} unsure`);
  if (ranking?.ranked) ctx.log.info(`screen --rank: ${ranking.ranked} undecided patients ordered by model score (learned from ${ranking.include} include and ${ranking.exclude} exclude decisions); most relevant first in screening.xlsx`);
  else if (ranking) ctx.log.info(`screen --rank: not ranked yet: ${ranking.missing}`);
  reportWorkbookChanges(ctx.log, "screen", workbook, change);
  ctx.log.info(`screen: wrote ${dir}/suggestions.csv and screening.xlsx — fill in the decision column of screening.xlsx`);
  return { summary: { patients: returned.length, suggested: counts, ...(ranking ? { ranking: { ranked: ranking.ranked, trained_on: { include: ranking.include, exclude: ranking.exclude }, ...(ranking.missing ? { not_ranked: ranking.missing } : {}) } } : {}), workbook: { kept: change.kept, added: change.added.length, no_longer_returned: change.dropped.length, backup: change.backup ?? null }, out: dir } };
}

/** Stage 2, screening: the rater-1 workbook with a suggestion, reason and rule for each returned patient. */
export const screenStage: Stage = {
  name: "screen",
  requires: files("returnedPatients", "returnedNotes"),
  reads: [],
  produces: files("suggestions", "screeningWorkbook"),
  readsIf: (config) => (config.rank ? files("hits", "screeningWorkbook") : []),
  usesNotes: false,
  // The patients file gives each patient's gender, which tells whom a pronoun is about.
  usesPatients: true,
  rules: ["terms", "contextRules", "documents"],
  settings: ["columns", "encoding", "delimiter", "rank"],
  options: [],
  run,
};
