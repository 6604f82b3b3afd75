import { cohenKappa } from "./cohen.js";
import { fleissKappa } from "./fleiss.js";
import { gwetAc1 } from "./gwet.js";
import { METHODS } from "./interval.js";
import { bootstrapAlpha, krippendorffAlpha } from "./krippendorff.js";
import { pabak, prevalenceBias } from "./pabak.js";
import { compareCategories, completePairs, contingencyTable, type Ratings } from "./table.js";
import { weightedKappa, type WeightScheme } from "./weighted.js";

/**
 * The agreement figures of SPEC §7, keyed as the JSON output is. A figure is absent where it does not
 * apply (two-rater figures with three or more raters; prevalence and bias beyond 2×2 tables; weighted
 * kappa unless weights were asked for) or where there is no data for it (no item rated by every rater,
 * no item with two ratings); it is `null` where it applies but is undefined for these data, and
 * `why_undefined` then says why.
 */
export interface AgreementReport {
  raters: number;
  /** Items with at least one rating. */
  items: number;
  /** Items rated by every rater: the two-rater figures and Fleiss' kappa use these. */
  items_compared: number;
  /** Items with at least two ratings: Krippendorff's alpha uses these. */
  items_pairable: number;
  /** The categories the figures count: `--order` when given, else every category used on an item with two or more ratings. */
  categories: string[];
  /** Categories used only on items with a single rating: they take no part in any figure. */
  categories_not_compared?: string[];
  /** Two raters: items both rated the same. */
  items_agreed?: number;
  /** Two raters: po. Three or more: mean proportion of agreeing rater pairs per item (Fleiss' P̄). */
  observed_agreement?: number;
  cohen_kappa?: number | null;
  cohen_kappa_se?: number | null;
  cohen_kappa_ci95?: [number, number] | null;
  weights?: WeightScheme;
  weighted_kappa?: number | null;
  weighted_kappa_se?: number | null;
  weighted_kappa_ci95?: [number, number] | null;
  pabak?: number | null;
  gwet_ac1?: number | null;
  gwet_ac1_se?: number | null;
  gwet_ac1_ci95?: [number, number] | null;
  prevalence_index?: number;
  bias_index?: number;
  krippendorff_alpha?: number | null;
  krippendorff_alpha_ci95?: [number, number] | null;
  krippendorff_alpha_bootstrap?: { resamples: number; used: number; seed: number };
  fleiss_kappa?: number | null;
  /** Rater 1's category → rater 2's category → count. */
  confusion_matrix?: Record<string, Record<string, number>>;
  /** How each interval was computed. */
  methods?: Record<string, string>;
  /** Why each `null` figure is undefined. */
  why_undefined?: Record<string, string>;
}

export interface AgreementOptions {
  /** The rating scale in order: every category counts even when unused; weighted kappa needs it. */
  order?: readonly string[];
  weights?: WeightScheme;
  /** Krippendorff's alpha interval: resamples (0 for none) and seed. Default 1000 resamples, seed 2015. */
  bootstrap?: { resamples: number; seed: number };
}

export const DEFAULT_BOOTSTRAP = { resamples: 1000, seed: 2015 } as const;

/** A rating not on the `--order` scale. */
export class OffScaleRating extends RangeError {
  constructor(readonly rating: string) {
    super(`rating "${rating}" is not one of the categories given in order`);
  }
}

/**
 * Every agreement figure for a set of ratings. Two raters get the two-rater figures (on the items both
 * rated) plus Fleiss' kappa and Krippendorff's alpha; three or more get Fleiss' kappa (items rated by
 * all) and Krippendorff's alpha (items with two or more ratings). The categories are those used on items
 * with two or more ratings (or the `order` scale): a category seen only on an item one rater skipped
 * counts nowhere, so the figures do not depend on which unpaired items a file happens to hold.
 */
