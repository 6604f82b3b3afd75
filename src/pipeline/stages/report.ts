import { isAbsolute, relative } from "node:path";
import { artefactPaths as files } from "../../io/artefacts.js";
import { ELIGIBLE_OPTION, type Stage, type StageContext } from "../stage.js";
import { readReportInputs } from "../../report/read-inputs.js";
import { isThere, type Part } from "../../report/report-inputs.js";
import { writeReport } from "../../report/write-report.js";
import { optionalRuleFile } from "../../config/load.js";
import { reasonLabeller } from "../../report/flow.js";
import { routeSchemeOf } from "../../report/routes.js";
import { readTable1Spec } from "../../report/table1-spec.js";
import { readCategories } from "../../stages/identify/read-categories.js";
import { loadEligible, loadPatients, loadReasons, loadTopic, stageDir } from "../study.js";
import { VERSION } from "../../core/version.js";

type PartKey = "flow" | "routes" | "agreement" | "coderAgreement" | "themeMaps" | "frequencies" | "quotes";

const SECTION_NAMES: [PartKey, string][] = [
  ["flow", "flow"],
  ["routes", "identification routes"],
  ["agreement", "agreement"],
  ["coderAgreement", "coder agreement"],
  ["themeMaps", "theme maps"],
  ["frequencies", "code frequencies"],
  ["quotes", "quotes"],
];

async function run(ctx: StageContext, opts: Record<string, unknown>): Promise<{ summary: unknown }> {
  const config = ctx.config();
  const eligible = await loadEligible(config, opts.eligible as string | undefined, ctx.cwd, ctx.log);
  const patients = await loadPatients(config, ctx.log, new Set(eligible.ids));
  const rel = relative(config.out, eligible.file);
  const shown = rel.startsWith("..") || isAbsolute(rel) ? eligible.file : rel.split("\\").join("/");
  // The study's own words: its topic, its reasons' and categories' labels, its Table 1.
  const categories = optionalRuleFile(config, "categories", "--categories");
  const vocabulary = { topic: loadTopic(config), reasonLabel: reasonLabeller(loadReasons(config).all), ...(categories ? { routes: routeSchemeOf(readCategories(categories)) } : {}) };
  const table1Spec = readTable1Spec(optionalRuleFile(config, "table1", "--table1"));
  const inputs = await readReportInputs(config, VERSION, { file: eligible.file, shown }, patients, (m) => ctx.log.warn(m), vocabulary, table1Spec);
  const dir = stageDir(config, "report");
  const files = await writeReport(dir, inputs);

  const n = inputs.table1.table.n;
  const sections: Record<string, boolean> = {};
  ctx.log.info(`report: Table 1 of ${n.total} included patients (${n.adult} adult, ${n.child} child)`);
  for (const [key, name] of SECTION_NAMES) {
    const part: Part<unknown> = inputs[key];
    sections[name] = isThere(part);
    if (!isThere(part)) ctx.log.info(`report: ${name}: ${part.missing}`);
  }
  const drafts = inputs.drafts ?? [];
  for (const d of drafts) ctx.log.warn(`report: DRAFT: ${d.what}`);
  ctx.log.info(`report: wrote ${dir}/${files.join(", ")}${drafts.length ? " (marked DRAFT)" : ""}`);
  return { summary: { included: n.total, adult: n.adult, child: n.child, sections, draft: drafts.map((d) => d.what), files, out: dir } };
}

/** The report: Table 1, flow diagram, routes, agreement, theme maps and quotes, as HTML and a workbook. */
export const reportStage: Stage = {
  name: "report",
  requires: files("eligible"),
  reads: [
    ...files("flow", "screeningAgreement", "routeSummary", "routeAgreement", "codeFrequencies", "quotes", "themeMapAdult", "themeMapChild", "coderAgreement"),
    // The performance card compares the suggestions with the final decisions.
    ...files("hits", "suggestions", "screeningWorkbook", "routes", "extracts"),
  ],
  produces: files("reportHtml", "reportWorkbook", "table1", "flowSvg"),
  usesNotes: false,
  usesPatients: true,
  // The study's words: reasons' labels, categories' labels and groups, the topic, Table 1.
  rules: ["contextRules", "categories", "topic", "table1"],
  settings: ["patients", "childAgeCutoff", "seed", "columns", "encoding", "delimiter"],
  options: [ELIGIBLE_OPTION],
  run,
};
