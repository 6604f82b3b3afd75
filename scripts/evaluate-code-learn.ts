/**
 * `code --learn` against the naive Bayes it replaced: per-code F1 by cross-validation on the passages
 * coders have coded, the same folds for every learner.
 *
 *   npm run evaluate:code-learn [-- --out notes-analyse-demo] [--folds 5] [--seed 2015]
 *
 * Reads 04-themes/extracts.csv of a finished run (the demo's synthetic coders fill final_codes).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { crossValidate, stratifiedFolds } from "../src/learn/folds.js";
import { DEFAULT_LOGISTIC } from "../src/learn/logistic.js";
import { crossValidateCodes, DEFAULT_CODE_LEARN, f1Score, learnableCodes } from "../src/stages/code/learn/linear.js";
import { NO_CODE } from "../src/stages/code/codebook/types.js";
import { predict, train } from "./evaluate/naive-bayes-baseline.js";

const { values } = parseArgs({ options: { out: { type: "string", default: "notes-analyse-demo" }, folds: { type: "string", default: "5" }, seed: { type: "string", default: "2015" }, c: { type: "string" } }, strict: true });
const file = join(values.out, "04-themes", "extracts.csv");
if (!existsSync(file)) {
  process.stderr.write(`evaluate-code-learn: ${file} not found (run npx notes-analyse run --demo --out ${values.out} first)\n`);
  process.exit(2);
}
const folds = Number(values.folds);
const seed = Number(values.seed);
const rows = (parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[]).filter((r) => r.final_codes.trim() !== "");
const split = (s: string) => s.split(";").map((x) => x.trim()).filter(Boolean);
const sets = rows.map((r) => new Set(split(r.final_codes)));
const docs = rows.map((r) => ({ text: r.text, tokens: [...split(r.suggested_codes).map((c) => `suggested:${c}`), ...split(r.retrieved_by).filter((g) => g !== "coded").map((g) => `retrieved:${g}`)] }));
const opts = { ...DEFAULT_CODE_LEARN, logistic: { ...DEFAULT_LOGISTIC, ...(values.c ? { c: Number(values.c) } : {}) }, folds, seed };

const linear = crossValidateCodes(docs, sets, opts);
const textOnly = crossValidateCodes(docs.map((d) => ({ text: d.text })), sets, opts);
// The naive Bayes on exactly the same folds.
const fold = stratifiedFolds(sets.map((s) => [...s].sort()[0] ?? NO_CODE), folds, seed);
const nbPred = crossValidate(rows.length, fold, folds, (tr, te) => {
  const model = train(tr.map((i) => ({ text: rows[i].text, codes: [...sets[i]] })), { minPositives: DEFAULT_CODE_LEARN.minPositives, alpha: 1 });
  return te.map((i) => new Set(predict(model, rows[i].text, 0.5).map((c) => c.code)));
});
const { codes } = learnableCodes(sets, DEFAULT_CODE_LEARN.minPositives);
const f1Of = (pred: Set<string>[], code: string) => {
  let tp = 0, fp = 0, fn = 0;
  sets.forEach((s, i) => {
    const p = pred[i]?.has(code) ?? false;
    if (s.has(code) && p) tp++;
    else if (p) fp++;
    else if (s.has(code)) fn++;
  });
  return { tp, fp, fn, f1: f1Score(tp, fp, fn) };
};
const micro = (pred: Set<string>[]) => {
  let tp = 0, fp = 0, fn = 0;
  for (const c of codes) {
    const x = f1Of(pred, c);
    tp += x.tp; fp += x.fp; fn += x.fn;
  }
  return f1Score(tp, fp, fn);
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (x: number) => x.toFixed(2);
const lines = [
  `per-code F1, ${folds}-fold cross-validation (seed ${seed}) over ${rows.length} coded passages of ${values.out}`,
  "",
  "| code | passages | naive Bayes | linear, words | linear, words + rule tokens |",
  "| --- | ---: | ---: | ---: | ---: |",
];
const nbF = codes.map((c) => f1Of(nbPred, c).f1);
const toF = codes.map((c) => f1Of(textOnly.predicted, c).f1);
const liF = codes.map((c) => f1Of(linear.predicted, c).f1);
codes.forEach((c, i) => lines.push(`| ${c} | ${sets.filter((s) => s.has(c)).length} | ${f(nbF[i])} | ${f(toF[i])} | ${f(liF[i])} |`));
lines.push(`| **macro mean** | | **${f(mean(nbF))}** | **${f(mean(toF))}** | **${f(mean(liF))}** |`);
lines.push(`| micro (all codes pooled) | | ${f(micro(nbPred))} | ${f(micro(textOnly.predicted))} | ${f(micro(linear.predicted))} |`);
lines.push("", `codes where the linear model (words + rule tokens) beats the naive Bayes: ${liF.filter((x, i) => x > nbF[i]).length} of ${codes.length}; ties ${liF.filter((x, i) => x === nbF[i]).length}`);
process.stdout.write(`${lines.join("\n")}\n`);