export function summariseAgreement(ratings: Ratings, options: AgreementOptions = {}): AgreementReport {
  if (ratings.raters.length < 2) throw new RangeError("agreement needs at least two raters");
  const rows = ratings.values.filter((r) => r.some((v) => v !== null));
  const pairable = rows.filter((r) => r.filter((v) => v !== null).length >= 2);
  const used = new Set<string>();
  for (const r of pairable) for (const v of r) if (v !== null) used.add(v);
  const all = new Set<string>();
  for (const r of rows) for (const v of r) if (v !== null) all.add(v);
  if (options.order) for (const v of all) if (!options.order.includes(v)) throw new OffScaleRating(v);
  const categories = options.order ? [...options.order] : [...used].sort(compareCategories);
  const notCompared = [...all].filter((c) => !used.has(c)).sort(compareCategories);

  const why: Record<string, string> = {};
  const methods: Record<string, string> = {};
  const alpha = krippendorffAlpha(rows);
  const fleiss = fleissKappa(rows);
  const report: AgreementReport = {
    raters: ratings.raters.length,
    items: rows.length,
    items_compared: rows.filter((r) => r.every((v) => v !== null)).length,
    items_pairable: alpha?.items ?? 0,
    categories,
    ...(notCompared.length > 0 ? { categories_not_compared: notCompared } : {}),
  };
  if (ratings.raters.length === 2) {
    const table = contingencyTable(completePairs(ratings), categories);
    const cohen = cohenKappa(table);
    if (cohen) {
      report.items_agreed = table.counts.reduce((s, r, i) => s + r[i], 0);
      report.observed_agreement = cohen.observed;
      report.cohen_kappa = cohen.kappa;
      report.cohen_kappa_se = cohen.se;
      report.cohen_kappa_ci95 = cohen.ci95;
      if (cohen.why.kappa) why.cohen_kappa = cohen.why.kappa;
      else if (cohen.why.ci95) why.cohen_kappa_ci95 = cohen.why.ci95;
      if (cohen.ci95) methods.cohen_kappa_ci95 = METHODS.cohen;
      if (options.weights) {
        const w = weightedKappa(table, options.weights)!;
        report.weights = options.weights;
        report.weighted_kappa = w.kappa;
        report.weighted_kappa_se = w.se;
        report.weighted_kappa_ci95 = w.ci95;
        if (w.why.kappa) why.weighted_kappa = w.why.kappa;
        else if (w.why.ci95) why.weighted_kappa_ci95 = w.why.ci95;
        if (w.ci95) methods.weighted_kappa_ci95 = `${METHODS.weighted}; ${options.weights} weights over ${categories.join(" < ")}`;
      }
      const pb = pabak(table)!;
      report.pabak = pb.value;
      if (pb.why) why.pabak = pb.why;
      const ac1 = gwetAc1(table)!;
      report.gwet_ac1 = ac1.ac1;
      report.gwet_ac1_se = ac1.se;
      report.gwet_ac1_ci95 = ac1.ci95;
      if (ac1.why.ac1) why.gwet_ac1 = ac1.why.ac1;
      else if (ac1.why.ci95) why.gwet_ac1_ci95 = ac1.why.ci95;
      if (ac1.ci95) methods.gwet_ac1_ci95 = METHODS.gwet;
      const pbi = prevalenceBias(table);
      if (pbi) Object.assign(report, { prevalence_index: pbi.prevalence, bias_index: pbi.bias });
    }
    addAlphaAndFleiss(report, rows, alpha, fleiss, options, why, methods);
    if (cohen) {
      report.confusion_matrix = Object.fromEntries(
        categories.map((c, i) => [c, Object.fromEntries(categories.map((d, j) => [d, table.counts[i][j]]))]),
      );
    }
  } else {
    if (fleiss) report.observed_agreement = fleiss.observed;
    addAlphaAndFleiss(report, rows, alpha, fleiss, options, why, methods);
  }
  if (Object.keys(methods).length > 0) report.methods = methods;
  if (Object.keys(why).length > 0) report.why_undefined = why;
  return report;
}

function addAlphaAndFleiss(
  report: AgreementReport,
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
  alpha: ReturnType<typeof krippendorffAlpha>,
  fleiss: ReturnType<typeof fleissKappa>,
  options: AgreementOptions,
  why: Record<string, string>,
  methods: Record<string, string>,
): void {
  if (alpha) {
    report.krippendorff_alpha = alpha.alpha;
    if (alpha.why) why.krippendorff_alpha = alpha.why;
    else {
      const { resamples, seed } = options.bootstrap ?? DEFAULT_BOOTSTRAP;
      if (resamples > 0) {
        const boot = bootstrapAlpha(rows, resamples, seed);
        report.krippendorff_alpha_ci95 = boot.ci95;
        report.krippendorff_alpha_bootstrap = { resamples: boot.resamples, used: boot.used, seed: boot.seed };
        if (boot.ci95) methods.krippendorff_alpha_ci95 = METHODS.bootstrap(boot.resamples, boot.seed);
        else why.krippendorff_alpha_ci95 = boot.why!;
      }
    }
  }
  if (fleiss) {
    report.fleiss_kappa = fleiss.kappa;
    if (fleiss.why) why.fleiss_kappa = fleiss.why;
  }
}
