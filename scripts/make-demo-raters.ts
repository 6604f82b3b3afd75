/**
 * Derive the demo's synthetic human decisions from its truth files (scripts/demo-decisions/raters.ts),
 * in the column layout of the workbooks they fill (fixtures/south-london-demo/raters/). `run --demo`
 * applies them to the workbooks the stages write, filling only empty cells, exactly as a person's
 * filled-in workbook is read. Codes for extracts come from `make-demo-coders.ts`.
 *
 *   npm run demo-raters              rewrite the rater files (byte-identical for the same truth and seed)
 *   npm run demo-raters -- --check   exit 1 when the committed files differ from what the truth gives
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { demoRaterFiles, type TruthRow } from "./demo-decisions/raters.js";
import { writeOrCheck } from "./demo-decisions/files.js";

const DEMO = join(import.meta.dirname, "..", "fixtures", "south-london-demo");
const OUT = join(DEMO, "raters");
const { values } = parseArgs({ options: { check: { type: "boolean", default: false } }, strict: true });

const truth = parse(readFileSync(join(DEMO, "truth", "patients.csv"), "utf8"), { columns: true }) as TruthRow[];
const config = JSON.parse(readFileSync(join(DEMO, "notes-analyse.config.json"), "utf8"));
const { files, summary } = demoRaterFiles(truth, config);
const names = writeOrCheck(OUT, files, values.check);
if (values.check) {
  process.stderr.write(names.length ? `demo raters: out of date: ${names.join(", ")} (run npm run demo-raters)\n` : "demo raters: up to date\n");
  process.exit(names.length ? 1 : 0);
}
process.stderr.write(`demo raters: ${summary} → ${OUT}\n`);
