import { basename } from "node:path";
import type { Command } from "commander";
import { EXIT, UserError } from "../../core/errors.js";
import { readRatings } from "../../io/read-ratings.js";
import { caseClashes, mergeRaters } from "../../stats/agreement/raters.js";
import { renderJunit } from "../../stages/agreement/render-junit.js";
import { renderText, thresholdLine } from "../../stages/agreement/render-text.js";
import { DEFAULT_BOOTSTRAP, OffScaleRating, summariseAgreement, type AgreementOptions } from "../../stats/agreement/summarise.js";
import { WEIGHT_SCHEMES, type WeightScheme } from "../../stats/agreement/weighted.js";
import { wholeNumberFlag } from "../../pipeline/stage.js";
import { checkThresholds, withVerdict, type Thresholds } from "../../stats/agreement/thresholds.js";
import type { CommandSpec } from "../command.js";

const FORMATS = ["text", "json", "junit"] as const;
type Format = (typeof FORMATS)[number];

/** `--min-kappa 0.7` → 0.7; kappa and alpha live in [-1, 1], so anything else is a mistake. */
function threshold(raw: unknown, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw).trim();
  const x = Number(s);
  if (s === "" || !Number.isFinite(x)) throw new UserError(`command line › ${flag}: expected a number from -1 to 1, got "${s}"`);
  if (x < -1 || x > 1) throw new UserError(`command line › ${flag}: expected a number from -1 to 1, got ${s}${x > 1 && x <= 100 ? ` (use ${x / 100} for ${s}%)` : ""}`);
  return x;
}

function format(raw: unknown, json: boolean): Format {
  if (raw !== undefined && !(FORMATS as readonly string[]).includes(String(raw))) {
    throw new UserError(`command line › --format: expected one of ${FORMATS.join(", ")}, got "${String(raw)}"`);
  }
  if (json && raw !== undefined && raw !== "json") throw new UserError(`command line: --json and --format ${String(raw)} ask for different outputs; give one of them`);
  return json ? "json" : ((raw as Format | undefined) ?? "text");
}

/** `--weights`, `--order`, `--seed` and `--resamples` as the statistics take them. */
function statsOptions(opts: Record<string, unknown>, raters: number): AgreementOptions {
  const out: AgreementOptions = {};
  if (opts.weights !== undefined) {
    const w = String(opts.weights);
    if (!(WEIGHT_SCHEMES as readonly string[]).includes(w)) throw new UserError(`command line › --weights: expected one of ${WEIGHT_SCHEMES.join(", ")}, got "${w}"`);
    if (raters !== 2) throw new UserError(`command line › --weights: weighted kappa is for two raters (got ${raters} files)`);
    out.weights = w as WeightScheme;
  }
  if (opts.order !== undefined) {
    const order = String(opts.order).split(",").map((s) => s.trim()).filter(Boolean);
    if (order.length < 2) throw new UserError(`command line › --order: expected two or more categories in order, separated by commas, like none,mild,severe`);
    const twice = order.find((c, i) => order.indexOf(c) !== i);
    if (twice !== undefined) throw new UserError(`command line › --order: category "${twice}" is listed twice`);
    out.order = order;
  }
  out.bootstrap = {
    resamples: wholeNumberFlag(opts.resamples, "--resamples", 0, 100000) ?? DEFAULT_BOOTSTRAP.resamples,
    seed: wholeNumberFlag(opts.seed, "--seed", 0, 4294967295) ?? DEFAULT_BOOTSTRAP.seed,
  };
  return out;
}

/** Short names for the raters: file names, or the paths as given when two files share a name. */
function raterNames(files: readonly string[]): string[] {
  const names = files.map((f) => basename(f));
  return new Set(names).size === names.length ? names : [...files];
}

