import { artefactPath, artefactPaths as files, readArtefactCsv, readArtefactJson, writeArtefactCsv, writeArtefactJson } from "../../io/artefacts.js";
import { type Stage, type StageContext } from "../stage.js";
import { PendingHumanStep } from "../../core/errors.js";
import { readDecisionWorkbook, writeDecisionWorkbook, type ReadDecisions } from "../../io/decision-workbook.js";
import { sampleRatings } from "../../second-rater/compare.js";
import { readRaterWorkbook } from "../../second-rater/files.js";
import { emptyCells, raterFileMessage } from "../../second-rater/messages.js";
import { samplingRecord } from "../../second-rater/plan.js";
import { mergeRaters } from "../../stats/agreement/raters.js";
import { DEFAULT_BOOTSTRAP, summariseAgreement } from "../../stats/agreement/summarise.js";
import { agreedOf, figureText } from "../../stats/agreement/wording.js";
import { flowRows, resolveConsensus, type Decision } from "../../stages/screen/consensus.js";
import { readReturned } from "../../stages/screen/returned.js";
import { discrepancySheet, screeningSheet, secondRaterSheet } from "../../io/screening-workbooks.js";
import { loadReasons, stageDir } from "../study.js";
import { reportWorkbookChanges } from "../workbook-messages.js";

function asDecisions(read: ReadDecisions, decision: string, reason: string): Map<string, Decision> {
  return new Map([...read.decisions].map(([id, d]) => [id, { decision: d[decision] ?? "", reason: d[reason] ?? "" }]));
}

/** Where each workbook comes from, for the one message when it is missing or does not match. */
const RATER1 = { rerun: "consensus", required: { workbook: "rater-1 screening", writtenBy: "screen" } };
const RATER2 = { rerun: "consensus", required: { workbook: "second-rater", writtenBy: "sample" } };

function listMissing(ids: string[], read: ReadDecisions, path: string, column: string): string {
  return raterFileMessage(emptyCells(path, read, ids, column));
}

