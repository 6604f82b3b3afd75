/**
 * The demo's synthetic coders, derived from its truth: final codes for the extracts the tool's own
 * extraction produced, in the column layout of the coding workbooks (coder1-codes.csv: final_codes as
 * in coded-extracts.xlsx; coder2-codes.csv: codes as in the blinded second-coder.xlsx).
 *
 * A coder's codes for an extract are the truth's theme codes planted inside it (truth/evidence.csv), or
 * `none`. Coder 1 codes the second coder's sample (what stage 4 draws: 10% of extracts, seed 2015) and a
 * further seeded fifth of the extracts, so the report shows results from coded and uncoded extracts
 * alike; coder 2 codes the sample, leaving out or adding a code now and then, so per-code agreement is
 * not trivially perfect.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { createRandom } from "../../src/core/random.js";
import { toCsv } from "../../src/io/write-csv.js";
import { drawSample } from "../../src/second-rater/plan.js";

type Row = Readonly<Record<string, string>>;

/** Coder files from the extraction's rows and the truth's evidence. Pure. */
export function demoCoderFiles(extracts: readonly Row[], evidence: readonly Row[], config: { seed?: number; sampling?: { fraction?: number } }): { files: Record<string, string>; summary: string } {
  const seed = config.seed ?? 2015;
  const fraction = config.sampling?.fraction ?? 0.1;
  const planted = new Map<string, { code: string; start: number; end: number }[]>();
  for (const e of evidence) {
    if (e.kind !== "theme") continue;
    const list = planted.get(e.note_id) ?? [];
    list.push({ code: e.label, start: Number(e.start), end: Number(e.end) });
    planted.set(e.note_id, list);
  }
  const truthCodes = (x: Row): string[] => {
    const [s, e] = [Number(x.start), Number(x.end)];
    return [...new Set((planted.get(x.note_id) ?? []).filter((p) => p.start < e && p.end > s).map((p) => p.code))].sort();
  };
  const ids = extracts.map((x) => x.extract_id);
  const secondSample = new Set(drawSample(ids, { first: 0, fraction, seed }).map((s) => s.id));
  const rnd = createRandom(`${seed}:coders`);
  const extra = new Set(rnd.shuffle(ids.filter((id) => !secondSample.has(id))).slice(0, Math.round(ids.length / 5)));
  const byId = new Map(extracts.map((x) => [x.extract_id, x]));
  const joined = (codes: string[]): string => (codes.length ? codes.join(";") : "none");

  const coder1 = ids.filter((id) => secondSample.has(id) || extra.has(id)).map((id) => [id, joined(truthCodes(byId.get(id)!))]);
  const allCodes = [...new Set([...planted.values()].flat().map((p) => p.code))].sort();
  let changed = 0;
  const coder2 = ids.filter((id) => secondSample.has(id)).map((id) => {
    let codes = truthCodes(byId.get(id)!);
    if (rnd.chance(0.12)) {
      changed++;
      codes = codes.length > 1 && rnd.chance(0.5) ? codes.slice(1) : [...new Set([...codes, rnd.pick(allCodes)])].sort();
    }
    return [id, joined(codes)];
  });
  return {
    files: { "coder1-codes.csv": toCsv(["extract_id", "final_codes"], coder1), "coder2-codes.csv": toCsv(["extract_id", "codes"], coder2) },
    summary: `${extracts.length} extracts; coder 1 coded ${coder1.length}, coder 2 coded ${coder2.length} (${changed} differ)`,
  };
}

/**
 * The extracts the built CLI's code stage makes from the demo for the truth's eligible patients (run
 * in a temporary folder, removed afterwards). Needs `npm run build` first.
 */
export function demoExtracts(root: string, demoDir: string, truth: readonly Row[]): Row[] {
  const work = mkdtempSync(join(tmpdir(), "demo-coders-"));
  try {
    const eligible = join(work, "eligible.csv");
    writeFileSync(eligible, `patient_id\n${truth.filter((t) => t.eligible === "yes").map((t) => t.patient_id).join("\n")}\n`);
    execFileSync(
      process.execPath,
      [join(root, "bin", "notes-analyse.js"), "code", "--config", join(demoDir, "notes-analyse.config.json"), "--eligible", eligible, "--out", join(work, "out"), "--quiet"],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    return parse(readFileSync(join(work, "out", "04-themes", "extracts.csv"), "utf8"), { columns: true, bom: true }) as Row[];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
