import { cohenKappa } from "./cohen.js";
import { fleissKappa } from "./fleiss.js";
import { gwetAc1 } from "./gwet.js";
import { krippendorffAlpha } from "./krippendorff.js";
import { pabak, prevalenceBias } from "./pabak.js";
import { categoriesOf, completePairs, contingencyTable, type Ratings } from "./table.js";

/**
 * The agreement figures of SPEC §7, keyed as the JSON output is. A figure is absent where it does not
 * apply (two-rater figures with three or more raters; prevalence and bias beyond 2×2 tables) or where
 * there is no data for it (no item rated by every rater, no item with two ratings).
 */
export interface AgreementReport {
  raters: number;
  /** Items with at least one rating. */
  items: number;
  /** Items rated by every rater: the two-rater figures and Fleiss' kappa use these. */
  items_compared: number;
  /** Items with at least two ratings: Krippendorff's alpha uses these. */
  items_pairable: number;
  /** Every category any rater used, sorted (numbers numerically). */
  categories: string[];
  /** Two raters: po. Three or more: mean proportion of agreeing rater pairs per item (Fleiss' P̄). */
  observed_agreement?: number;
  cohen_kappa?: number;
  cohen_kappa_se?: number;
  cohen_kappa_ci95?: [number, number];
  pabak?: number;
  gwet_ac1?: number;
  prevalence_index?: number;
  bias_index?: number;
  krippendorff_alpha?: number;
  fleiss_kappa?: number;
  /** Rater 1's category → rater 2's category → count. */
  confusion_matrix?: Record<string, Record<string, number>>;
}

/**
 * Every agreement figure for a set of ratings. Two raters get the two-rater figures (on the items both
 * rated, over every category either used) plus Fleiss' kappa and Krippendorff's alpha; three or more
 * get Fleiss' kappa (items rated by all) and Krippendorff's alpha (items with two or more ratings).
 */
export function summariseAgreement(ratings: Ratings): AgreementReport {
  if (ratings.raters.length < 2) throw new RangeError("agreement needs at least two raters");
  const rows = ratings.values.filter((r) => r.some((v) => v !== null));
  const categories = categoriesOf(ratings);
  const alpha = krippendorffAlpha(rows);
  const fleiss = fleissKappa(rows);
  const report: AgreementReport = {
    raters: ratings.raters.length,
    items: rows.length,
    items_compared: rows.filter((r) => r.every((v) => v !== null)).length,
    items_pairable: alpha?.items ?? 0,
    categories,
  };
  if (ratings.raters.length === 2) {
    const table = contingencyTable(completePairs(ratings), categories);
    const cohen = cohenKappa(table);
    if (cohen) {
      const pb = prevalenceBias(table);
      Object.assign(report, {
        observed_agreement: cohen.observed,
        cohen_kappa: cohen.kappa,
        cohen_kappa_se: cohen.se,
        cohen_kappa_ci95: cohen.ci95,
        pabak: pabak(table)!,
        gwet_ac1: gwetAc1(table)!,
        ...(pb ? { prevalence_index: pb.prevalence, bias_index: pb.bias } : {}),
      });
    }
    if (alpha) report.krippendorff_alpha = alpha.alpha;
    if (fleiss) report.fleiss_kappa = fleiss.kappa;
    if (cohen) {
      report.confusion_matrix = Object.fromEntries(
        categories.map((c, i) => [c, Object.fromEntries(categories.map((d, j) => [d, table.counts[i][j]]))]),
      );
    }
  } else {
    if (fleiss) report.observed_agreement = fleiss.observed;
    if (alpha) report.krippendorff_alpha = alpha.alpha;
    if (fleiss) report.fleiss_kappa = fleiss.kappa;
  }
  return report;
}