async function run(ctx: StageContext): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const reasons = loadReasons(config);
  const [SCREENING_SHEET, SECOND_RATER_SHEET, DISCREPANCY_SHEET] = [screeningSheet(reasons), secondRaterSheet(reasons), discrepancySheet(reasons)];
  const dir = stageDir(config, "screening");
  const returned = await readReturned(stageDir(config, "search"));
  const r1Path = artefactPath(config.out, "screeningWorkbook");
  const r1 = await readRaterWorkbook(r1Path, SCREENING_SHEET, RATER1);
  const samplePath = artefactPath(config.out, "sample");
  const sample = ((await readArtefactCsv(config.out, "sample", ["patient_id", "why"])) ?? []).map((r) => r.values.patient_id);
  if (sample.length === 0) ctx.log.warn(`${samplePath}: no second-rater sample (run notes-analyse sample); consensus uses rater 1 alone`);
  const r2Path = artefactPath(config.out, "secondRaterScreening");
  const r2 = sample.length > 0 ? await readRaterWorkbook(r2Path, SECOND_RATER_SHEET, RATER2) : undefined;
  const discPath = artefactPath(config.out, "discrepancies");
  const consensusRead = await readRaterWorkbook(discPath, DISCREPANCY_SHEET, { rerun: "consensus" });

  const result = resolveConsensus({
    returned,
    rater1: asDecisions(r1, "decision", "exclusion_reason"),
    rater2: r2 ? asDecisions(r2, "decision", "exclusion_reason") : new Map(),
    sample,
    consensus: consensusRead ? asDecisions(consensusRead, "consensus", "consensus_reason") : new Map(),
  });
  const pending: string[] = [];
  if (result.missingRater1.length) pending.push(listMissing(result.missingRater1, r1, r1Path, "decision"));
  if (r2 && result.missingRater2.length) pending.push(listMissing(result.missingRater2, r2, r2Path, "decision"));
  if (pending.length) throw new PendingHumanStep(`${pending.join("\n")}\nfill them in, save, and run notes-analyse consensus again`);

  let agreement: ReturnType<typeof summariseAgreement> | undefined;
  if (r2) {
    // The seed and sizes the sample was actually drawn with (sample.json), not today's settings.
    const drawn = readArtefactJson(config.out, "sampleInfo") as { seed: number; first: number; fraction: number } | undefined;
    agreement = summariseAgreement(mergeRaters(sampleRatings(sample, r1.decisions, r2.decisions, (d) => d?.decision ?? null)), {
      bootstrap: { resamples: DEFAULT_BOOTSTRAP.resamples, seed: drawn?.seed ?? config.seed },
    });
    const sampleInfo = samplingRecord({ seed: drawn?.seed ?? config.seed, first: drawn?.first ?? config.sampling.first, fraction: drawn?.fraction ?? config.sampling.fraction }, sample.length);
    writeArtefactJson(config.out, "screeningAgreement", { ...sampleInfo, ...agreement });
    ctx.log.info(
      `consensus: second-rater sample: ${agreedOf(agreement.items_agreed ?? 0, agreement.items_compared)}, Cohen's kappa ${figureText(agreement.cohen_kappa, agreement.why_undefined?.cohen_kappa)} (agreement.json)`,
    );
  }

  const change = await writeDecisionWorkbook(
    discPath,
    DISCREPANCY_SHEET,
    result.discrepancies.map((d) => ({
      id: d.patientId,
      evidence: {
        group: d.group,
        why: d.why,
        rater1_decision: d.rater1.decision,
        rater1_reason: d.rater1.reason,
        rater2_decision: d.rater2?.decision ?? "",
        rater2_reason: d.rater2?.reason ?? "",
        evidence: r1.evidence.get(d.patientId)?.evidence ?? "",
      },
    })),
    { force: ctx.force, now: () => new Date(), statusColumn: "why", droppedStatus: "resolved elsewhere" },
  );
  reportWorkbookChanges(ctx.log, "consensus", discPath, change);
  if (result.missingConsensus.length) {
    const read = await readDecisionWorkbook(discPath, DISCREPANCY_SHEET);
    throw new PendingHumanStep(`${listMissing(result.missingConsensus, read, discPath, "consensus")}\nagree a consensus decision for each, save, and run notes-analyse consensus again`);
  }

  writeArtefactCsv(
    config.out,
    "eligible",
    result.final.filter((f) => f.decision === "include").map((f) => [f.patientId, f.group, f.decidedBy]),
  );
  const flow = flowRows(returned, result.final, reasons.ids);
  writeArtefactCsv(config.out, "flow", flow);
  const included = result.final.filter((f) => f.decision === "include");
  const summary = {
    returned: returned.length,
    excluded: result.final.length - included.length,
    included: included.length,
    included_adult: included.filter((f) => f.group === "adult").length,
    included_child: included.filter((f) => f.group === "child").length,
    discrepancies: result.discrepancies.length,
    agreement: agreement ?? null,
    out: dir,
  };
  ctx.log.info(`consensus: ${summary.returned} returned → ${summary.excluded} excluded → ${summary.included} included (${summary.included_adult} adult, ${summary.included_child} child); ${summary.discrepancies} resolved by consensus`);
  ctx.log.info(`consensus: wrote ${dir}/eligible.csv, flow.csv${agreement ? ", agreement.json" : ""} and discrepancies.xlsx`);
  return { summary };
}

/** Compares the raters on the sample, sends disagreements and `unsure` to consensus, and writes the eligible list and flow counts. */
export const consensusStage: Stage = {
  name: "consensus",
  requires: files("returnedPatients", "screeningWorkbook"),
  reads: files("sample", "sampleInfo", "secondRaterScreening", "discrepancies"),
  produces: files("eligible", "flow"),
  usesNotes: false,
  usesPatients: false,
  // The exclusion reasons: the workbooks' drop-downs and flow.csv's rows.
  rules: ["contextRules"],
  settings: [],
  options: [],
  run,
};
