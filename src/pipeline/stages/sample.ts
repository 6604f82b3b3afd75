import { artefactPath, artefactPaths as files, writeArtefactCsv, writeArtefactJson } from "../../io/artefacts.js";
import { type Stage, type StageContext } from "../stage.js";
import { ruleFile } from "../../config/load.js";
import { writeDecisionWorkbook } from "../../io/decision-workbook.js";
import { drawSample } from "../../stages/sample/draw-sample.js";
import { readContextRules } from "../../stages/screen/context/index.js";
import { readReturned } from "../../stages/screen/returned.js";
import { screenPatient, snippetRuns } from "../../stages/screen/screen-patient.js";
import { secondRaterSheet } from "../../stages/screen/workbooks.js";
import { compileMatcher } from "../../stages/search/match.js";
import { CASE_GROUP } from "../../stages/search/terms.js";
import { loadTerms, notesOf, stageDir } from "../study.js";
import { reportWorkbookChanges } from "../workbook-messages.js";

async function run(ctx: StageContext): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const returned = await readReturned(stageDir(config, "search"));
  const { first, fraction } = config.sampling;
  const sample = drawSample(
    returned.map((p) => p.patientId),
    first,
    fraction,
    config.seed,
  );
  const group = new Map(returned.map((p) => [p.patientId, p.group]));
  const dir = stageDir(config, "screening");
  writeArtefactCsv(config.out, "sample", sample.map((s) => [s.id, s.why, group.get(s.id) ?? ""]));
  const about = {
    seed: config.seed,
    first,
    fraction,
    order: "patient_id (as in 01-search/patients.csv)",
    returned: returned.length,
    sampled: sample.length,
    first_n: sample.filter((s) => s.why === "first").length,
    random_n: sample.filter((s) => s.why === "random").length,
  };
  writeArtefactJson(config.out, "sampleInfo", about);

  const caseMatcher = compileMatcher(loadTerms(config).filter((t) => t.group === CASE_GROUP));
  const rules = readContextRules(ruleFile(config, "contextRules", "--context-rules"));
  const notes = await notesOf(config, ctx.cwd, ctx.log, new Set(sample.map((s) => s.id)), "sample");
  const change = await writeDecisionWorkbook(
    artefactPath(config.out, "secondRaterScreening"),
    secondRaterSheet(rules.reasons, [
      "Second-rater screening workbook (blinded): no rater-1 decisions and no suggestions are shown.",
      `Sample: the first ${first} returned patients in patient id order plus ${Math.round(fraction * 100)}% of the rest drawn at random with seed ${config.seed} (${sample.length} patients).`,
      "Fill in `decision` (include / exclude / unsure) and, for exclude, `exclusion_reason`. Only the yellow cells can be edited.",
      "Then run `notes-analyse consensus` to compare with rater 1.",
    ]),
    sample.map((s) => {
      const r = screenPatient(s.id, notes.get(s.id) ?? [], caseMatcher, rules, { blinded: true });
      return { id: s.id, evidence: { group: group.get(s.id) ?? "", why_sampled: s.why, n_mentions: r.mentions.length, evidence: snippetRuns(r.snippets) } };
    }),
    { force: ctx.force, now: () => new Date(), statusColumn: "why_sampled", droppedStatus: "no longer sampled" },
  );
  ctx.log.info(`sample: ${about.first_n} first + ${about.random_n} random of ${returned.length} returned patients (seed ${config.seed})`);
  reportWorkbookChanges(ctx.log, "sample", artefactPath(config.out, "secondRaterScreening"), change);
  ctx.log.info(`sample: wrote ${dir}/sample.csv, sample.json and second-rater.xlsx — give second-rater.xlsx to rater 2`);
  return { summary: { ...about, out: dir } };
}

/** The blinded second-rater sample: the first N returned patients plus a seeded random fraction of the rest. */
export const sampleStage: Stage = {
  name: "sample",
  requires: files("returnedPatients", "returnedNotes"),
  reads: [],
  produces: files("sample", "sampleInfo", "secondRaterScreening"),
  usesNotes: false,
  usesPatients: false,
  rules: ["terms", "contextRules", "documents"],
  settings: ["seed", "sampling", "columns", "encoding", "delimiter"],
  options: [],
  run,
};
