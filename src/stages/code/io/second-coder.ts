import { join } from "node:path";
import { writeDecisionWorkbook } from "../../../io/decision-workbook.js";
import { writeCsv } from "../../../io/write-csv.js";
import { drawSample } from "../../sample/draw-sample.js";
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
  const sample = new Set(drawSample(extracts.map((e) => e.extractId), 0, opts.fraction, opts.seed).map((s) => s.id));
  const second = opts.force ? new Map<string, CoderDecision>() : await readCoderDecisions(path, spec, "codes");
  await writeDecisionWorkbook(
    path,
    spec,
    extracts.filter((e) => sample.has(e.extractId)).map((e) => ({ id: e.extractId, evidence: { group: e.group, date: e.date, text: e.text.replace(/\r\n?/g, "\n"), status: "" } })),
    { force: opts.force, now: opts.now, statusColumn: "status" },
  );
  const pairs = [...second.entries()]
    .filter(([id, d]) => d.codes.length > 0 && (first.get(id)?.codes.length ?? 0) > 0)
    .map(([id, d]) => ({ first: first.get(id)!.codes, second: d.codes }));
  if (pairs.length > 0) writeCsv(join(dir, "coder-agreement.csv"), CODER_AGREEMENT_COLUMNS, coderAgreement(book, pairs).map(agreementRow));
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((c, i) => c === [...b].sort()[i]);
  return { sample: sample.size, codedByBoth: pairs.length, identical: pairs.filter((p) => same(p.first, p.second)).length };
}
