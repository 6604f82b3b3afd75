/**
 * How well the tool's suggestions agree with what is known about a set of notes, stage by stage.
 *
 *   npm run evaluate                          run the demo end to end (whole, dev half, held-out half)
 *                                             and ../shared/peer-data/dev-notes when it is there
 *   npm run evaluate -- --demo                the demo only
 *   npm run evaluate -- --set DIR             a labelled set only (folders of notes.csv, patients.csv, gold.csv)
 *   npm run evaluate -- --markdown            print only the README's figure table (Markdown)
 *   npm run evaluate -- --readme              …and write it into README.md between its evaluate markers
 *   npm run evaluate -- --out DIR [--truth DIR]   score an existing output folder against a truth/ folder
 *
 * The built CLI runs with the south-london-2015 preset in a temporary folder (`--work DIR` keeps it).
 * A labelled set is scored exactly as the demo: its gold.csv is read as truth rows. Exit 1 when any
 * eligible patient is suggested for exclusion, 2 on bad usage.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { writeFileAtomic } from "../src/io/atomic-write.js";
import { toCsv } from "../src/io/write-csv.js";
import { anyEligibleExcluded, columnFigures, type Column, type Outputs } from "./evaluate/figures.js";
import { goldToTruth, mergePatients, readLabelledSet } from "./evaluate/labelled-set.js";
import { evaluationMarkdown, figureTable } from "./evaluate/markdown.js";
import { readOutputs, runStages } from "./evaluate/run-stages.js";
import { evaluateRoutes, evaluateScreening, evaluateSearch, evaluateThemes, routesByShape, serviceConfusion, type Row } from "./evaluate/stages.js";
import { performanceCard } from "../src/report/performance/compute.js";
import { readCardInputs } from "../src/report/performance/read-inputs.js";
import { performanceLines } from "../src/report/performance/text.js";

const ROOT = resolve(import.meta.dirname, "..");
const DEMO = join(ROOT, "fixtures", "south-london-demo");
const DEV_NOTES = resolve(ROOT, "..", "shared", "peer-data", "dev-notes");
const README = join(ROOT, "README.md");
const BEGIN = "<!-- evaluate:begin (npm run evaluate -- --readme) -->";
const END = "<!-- evaluate:end -->";

function fail(message: string): never {
  process.stderr.write(`evaluate: ${message}\n`);
  process.exit(2);
}

const readRows = (path: string): Row[] => parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Row[];

/** One set's report: every stage's lines, indented under a title. */
function report(title: string, truth: readonly Row[], o: Outputs): string {
  const parts: string[] = [`== ${title}`];
  const add = (name: string, lines: string[] | undefined): void => void (lines && parts.push(`${name}\n${lines.map((l) => `  ${l}`).join("\n")}`));
  add("stage 1 search", o.returned && evaluateSearch(truth, o.returned));
  add("stage 2 screening", o.suggestions && evaluateScreening(truth, o.suggestions.filter((r) => truth.some((t) => t.patient_id === r.patient_id))));
  add("stage 3 identification", o.routes && [...evaluateRoutes(truth, o.routes), ...serviceConfusion(truth, o.routes), ...routesByShape(truth, o.routes)]);
  add("stage 4 themes, suggested codes", o.patientThemes && evaluateThemes(truth, o.patientThemes));
  return parts.join("\n") + "\n";
}

function eligibleFile(work: string, truth: readonly Row[]): string {
  const path = join(work, "eligible.csv");
  writeFileSync(path, toCsv(["patient_id"], truth.filter((r) => r.eligible === "yes").map((r) => [r.patient_id])));
  return path;
}

/** Run the demo end to end and score it whole and by bank half. */
function demoColumns(work: string, log: (s: string) => void): Column[] {
  const truth = readRows(join(DEMO, "truth", "patients.csv"));
  const dir = join(work, "demo");
  mkdirSync(dir, { recursive: true });
  log(`evaluate: running the demo (${truth.length} patients) in ${dir}\n`);
  runStages(ROOT, join(DEMO, "notes-analyse.config.json"), eligibleFile(dir, truth), join(dir, "out"));
  const outputs = readOutputs(join(dir, "out"));
  const half = (h: string): Row[] => truth.filter((r) => r.bank_half === h);
  const columns = [columnFigures("demo", truth, outputs), columnFigures("demo, dev half", half("dev"), outputs), columnFigures("demo, held-out half", half("heldout"), outputs)];
  log(report("demo (fixtures/south-london-demo)", truth, outputs));
  log(report("demo, dev half of the phrase banks", half("dev"), outputs));
  log(report("demo, held-out half of the phrase banks", half("heldout"), outputs));
  return columns;
}

