import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { cli, SCENARIOS, type CliResult } from "./cli.js";
import { fillWorkbook, readColumn } from "./fill.js";

/** The forced-marriage scenario: a study of another topic, with its own preset-style files and raters. */
export const FORCED_MARRIAGE = join(SCENARIOS, "forced-marriage");

function decisions(file: string): Record<string, Record<string, string>> {
  const rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return Object.fromEntries(rows.map(({ patient_id, ...rest }) => [patient_id, rest]));
}

/**
 * Run a scenario's study end to end as its people would: `run` until it stops (exit 3) at each human
 * step, then type that step's decisions into the workbooks it wrote and run again. Screening and
 * identification decisions come from the scenario's `raters/` files; coder 1 accepts each suggested code
 * (or none), coder 2 the same but drops the first code of every third passage. Returns each run's result.
 */
export async function runScenarioStudy(dir: string, out: string): Promise<CliResult[]> {
  const config = join(dir, "notes-analyse.config.json");
  const raters = join(dir, "raters");
  const runs: CliResult[] = [];
  const run = () => {
    const r = cli(["run", "--config", config, "--out", out, "--json"]);
    runs.push(r);
    return r;
  };
  const filled = new Set<string>();
  for (let step = 0; step < 8; step++) {
    const r = run();
    if (r.code !== 3) return runs;
    const stopped = (JSON.parse(r.stdout) as { stopped_at?: string }).stopped_at ?? "";
    if (filled.has(stopped)) throw new Error(`run stopped at ${stopped} again after its decisions were filled: ${r.stderr}`);
    filled.add(stopped);
    if (stopped === "consensus") {
      await fillWorkbook(join(out, "02-screening", "screening.xlsx"), "Screening", "patient_id", decisions(join(raters, "rater1-screening.csv")));
      await fillWorkbook(join(out, "02-screening", "second-rater.xlsx"), "Screening", "patient_id", decisions(join(raters, "rater2-screening.csv")));
      const again = run();
      if (again.code !== 3) return runs;
      await fillWorkbook(join(out, "02-screening", "discrepancies.xlsx"), "Discrepancies", "patient_id", decisions(join(raters, "consensus.csv")));
    } else if (stopped === "identify") {
      await fillWorkbook(join(out, "03-identification", "identification.xlsx"), "Identification", "patient_id", decisions(join(raters, "routes-rater1.csv")));
      await fillWorkbook(join(out, "03-identification", "second-rater.xlsx"), "Identification", "patient_id", decisions(join(raters, "routes-rater2.csv")));
    } else if (stopped === "code") {
      const coded = join(out, "04-themes", "coded-extracts.xlsx");
      const suggested = await readColumn(coded, "Extracts", "extract_id", "suggested_codes");
      await fillWorkbook(coded, "Extracts", "extract_id", Object.fromEntries(Object.entries(suggested).map(([id, codes]) => [id, { final_codes: codes || "none" }])));
      const second = join(out, "04-themes", "second-coder.xlsx");
      const ids = Object.keys(await readColumn(second, "Extracts", "extract_id", "codes"));
      const fill = ids.map((id, i) => {
        const codes = (suggested[id] ?? "").split(";").filter(Boolean);
        return [id, { codes: (i % 3 === 0 ? codes.slice(1) : codes).join(";") || "none" }] as const;
      });
      await fillWorkbook(second, "Extracts", "extract_id", Object.fromEntries(fill));
    } else {
      throw new Error(`run stopped at ${stopped}, which this scenario has no decisions for: ${r.stderr}`);
    }
  }
  throw new Error("run kept stopping");
}
