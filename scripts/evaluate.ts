/**
 * How well the tool's automatic suggestions agree with the synthetic extract's truth, stage by stage.
 *
 *   npm run evaluate [-- --out notes-analyse-demo] [--truth fixtures/south-london-demo/truth]
 *
 * Runs nothing: it reads an existing output folder. A stage whose output is absent is skipped.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { performanceCard } from "../src/report/performance/compute.js";
import { readCardInputs } from "../src/report/performance/read-inputs.js";
import { performanceLines } from "../src/report/performance/text.js";
import { evaluateRoutes, evaluateScreening, evaluateSearch, evaluateThemes, suggestedPatientThemes, type Row } from "./evaluate/stages.js";

function readRows(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

const STAGES = [
  { name: "stage 1 search", file: "01-search/patients.csv", run: evaluateSearch },
  { name: "stage 2 screening", file: "02-screening/suggestions.csv", run: evaluateScreening },
  { name: "stage 3 identification", file: "03-identification/routes.csv", run: evaluateRoutes },
  { name: "stage 4 themes, suggested codes", file: "04-themes/extracts.csv", run: (truth: readonly Row[], rows: readonly Row[]) => evaluateThemes(truth, suggestedPatientThemes(rows)) },
] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: "string", default: "notes-analyse-demo" }, truth: { type: "string", default: "fixtures/south-london-demo/truth" }, seed: { type: "string" } },
    strict: true,
  });
  const truthFile = join(values.truth, "patients.csv");
  if (!existsSync(truthFile)) {
    process.stderr.write(`evaluate: ${truthFile} not found (use --truth DIR, the truth/ folder of a generated extract)\n`);
    process.exit(2);
  }
  if (!existsSync(values.out)) {
    process.stderr.write(`evaluate: output folder ${values.out} not found (run the pipeline first, or give --out DIR)\n`);
    process.exit(2);
  }
  const truth = readRows(truthFile);
  process.stdout.write(`evaluating ${values.out} against ${values.truth}\n`);
  for (const stage of STAGES) {
    const path = join(values.out, stage.file);
    if (!existsSync(path)) {
      process.stdout.write(`\n${stage.name}: skipped (${stage.file} not found)\n`);
      continue;
    }
    process.stdout.write(`\n${stage.name} (${stage.file})\n${stage.run(truth, readRows(path)).map((l) => `  ${l}`).join("\n")}\n`);
  }
  // Against the study's own final decisions rather than the truth: what a user sees on their own notes.
  const card = performanceCard(await readCardInputs(values.out, values.seed === undefined ? 2015 : Number(values.seed)));
  process.stdout.write(`\nperformance card: the suggestions against this study's final human decisions\n${performanceLines(card).map((l) => `  ${l}`).join("\n")}\n`);
}

await main();
