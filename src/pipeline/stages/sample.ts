import { artefactPath, artefactPaths as files, writeArtefactJson } from "../../io/artefacts.js";
import { type Stage, type StageContext } from "../stage.js";
import { ruleFile } from "../../config/load.js";
import { writeBlindedWorkbook, writeSampleCsv } from "../../second-rater/files.js";
import { describeSample, drawSample } from "../../second-rater/plan.js";
import { readContextRules } from "../../text/context/index.js";
import { readReturned } from "../../stages/screen/returned.js";
import { screenPatient, snippetRuns } from "../../stages/screen/screen-patient.js";
import { secondRaterSheet } from "../../io/screening-workbooks.js";
import { compileMatcher } from "../../text/terms/match.js";
import { CASE_GROUP } from "../../text/terms/terms.js";
import { loadTerms, notesOf, stageDir } from "../study.js";
import { reportWorkbookChanges } from "../workbook-messages.js";

async function run(ctx: StageContext): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const returned = await readReturned(stageDir(config, "search"));
  const { first, fraction } = config.sampling;
  const sampling = { seed: config.seed, first, fraction };
  const sample = drawSample(returned.map((p) => p.patientId), sampling);
  const group = new Map(returned.map((p) => [p.patientId, p.group]));
  const dir = stageDir(config, "screening");
  writeSampleCsv(artefactPath(config.out, "sample"), sample, (id) => group.get(id) ?? "");
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
  const change = await writeBlindedWorkbook(
    artefactPath(config.out, "secondRaterScreening"),
    secondRaterSheet(rules.reasons, [
      "Second-rater screening workbook (blinded): no rater-1 decisions and no suggestions are shown.",
      `Sample: ${describeSample(sampling, "returned patients")} (${sample.length} patients).`,
      "Fill in `decision` (include / exclude / unsure) and, for exclude, `exclusion_reason`. Only the yellow cells can be edited.",
      "Then run `notes-analyse consensus` to compare with rater 1.",
    ]),
    sample,
    (id) => {
      const r = screenPatient(id, notes.get(id) ?? [], caseMatcher, rules, { blinded: true });
      return { group: group.get(id) ?? "", n_mentions: r.mentions.length, evidence: snippetRuns(r.snippets) };
    },
    { force: ctx.force, now: () => new Date() },
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
