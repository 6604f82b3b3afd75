import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { addEligibleOption } from "../options.js";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { UserError } from "../../core/errors.js";
import { groupFor } from "../../core/patients.js";
import { ruleFile, type ResolvedConfig } from "../../config/load.js";
import { presetFile } from "../../config/presets.js";
import { readDecisionWorkbook, writeDecisionWorkbook } from "../../io/decision-workbook.js";
import { writeCsv } from "../../io/write-csv.js";
import { boldRuns } from "../../stages/identify/evidence.js";
import { mentionContext } from "../../stages/identify/mention-context.js";
import { readCategories } from "../../stages/identify/read-categories.js";
import { countedRoute, decisionProblems, ROUTE_COLUMNS, routeRow, type PatientRoute, type RouteDecision } from "../../stages/identify/routes.js";
import { compareRaters, writeSecondRater } from "../../stages/identify/second-rater.js";
import { suggestRoute } from "../../stages/identify/suggest-route.js";
import { summariseRoutes, SUMMARY_COLUMNS } from "../../stages/identify/summary.js";
import { identificationSheet } from "../../stages/identify/workbooks.js";
import { readContextRules } from "../../stages/screen/context/index.js";
import type { CompiledRules } from "../../stages/screen/context/types.js";
import { compileMatcher } from "../../stages/search/match.js";
import { CASE_GROUP } from "../../stages/search/terms.js";
import { loadEligible, loadPatients, loadTerms, notesOf, stageDir } from "../study.js";
import { reportWorkbookChanges } from "../workbook-messages.js";

/** The screening context rules, which tell a patient's own trafficking from other senses; optional here. */
function contextRules(config: ResolvedConfig): CompiledRules | undefined {
  if (config.contextRules || (config.preset && presetFile(config.preset, "contextRules"))) return readContextRules(ruleFile(config, "contextRules", "--context-rules"));
  return undefined;
}

async function run(ctx: CommandContext, _args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const config = ctx.config();
  const scheme = readCategories(ruleFile(config, "categories", "--categories"));
  const caseMatcher = compileMatcher(loadTerms(config).filter((t) => t.group === CASE_GROUP));
  const context = contextRules(config);
  if (!context) ctx.log.warn("identify: no context rules (--context-rules): every case-finding hit counts as a mention of the patient's own trafficking");
  const { ids } = await loadEligible(config, opts.eligible as string | undefined, ctx.cwd, ctx.log);
  const patients = await loadPatients(config, ctx.log);
  const dir = stageDir(config, "identification");
  const wbPath = join(dir, "identification.xlsx");
  const sheet = identificationSheet(scheme);

  // Decisions already made: read first, so a damaged workbook stops the run before anything is written.
  let decisions = new Map<string, RouteDecision>();
  if (existsSync(wbPath) && !ctx.flags.force) {
    const read = await readDecisionWorkbook(wbPath, sheet);
    if (read.problems.length > 0) {
      throw new UserError(`${read.problems[0]}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more)` : ""} — fix the workbook or rerun with --force to replace it (a backup is kept)`);
    }
    decisions = read.decisions;
  }

  const notes = await notesOf(config, ctx.cwd, ctx.log, new Set(ids));
  const routes: PatientRoute[] = ids.map((id) => ({
    patientId: id,
    group: groupFor(patients, id),
    suggestion: suggestRoute(notes.get(id) ?? [], scheme, caseMatcher, context),
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
          mentions: mentionContext(notes.get(p.patientId) ?? [], caseMatcher, context),
        },
      };
    }),
    { force: ctx.flags.force, now: () => new Date(), statusColumn: "status", droppedStatus: "no longer eligible" },
  );
  reportWorkbookChanges(ctx.log, "identify", wbPath, change);
  writeCsv(join(dir, "routes.csv"), ROUTE_COLUMNS, routes.map(routeRow));
  const summary = summariseRoutes(routes.map((p) => countedRoute(p, scheme)), scheme);
  writeCsv(join(dir, "summary.csv"), SUMMARY_COLUMNS, summary.map((r) => SUMMARY_COLUMNS.map((c) => r[c])));

  const sampling = { seed: config.seed, first: config.sampling.first, fraction: config.sampling.fraction };
  // The blinded rater-2 workbook is written unless --no-sample: the pipeline runs stages without flags.
  if (opts.sample !== false) {
    const group = new Map(routes.map((p) => [p.patientId, p.group]));
    const r2 = await writeSecondRater(dir, ids, (id) => ({ group: group.get(id) ?? "unknown", mentions: mentionContext(notes.get(id) ?? [], caseMatcher, context, 5, 2500) }), scheme, sampling, {
      force: ctx.flags.force,
      now: () => new Date(),
    });
    reportWorkbookChanges(ctx.log, "identify", r2.path, r2.change);
    ctx.log.info(`identify: second-rater sample of ${r2.sampled} patients (first ${sampling.first} + ${Math.round(sampling.fraction * 100)}% of the rest, seed ${sampling.seed}) in ${r2.path} — give it to rater 2`);
  }
  const compared = await compareRaters(dir, scheme, decisions, sampling);
  if (compared) {
    const k = compared.agreement.route.cohen_kappa;
    ctx.log.info(`identify: raters agree on the route for ${compared.compared} of ${compared.sampled} sampled patients compared: observed agreement ${compared.agreement.route.observed_agreement?.toFixed(3)}${k !== undefined ? `, Cohen's kappa ${k.toFixed(3)}` : ""} (agreement.json)`);
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

export const identifyCommand: CommandSpec = {
  name: "identify",
  summary: "suggest how each eligible patient was identified (directed content analysis)",
  studyOptions: true,
  locks: "study",
  configure(cmd: Command) {
    addEligibleOption(cmd);
    cmd.option("--no-sample", "do not write the blinded second-rater workbook 03-identification/second-rater.xlsx (a seeded sample: --first, --fraction, --seed)");
  },
  run,
};