export const agreementCommand: CommandSpec = {
  name: "agreement",
  args: "<files...>",
  summary: "inter-rater agreement between rater files (kappa, alpha, AC1, PABAK)",
  studyOptions: false,
  ignores: ["--config", "--force"],
  configure(cmd: Command) {
    cmd
      .option("--id <column>", "item id column in every rater file (default patient_id)")
      .option("--column <column>", "rating column in every rater file (default decision)")
      .option("--min-kappa <x>", "exit 1 unless kappa (Cohen's for two raters, Fleiss' for more) is at least x")
      .option("--min-alpha <x>", "exit 1 unless Krippendorff's alpha is at least x")
      .option("--format <format>", "output on stdout: text, json or junit (default text)")
      .option("--weights <scheme>", "also give weighted kappa for ordered categories (two raters): linear or quadratic")
      .option("--order <categories>", "the rating scale in order, separated by commas (e.g. none,mild,severe): sets the order weighted kappa uses, and every listed category counts even if unused")
      .option("--resamples <n>", `bootstrap resamples for the interval of Krippendorff's alpha (default ${DEFAULT_BOOTSTRAP.resamples}; 0 for none)`)
      .option("--seed <n>", `seed of the bootstrap (default ${DEFAULT_BOOTSTRAP.seed})`)
      .addHelpText(
        "after",
        `
Each FILE is one rater's CSV or XLSX. Two raters get observed agreement, Cohen's kappa (SE, 95% CI),
PABAK, Gwet's AC1 (SE, 95% CI), Krippendorff's alpha (bootstrap 95% CI), Fleiss' kappa and the
confusion matrix (plus prevalence and bias indices for two categories); three or more get Fleiss'
kappa and Krippendorff's alpha. A figure that the data leave undefined (kappa when both raters used
one category) is reported as undefined, with the reason. With --weights, --min-kappa checks the
weighted kappa. Exit 0 when every threshold is met, 1 when one is not, 2 for bad input.`,
      );
  },
  async run(ctx, files, opts) {
    const fmt = format(opts.format, ctx.flags.json);
    const thresholds: Thresholds = {};
    const minKappa = threshold(opts.minKappa, "--min-kappa");
    const minAlpha = threshold(opts.minAlpha, "--min-alpha");
    if (minKappa !== undefined) thresholds.min_kappa = minKappa;
    if (minAlpha !== undefined) thresholds.min_alpha = minAlpha;
    if (files.length < 2) throw new UserError(`agreement needs two or more rater files, one per rater (got ${files.length})`);
    const columns = { id: String(opts.id ?? "patient_id"), rating: String(opts.column ?? "decision") };

    const names = raterNames(files);
    const raters = [];
    for (const [i, file] of files.entries()) {
      const ratings = await readRatings(file, { ...columns, warn: (m) => ctx.log.warn(m) });
      if (![...ratings.values()].some((v) => v !== null)) ctx.log.warn(`${file}: no ratings in column "${columns.rating}"`);
      raters.push({ name: names[i], ratings });
    }
    let report;
    try {
      report = summariseAgreement(mergeRaters(raters), statsOptions(opts, files.length));
    } catch (err) {
      if (err instanceof OffScaleRating) throw new UserError(`a rating "${err.rating}" is not in --order ${String(opts.order)} (list every category of the scale)`);
      throw err;
    }
    if (report.items_pairable === 0) {
      throw new UserError(`no item has ratings in two files, so there is nothing to compare (check that column "${columns.id}" holds the same ids in every file)`);
    }
    if (report.categories_not_compared) {
      const list = report.categories_not_compared.map((c) => `"${c}"`).join(", ");
      ctx.log.warn(`categor${report.categories_not_compared.length === 1 ? "y" : "ies"} ${list} appear${report.categories_not_compared.length === 1 ? "s" : ""} only on items one rater rated, so no figure counts ${report.categories_not_compared.length === 1 ? "it" : "them"}`);
    }
    for (const group of caseClashes(report.categories)) {
      ctx.log.warn(`categories ${group.map((c) => `"${c}"`).join(" and ")} differ only in letter case and count as different categories`);
    }
    const checks = checkThresholds(report, thresholds);
    const output = withVerdict(report, thresholds, checks);
    for (const c of checks) if (!c.passed) ctx.log.warn(`threshold not met: ${thresholdLine(c).replace(/^FAIL\s+/, "")}`);

    // With --json, main.ts prints the summary; print it here only for --format json alone.
    if (fmt === "json" && !ctx.flags.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    if (fmt === "text") process.stdout.write(renderText(output, checks, names));
    if (fmt === "junit") process.stdout.write(renderJunit(output, checks, renderText(output, checks, names)));
    return { exitCode: output.passed ? EXIT.ok : EXIT.threshold, summary: output };
  },
};
