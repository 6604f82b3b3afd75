import { join } from "node:path";
import { writeCsv } from "../../../io/write-csv.js";
import type { BlindedLayout } from "../../../second-rater/blinded.js";
import { pairRatings } from "../../../second-rater/compare.js";
import { writeBlindedWorkbook } from "../../../second-rater/files.js";
import { drawSample } from "../../../second-rater/plan.js";
import { agreementRow, CODER_AGREEMENT_COLUMNS, coderAgreement } from "../coder-agreement.js";
import type { Codebook } from "../codebook/types.js";
import type { CoderDecision, Extract } from "../types.js";
import { readCoderDecisions } from "./decisions.js";
import { secondCoderSpec } from "./workbooks.js";

export interface SecondCoderResult {
  sample: number;
  codedByBoth: number;
  /** Extracts both coded with exactly the same codes. */
  identical: number;
}

/** Extracts are drawn at random only (no first N), so rows say nothing of why; `status` marks rows no longer drawn. */
const EXTRACTS: BlindedLayout = { status: "status" };

/**
 * The second coder's step: a seeded random `fraction` of the extracts in a blinded workbook
 * (`second-coder.xlsx`, decisions kept across re-runs) and, once both coders have coded some of them,
 * per-code and per-theme agreement in `coder-agreement.csv`.
 */
export async function secondCoder(
  dir: string,
  book: Codebook,
  extracts: readonly Extract[],
  first: ReadonlyMap<string, CoderDecision>,
  opts: { seed: number; fraction: number; force: boolean; now: () => Date },
): Promise<SecondCoderResult> {
  const path = join(dir, "second-coder.xlsx");
  const spec = secondCoderSpec(book, opts.seed, opts.fraction);
  const sample = drawSample(extracts.map((e) => e.extractId), { seed: opts.seed, first: 0, fraction: opts.fraction });
  const second = opts.force ? new Map<string, CoderDecision>() : await readCoderDecisions(path, spec, "codes");
  const byId = new Map(extracts.map((e) => [e.extractId, e]));
  await writeBlindedWorkbook(
    path,
    spec,
    sample,
    (id) => {
      const e = byId.get(id)!;
      return { group: e.group, date: e.date, text: e.text.replace(/\r\n?/g, "\n"), status: "" };
    },
    { force: opts.force, now: opts.now },
    EXTRACTS,
  );
  // Every extract both coded counts, in the second coder's sheet order, rows no longer drawn included.
  const pairs = pairRatings([...second.keys()], first, second, (d) => d.codes.length > 0).pairs.map((p) => ({ first: p.first.codes, second: p.second.codes }));
  if (pairs.length > 0) writeCsv(join(dir, "coder-agreement.csv"), CODER_AGREEMENT_COLUMNS, coderAgreement(book, pairs).map(agreementRow));
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((c, i) => c === [...b].sort()[i]);
  return { sample: sample.length, codedByBoth: pairs.length, identical: pairs.filter((p) => same(p.first, p.second)).length };
}
