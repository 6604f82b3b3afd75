/**
 * Derive the demo's synthetic coders from its truth files: final codes for extracts, in the column
 * layout of the coding workbooks (fixtures/south-london-demo/raters/coder1-codes.csv: final_codes as in
 * coded-extracts.xlsx; coder2-codes.csv: codes as in the blinded second-coder.xlsx).
 *
 *   npm run build && npm run demo-coders
 *
 * Extract ids come from the tool's own extraction (the code stage run on the truth's eligible patients),
 * so run this again after a change to extraction or the codebook. A coder's codes for an extract are
 * the truth's theme codes planted inside it (`truth/evidence.csv`), or `none`. Coder 1 codes the second
 * coder's sample (what stage 4 draws: 10% of extracts, seed 2015) and a further seeded fifth of the
 * extracts, so the report shows results from coded and uncoded extracts alike; coder 2 codes the sample,
 * leaving out or adding a code now and then, so per-code agreement is not trivially perfect.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { createRandom } from "../src/core/random.js";
import { writeCsv } from "../src/io/write-csv.js";
import { drawSample } from "../src/stages/sample/draw-sample.js";

const ROOT = join(import.meta.dirname, "..");
const DEMO = join(ROOT, "fixtures", "south-london-demo");
const OUT = join(DEMO, "raters");
const config = JSON.parse(readFileSync(join(DEMO, "notes-analyse.config.json"), "utf8")) as { seed?: number; sampling?: { fraction?: number } };
const seed = config.seed ?? 2015;
const fraction = config.sampling?.fraction ?? 0.1;

type Row = Record<string, string>;
const csv = (path: string) => parse(readFileSync(path, "utf8"), { columns: true, bom: true }) as Row[];

const truth = csv(join(DEMO, "truth", "patients.csv"));
const work = mkdtempSync(join(tmpdir(), "demo-coders-"));
const eligible = join(work, "eligible.csv");
writeFileSync(eligible, `patient_id\n${truth.filter((t) => t.eligible === "yes").map((t) => t.patient_id).join("\n")}\n`);
execFileSync(
  process.execPath,
  [join(ROOT, "bin", "notes-analyse.js"), "code", "--config", join(DEMO, "notes-analyse.config.json"), "--eligible", eligible, "--out", join(work, "out"), "--quiet"],
  { stdio: "inherit" },
);
const extracts = csv(join(work, "out", "04-themes", "extracts.csv"));

// The truth's planted theme fragments, by note.
const planted = new Map<string, { code: string; start: number; end: number }[]>();
for (const e of csv(join(DEMO, "truth", "evidence.csv"))) {
  if (e.kind !== "theme") continue;
  const list = planted.get(e.note_id) ?? [];
  list.push({ code: e.label, start: Number(e.start), end: Number(e.end) });
  planted.set(e.note_id, list);
}
function truthCodes(x: Row): string[] {
  const [s, e] = [Number(x.start), Number(x.end)];
  const codes = (planted.get(x.note_id) ?? []).filter((p) => p.start < e && p.end > s).map((p) => p.code);
  return [...new Set(codes)].sort();
}

const ids = extracts.map((x) => x.extract_id);
const secondSample = new Set(drawSample(ids, 0, fraction, seed).map((s) => s.id));
const rnd = createRandom(`${seed}:coders`);
const extra = new Set(rnd.shuffle(ids.filter((id) => !secondSample.has(id))).slice(0, Math.round(ids.length / 5)));
const byId = new Map(extracts.map((x) => [x.extract_id, x]));
const join_ = (codes: string[]) => (codes.length ? codes.join(";") : "none");

const coder1 = ids.filter((id) => secondSample.has(id) || extra.has(id));
writeCsv(join(OUT, "coder1-codes.csv"), ["extract_id", "final_codes"], coder1.map((id) => [id, join_(truthCodes(byId.get(id)!))]));

const allCodes = [...new Set([...planted.values()].flat().map((p) => p.code))].sort();
let changed = 0;
const coder2 = ids.filter((id) => secondSample.has(id)).map((id) => {
  let codes = truthCodes(byId.get(id)!);
  if (rnd.chance(0.12)) {
    changed++;
    codes = codes.length > 1 && rnd.chance(0.5) ? codes.slice(1) : [...new Set([...codes, rnd.pick(allCodes)])].sort();
  }
  return [id, join_(codes)];
});
writeCsv(join(OUT, "coder2-codes.csv"), ["extract_id", "codes"], coder2);
process.stderr.write(`demo coders: ${extracts.length} extracts; coder 1 coded ${coder1.length}, coder 2 coded ${coder2.length} (${changed} differ) → ${OUT}\n`);
