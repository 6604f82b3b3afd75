/**
 * Derive the demo's synthetic coders from its truth files and the tool's own extraction
 * (scripts/demo-decisions/coders.ts). Extract ids come from the code stage run on the truth's eligible
 * patients, so run this again after a change to extraction or the codebook.
 *
 *   npm run build && npm run demo-coders              rewrite coder1-codes.csv and coder2-codes.csv
 *   npm run build && npm run demo-coders -- --check   exit 1 when the committed files are out of date
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { demoCoderFiles, demoExtracts } from "./demo-decisions/coders.js";
import { writeOrCheck } from "./demo-decisions/files.js";

const ROOT = join(import.meta.dirname, "..");
const DEMO = join(ROOT, "fixtures", "south-london-demo");
const OUT = join(DEMO, "raters");
const { values } = parseArgs({ options: { check: { type: "boolean", default: false } }, strict: true });

const csv = (path: string) => parse(readFileSync(path, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
const truth = csv(join(DEMO, "truth", "patients.csv"));
const config = JSON.parse(readFileSync(join(DEMO, "notes-analyse.config.json"), "utf8"));
const { files, summary } = demoCoderFiles(demoExtracts(ROOT, DEMO, truth), csv(join(DEMO, "truth", "evidence.csv")), config);
const names = writeOrCheck(OUT, files, values.check);
if (values.check) {
  process.stderr.write(names.length ? `demo coders: out of date: ${names.join(", ")} (run npm run build && npm run demo-coders)\n` : "demo coders: up to date\n");
  process.exit(names.length ? 1 : 0);
}
process.stderr.write(`demo coders: ${summary} → ${OUT}\n`);
