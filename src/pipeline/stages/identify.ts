import { existsSync } from "node:fs";
import { artefactPath, artefactPaths as files, writeArtefactCsv } from "../../io/artefacts.js";
import { ELIGIBLE_OPTION, type Stage, type StageContext } from "../stage.js";
import { UserError } from "../../core/errors.js";
import { groupFor } from "../../core/patients.js";
import { optionalRuleFile, ruleFile, type ResolvedConfig } from "../../config/load.js";
import { readDecisionWorkbook, writeDecisionWorkbook } from "../../io/decision-workbook.js";
import { boldRuns } from "../../stages/identify/evidence.js";
import { mentionContext } from "../../stages/identify/mention-context.js";
import { readCategories } from "../../stages/identify/read-categories.js";
import { countedRoute, decisionProblems, routeRow, type PatientRoute, type RouteDecision } from "../../stages/identify/routes.js";
import { agreedOf, figureText } from "../../stats/agreement/wording.js";
import { compareRaters, writeSecondRater } from "../../stages/identify/second-rater.js";
import { suggestRoute } from "../../stages/identify/suggest-route.js";
import { summariseRoutes, SUMMARY_COLUMNS } from "../../stages/identify/summary.js";
import { identificationSheet } from "../../stages/identify/workbooks.js";
import { readContextRules } from "../../text/context/index.js";
import type { CompiledRules } from "../../text/context/types.js";
import { compileMatcher } from "../../text/terms/match.js";
import { CASE_GROUP } from "../../text/terms/terms.js";
import { loadDocumentRules, loadEligible, loadPatients, loadTerms, loadTopic, notesOf, stageDir } from "../study.js";
import { writeRouteOpinion } from "../../stages/second-opinion/write-route-opinion.js";
import { reportWorkbookChanges } from "../workbook-messages.js";

/** The screening context rules, which tell a mention about the patient from other senses; optional here. */
function contextRules(config: ResolvedConfig): CompiledRules | undefined {
  const file = optionalRuleFile(config, "contextRules", "--context-rules");
  return file ? readContextRules(file) : undefined;
}