/** Run a labelled set (gold.csv beside its notes) and score it as the demo is scored. */
function setColumn(setDir: string, work: string, log: (s: string) => void): Column {
  const set = readLabelledSet(setDir);
  const truth = goldToTruth(set.gold);
  const name = basename(resolve(setDir));
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const config: Record<string, unknown> = { notes: set.notes.map((f) => resolve(f)), preset: "south-london-2015", seed: 2015 };
  if (set.patients.length) {
    const merged = mergePatients(set.patients);
    writeFileSync(join(dir, "patients.csv"), toCsv(merged.header, merged.rows.map((r) => merged.header.map((h) => r[h] ?? ""))));
    config.patients = join(dir, "patients.csv");
  }
  writeFileSync(join(dir, "notes-analyse.config.json"), JSON.stringify(config, null, 2) + "\n");
  log(`evaluate: running ${name} (${truth.length} patients) in ${dir}\n`);
  runStages(ROOT, join(dir, "notes-analyse.config.json"), eligibleFile(dir, truth), join(dir, "out"));
  const outputs = readOutputs(join(dir, "out"));
  log(report(`${name} (${setDir})`, truth, outputs));
  return columnFigures(name, truth, outputs);
}

function writeReadme(markdown: string): void {
  const text = readFileSync(README, "utf8");
  const [a, b] = [text.indexOf(BEGIN), text.indexOf(END)];
  if (a < 0 || b < a) fail(`${README}: no "${BEGIN}" … "${END}" block to write the table into`);
  writeFileAtomic(README, `${text.slice(0, a + BEGIN.length)}\n${markdown}${text.slice(b)}`);
}

function args() {
  return parseArgs({
    options: {
      out: { type: "string" }, truth: { type: "string", default: join(DEMO, "truth") }, set: { type: "string" }, demo: { type: "boolean", default: false },
      markdown: { type: "boolean", default: false }, readme: { type: "boolean", default: false }, work: { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
}

async function main(): Promise<void> {
  let values: ReturnType<typeof args>["values"];
  try {
    values = args().values;
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)} (see npm run evaluate -- --help)`);
  }
  if (values.help) {
    process.stdout.write(readFileSync(import.meta.filename, "utf8").split("*/")[0].replace(/^\/\*\*?\n?/, "").replace(/^ \* ?/gm, ""));
    return;
  }
  if (values.out) {
    // Score an output folder someone already made.
    const truthFile = join(values.truth, "patients.csv");
    if (!existsSync(truthFile)) fail(`${truthFile} not found (use --truth DIR, the truth/ folder of a generated extract)`);
    if (!existsSync(values.out)) fail(`output folder ${values.out} not found (run the pipeline first, or give --out DIR)`);
    const truth = readRows(truthFile);
    const outputs = readOutputs(values.out);
    process.stdout.write(report(`${values.out} against ${values.truth}`, truth, outputs));
    // Against the study's own final decisions rather than the truth: what a user sees on their own notes.
    const card = performanceCard(await readCardInputs(values.out, values.seed === undefined ? 2015 : Number(values.seed)));
    process.stdout.write(`\nperformance card: the suggestions against this study's final human decisions\n${performanceLines(card).map((l) => `  ${l}`).join("\n")}\n`);
    process.exit(anyEligibleExcluded([columnFigures("out", truth, outputs)]) ? 1 : 0);
  }
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) fail("the CLI is not built: run npm run build first");
  const quiet = values.markdown || values.readme;
  const log = (s: string): void => void (quiet ? process.stderr.write(s.startsWith("evaluate:") ? s : "") : process.stdout.write(s));
  const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), "notes-analyse-evaluate-"));
  const columns: Column[] = [];
  try {
    if (values.demo || !values.set) columns.push(...demoColumns(work, log));
    if (values.set) columns.push(setColumn(values.set, work, log));
    else if (!values.demo) {
      if (existsSync(DEV_NOTES)) columns.push(setColumn(DEV_NOTES, work, log));
      else process.stderr.write(`evaluate: ${DEV_NOTES} not found; dev-notes skipped\n`);
    }
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    if (!values.work) rmSync(work, { recursive: true, force: true });
  }
  const markdown = evaluationMarkdown(columns, columns.filter((c) => c.name !== "demo, dev half").map((c) => c.name));
  if (values.readme) writeReadme(markdown);
  if (quiet) process.stdout.write(markdown);
  else process.stdout.write(`\n== figures\n${figureTable(columns)}\n`);
  process.exit(anyEligibleExcluded(columns) ? 1 : 0);
}

await main();
