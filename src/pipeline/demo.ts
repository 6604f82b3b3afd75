import { existsSync } from "node:fs";
import { join } from "node:path";
import { TOOL_ROOT } from "../core/paths.js";
import { ARTEFACTS } from "../io/artefacts.js";
import { fillEmptyDecisions } from "../io/fill-decisions.js";
import { readCsvRows } from "../io/read-csv-rows.js";
import { withOwnWriteSet } from "../io/write-set.js";
import { cellText, readWorkbook } from "../io/workbook.js";
import type { StageHook } from "./run-stages.js";
import type { StageLog } from "./stage.js";

/** The bundled synthetic extract, resolved from the installed package (works from src/ and dist/). */
export const DEMO_DIR = join(TOOL_ROOT, "fixtures", "south-london-demo");
export const DEMO_RATERS = join(DEMO_DIR, "raters");

/**
 * Where the bundled synthetic decisions go: for each workbook, the rater file whose columns are that
 * workbook's decision headers, keyed by its id column. Each is applied to the workbook the stage has
 * just written, filling only empty cells — the same path a person's filled workbook takes.
 */
export const DEMO_FILLS: Record<string, { workbook: string; sheet: string; id: string; file: string }[]> = {
  consensus: [
    { workbook: ARTEFACTS.screeningWorkbook.path, sheet: "Screening", id: "patient_id", file: "rater1-screening.csv" },
    { workbook: ARTEFACTS.secondRaterScreening.path, sheet: "Screening", id: "patient_id", file: "rater2-screening.csv" },
    { workbook: ARTEFACTS.discrepancies.path, sheet: "Discrepancies", id: "patient_id", file: "consensus.csv" },
  ],
  identify: [
    { workbook: ARTEFACTS.identificationWorkbook.path, sheet: "Identification", id: "patient_id", file: "routes-rater1.csv" },
    { workbook: ARTEFACTS.secondRaterRoutes.path, sheet: "Identification", id: "patient_id", file: "routes-rater2.csv" },
  ],
  code: [
    { workbook: ARTEFACTS.codedExtracts.path, sheet: "Extracts", id: "extract_id", file: "coder1-codes.csv" },
    { workbook: ARTEFACTS.secondCoder.path, sheet: "Extracts", id: "extract_id", file: "coder2-codes.csv" },
  ],
};

/**
 * Rows the bundled raters leave empty, confirmed from the workbook's own suggestion: the synthetic
 * first coder coded a sample of the extracts by hand and accepts the suggested codes (or `none`) on the
 * rest, so `run` finds the coding confirmed, as a coder would leave it. Results do not change: an
 * uncoded extract counts with its suggestions anyway.
 */
export const DEMO_ACCEPTS: Record<string, { workbook: string; sheet: string; id: string; decision: string; suggestion: string; none: string }[]> = {
  code: [{ workbook: ARTEFACTS.codedExtracts.path, sheet: "Extracts", id: "extract_id", decision: "final_codes", suggestion: "suggested_codes", none: "none" }],
};

/** Fill a stage's workbooks from the bundled synthetic raters; returns the cells filled. */
export async function applyDemoDecisions(stage: string, out: string, ratersDir = DEMO_RATERS): Promise<number> {
  let filled = 0;
  for (const f of DEMO_FILLS[stage] ?? []) {
    const workbook = join(out, f.workbook);
    const file = join(ratersDir, f.file);
    if (!existsSync(workbook) || !existsSync(file)) continue;
    const rows = await readCsvRows(file, [f.id]);
    const values = new Map(rows.map((r) => [r.values[f.id], Object.fromEntries(Object.entries(r.values).filter(([k]) => k !== f.id))]));
    filled += await fillEmptyDecisions(workbook, f.sheet, f.id, values);
  }
  for (const a of DEMO_ACCEPTS[stage] ?? []) {
    const workbook = join(out, a.workbook);
    if (!existsSync(workbook)) continue;
    const ws = (await readWorkbook(workbook)).getWorksheet(a.sheet);
    if (!ws) continue;
    const col = new Map<string, number>();
    ws.getRow(1).eachCell((c, i) => col.set(cellText(c).trim(), i));
    const [idCol, from] = [col.get(a.id), col.get(a.suggestion)];
    if (!idCol || !from) continue;
    const values = new Map<string, Record<string, string>>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const id = cellText(row.getCell(idCol)).trim();
      if (id) values.set(id, { [a.decision]: cellText(row.getCell(from)).trim() || a.none });
    }
    filled += await fillEmptyDecisions(workbook, a.sheet, a.id, values);
  }
  return filled;
}

/**
 * The demo's answer to a human step, as `run`'s stage hook: workbooks that only confirm suggestions do
 * not stop a stage, so after its first attempt the synthetic raters fill them and the stage reads them
 * back (a stage whose workbooks are all filled gets nothing); a stage that stopped for a person is run
 * again once they have filled its workbooks, at most four times.
 */
export function demoRaters(out: string, log: StageLog): StageHook {
  const fill = async (stage: string) => (await withOwnWriteSet(() => applyDemoDecisions(stage, out))) > 0;
  return async (stage, attempt, pending) => {
    if (!pending) return attempt === 0 && Boolean(DEMO_FILLS[stage]) && (await fill(stage));
    if (attempt >= 4 || !(await fill(stage))) return false;
    log.info(`run: ${stage} — filled the pending workbook(s) from the demo's synthetic raters`);
    return true;
  };
}
