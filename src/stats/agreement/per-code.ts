import { cohenKappa } from "./cohen.js";
import { krippendorffAlpha } from "./krippendorff.js";
import { compareCategories, contingencyTable } from "./table.js";

/** The codes two coders gave one extract. */
export interface CodedExtract {
  first: readonly string[];
  second: readonly string[];
}

/** Agreement of two coders on one code, each extract counted as present or absent. */
export interface CodeAgreement {
  code: string;
  extracts: number;
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
  observedAgreement: number | null;
  kappa: number | null;
  alpha: number | null;
  /** Why kappa or alpha is `null` (no extracts, or no variation in this code). */
  why: string;
}

const ABSENT = "absent";
const PRESENT = "present";

/**
 * Per-code agreement between two coders (SPEC §2, stage 4): for each code, Cohen's kappa and
 * Krippendorff's alpha on the 2×2 table of present/absent over the extracts both coded. Pass only the
 * extracts both coders finished. `codes` fixes which codes and in what order; by default every code
 * either coder used, sorted. For a code neither coder used (or one both gave every extract) kappa and
 * alpha are undefined, `null` with the reason: agreement on it says nothing beyond chance; with no
 * extracts every figure is `null`.
 */
export function perCodeAgreement(extracts: readonly CodedExtract[], codes?: readonly string[]): CodeAgreement[] {
  const sets = extracts.map((e) => ({ first: new Set(e.first), second: new Set(e.second) }));
  const all = codes ?? [...new Set(extracts.flatMap((e) => [...e.first, ...e.second]))].sort(compareCategories);
  return all.map((code) => {
    const pairs = sets.map(
      (s) => [s.first.has(code) ? PRESENT : ABSENT, s.second.has(code) ? PRESENT : ABSENT] as [string, string],
    );
    const table = contingencyTable(pairs, [ABSENT, PRESENT]);
    const cohen = cohenKappa(table);
    const alpha = krippendorffAlpha(pairs);
    const used = table.counts[1][1] + table.counts[1][0] + table.counts[0][1] > 0;
    const why = table.n === 0 ? "no extract was coded by both coders" : !used ? "neither coder used this code" : (cohen?.why.kappa ?? alpha?.why ?? "");
    return {
      code,
      extracts: table.n,
      both: table.counts[1][1],
      firstOnly: table.counts[1][0],
      secondOnly: table.counts[0][1],
      neither: table.counts[0][0],
      observedAgreement: cohen?.observed ?? null,
      kappa: cohen?.kappa ?? null,
      alpha: alpha?.alpha ?? null,
      why,
    };
  });
}
