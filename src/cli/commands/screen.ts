import { join } from "node:path";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { ruleFile } from "../../config/load.js";
import { writeDecisionWorkbook } from "../../io/decision-workbook.js";
import { writeCsv } from "../../io/write-csv.js";
import { readContextRules } from "../../stages/screen/context/index.js";
import { readReturned } from "../../stages/screen/returned.js";
import { screenPatient, snippetRuns, snippetText } from "../../stages/screen/screen-patient.js";
import { SCREENING_SHEET } from "../../stages/screen/workbooks.js";
import { compileMatcher } from "../../stages/search/match.js";
import { CASE_GROUP } from "../../stages/search/terms.js";
import { loadTerms, notesOf, stageDir } from "../study.js";
import { reportWorkbookChanges } from "../workbook-messages.js";

export const SUGGESTION_COLUMNS = ["patient_id", "group", "suggestion", "reason", "rule", "evidence", "note_id", "date", "n_mentions"];

async function run(ctx: CommandContext): Promise<CommandResult> {
  const config = ctx.config();
  const returned = await readReturned(stageDir(config, "search"));
  const caseMatcher = compileMatcher(loadTerms(config).filter((t) => t.group === CASE_GROUP));
  const rules = readContextRules(ruleFile(config, "contextRules", "--context-rules"));
  const notes = await notesOf(config, ctx.cwd, ctx.log, new Set(returned.map((p) => p.patientId)));

  const screened = returned.map((p) => ({ ...p, result: screenPatient(p.patientId, notes.get(p.patientId) ?? [], caseMatcher, rules) }));
  const dir = stageDir(config, "screening");
  writeCsv(
    join(dir, "suggestions.csv"),
    SUGGESTION_COLUMNS,
    screened.map(({ patientId, group, result: r }) => {
      const ev = r.snippets[0];
      return [patientId, group, r.suggestion.suggestion, r.suggestion.reason, r.suggestion.rule, ev ? snippetText(ev) : "", ev?.noteId ?? "", ev?.date ?? "", r.mentions.length];
    }),
  );
  const change = await writeDecisionWorkbook(
    join(dir, "screening.xlsx"),
    SCREENING_SHEET,
    screened.map(({ patientId, group, result: r }) => ({
      id: patientId,
      evidence: {
        group,
        status: "returned",
        n_mentions: r.mentions.length,
        evidence: snippetRuns(r.snippets),
        suggestion: r.suggestion.suggestion,
        reason: r.suggestion.reason,
        rule: r.suggestion.rule,
      },
    })),
    { force: ctx.flags.force, now: () => new Date(), statusColumn: "status", droppedStatus: "no longer returned" },
  );
  const counts = { include: 0, exclude: 0, unsure: 0 };
  for (const s of screened) counts[s.result.suggestion.suggestion]++;
  ctx.log.info(`screen: ${returned.length} patients; suggested ${counts.include} include, ${counts.exclude} exclude, ${counts.unsure} unsure`);
  reportWorkbookChanges(ctx.log, "screen", join(dir, "screening.xlsx"), change);
  ctx.log.info(`screen: wrote ${dir}/suggestions.csv and screening.xlsx — fill in the decision column of screening.xlsx`);
  return { summary: { patients: returned.length, suggested: counts, workbook: { kept: change.kept, added: change.added.length, no_longer_returned: change.dropped.length, backup: change.backup ?? null }, out: dir } };
}

export const screenCommand: CommandSpec = {
  name: "screen",
  summary: "rater-1 screening workbook with suggestions",
  studyOptions: true,
  locks: "study",
  run,
};