async function run(ctx: StageContext, opts: Record<string, unknown>): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const scheme = readCategories(ruleFile(config, "categories", "--categories"));
  const caseMatcher = compileMatcher(loadTerms(config).filter((t) => t.group === CASE_GROUP));
  const context = contextRules(config);
  const documents = loadDocumentRules(config);
  const topic = loadTopic(config);
  if (!context) ctx.log.warn(`identify: no context rules (--context-rules): every case-finding hit counts as a mention of ${topic.topic} about the patient`);
  const { ids } = await loadEligible(config, opts.eligible as string | undefined, ctx.cwd, ctx.log);
  const patients = await loadPatients(config, ctx.log, new Set(ids));
  const dir = stageDir(config, "identification");
  const wbPath = artefactPath(config.out, "identificationWorkbook");
  const sheet = identificationSheet(scheme, topic);

  // Decisions already made: read first, so a damaged workbook stops the run before anything is written.
  let decisions = new Map<string, RouteDecision>();
  if (existsSync(wbPath) && !ctx.force) {
    const read = await readDecisionWorkbook(wbPath, sheet);
    if (read.problems.length > 0) {
      throw new UserError(`${read.problems[0]}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more)` : ""} — fix the workbook or rerun with --force to replace it (a backup is kept)`);
    }
    decisions = read.decisions;
  }

  const notes = await notesOf(config, ctx.cwd, ctx.log, new Set(ids), "identify");
  const routes: PatientRoute[] = ids.map((id) => ({
    patientId: id,
    group: groupFor(patients, id),
    suggestion: suggestRoute(notes.get(id) ?? [], scheme, caseMatcher, context, documents),
    decision: decisions.get(id) ?? {},
  }));
  const noNotes = ids.filter((id) => !notes.has(id));
  if (noNotes.length > 0) ctx.log.warn(`identify: ${noNotes.length} eligible patient${noNotes.length === 1 ? " has" : "s have"} no notes in the export (e.g. ${noNotes.slice(0, 3).join(", ")}); suggested ${scheme.fallback}`);
  for (const p of decisionProblems(routes, scheme, wbPath)) ctx.log.warn(p);

  const change = await writeDecisionWorkbook(
    wbPath,
    sheet,
    routes.map((p) => {
      const s = p.suggestion;
      return {
        id: p.patientId,
        evidence: {
          group: p.group,
          status: "eligible",
          suggested_route: s.route,
          suggested_service: s.service,
          rule: s.rule,
          evidence: boldRuns(s.evidence, s.bold),
          note_id: s.noteId,
          date: s.date,
          mentions: mentionContext(notes.get(p.patientId) ?? [], caseMatcher, context, 3, 1500, documents),
        },
      };
    }),
    { force: ctx.force, now: () => new Date(), statusColumn: "status", droppedStatus: "no longer eligible" },
  );
  reportWorkbookChanges(ctx.log, "identify", wbPath, change);
  writeArtefactCsv(config.out, "routes", routes.map(routeRow));
  const summary = summariseRoutes(routes.map((p) => countedRoute(p, scheme)), scheme);
  writeArtefactCsv(config.out, "routeSummary", summary.map((r) => SUMMARY_COLUMNS.map((c) => r[c])));
  const opinion = await writeRouteOpinion(config.out, config.seed);
  if (opinion) ctx.log.info(`identify: second opinion from a model learned from the confirmed routes in route-model.csv (model score; ${opinion.differ} of ${opinion.unconfirmed} unconfirmed patients differ from the rules' suggestion)`);

  const sampling = { seed: config.seed, first: config.sampling.first, fraction: config.sampling.fraction };
  // The blinded rater-2 workbook is written unless --no-sample: the pipeline runs stages without flags.
  if (opts.sample !== false) {
    const group = new Map(routes.map((p) => [p.patientId, p.group]));
    const r2 = await writeSecondRater(dir, ids, (id) => ({ group: group.get(id) ?? "unknown", mentions: mentionContext(notes.get(id) ?? [], caseMatcher, context, 5, 2500, documents) }), scheme, sampling, {
      force: ctx.force,
      now: () => new Date(),
    }, topic);
    reportWorkbookChanges(ctx.log, "identify", r2.path, r2.change);
    ctx.log.info(`identify: second-rater sample of ${r2.sampled} patients (first ${sampling.first} + ${Math.round(sampling.fraction * 100)}% of the rest, seed ${sampling.seed}) in ${r2.path} — give it to rater 2`);
  }
  const compared = await compareRaters(dir, scheme, decisions, sampling);
  if (compared) {
    const a = compared.agreement.route;
    const unrated = compared.sampled - compared.compared;
    ctx.log.info(
      `identify: route of the second-rater sample: ${agreedOf(a.items_agreed ?? 0, a.items_compared)}, Cohen's kappa ${figureText(a.cohen_kappa, a.why_undefined?.cohen_kappa)}` +
        `${unrated > 0 ? ` (${unrated} of ${compared.sampled} sampled not yet rated by both)` : ""} (agreement.json)`,
    );
  }

  const confirmed = routes.filter((p) => p.decision.final_route).length;
  const line = (g: string) =>
    summary
      .filter((r) => r.group === g && r.service === "")
      .map((r) => `${r.category} ${r.formatted}`)
      .join(", ");
  for (const g of ["adult", "child", "unknown", "total"]) if (summary.some((r) => r.group === g)) ctx.log.info(`identify: ${g}: ${line(g)}`);
  ctx.log.info(`identify: ${routes.length} eligible patients, ${confirmed} confirmed by a rater; wrote ${dir}/routes.csv, summary.csv and identification.xlsx`);
  return {
    summary: {
      eligible: routes.length,
      confirmed,
      summary: summary.filter((r) => r.service === "").map((r) => ({ group: r.group, category: r.category, n: r.n, denominator: r.denominator, formatted: r.formatted })),
      agreement: compared?.agreement.route ?? null,
      out: dir,
    },
  };
}

/** Stage 3, identification: how each eligible patient came to be identified, with the evidence sentence and rule. */
export const identifyStage: Stage = {
  name: "identify",
  requires: files("eligible"),
  reads: files("returnedNotes", "identificationWorkbook", "secondRaterRoutes"),
  produces: files("routes", "routeSummary", "identificationWorkbook"),
  usesNotes: false,
  usesPatients: true,
  rules: ["terms", "categories", "contextRules", "documents", "topic"],
  settings: ["seed", "sampling", "patients", "childAgeCutoff", "columns", "encoding", "delimiter"],
  options: [
    ELIGIBLE_OPTION,
    { flags: "--no-sample", description: "do not write the blinded second-rater workbook 03-identification/second-rater.xlsx (a seeded sample: --first, --fraction, --seed)" },
  ],
  run,
};
