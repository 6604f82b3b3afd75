// Evaluates the context engine's negation on the public NegEx test set (Chapman et al.; 2,376 annotated
// sentences, file rsAnnotations-1-120-random.txt, see ../shared/peer-data/negex/README.md) and prints
// precision, recall and F for `Negated` beside the published GenNegEx v1.2 figures on the same set.
//
//   npm run evaluate:negex [-- [FILE] [--rules FILE] [--errors] [--json]]
//
// Locating the condition: the annotated condition is searched for in its sentence, case-insensitively,
// across any run of whitespace; when it occurs more than once, the upper-case occurrence is taken (the
// annotators wrote the target in upper case). In 11 rows the condition is not in the sentence (it spans
// two sentences or was cut where the set's splitter broke the text); there the target is the longest
// leading run of the condition's words found in the sentence, else the longest trailing run, else the
// whole sentence. All 11 are `Affirmed`; the rows are kept so the totals compare with GenNegEx's 2,376.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyseMention, readContextRules, type CompiledRules } from "../src/text/context/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_DATA = resolve(ROOT, "../shared/peer-data/negex/rsAnnotations-1-120-random.txt");
const DEFAULT_RULES = resolve(ROOT, "src/presets/south-london-2015/context-rules.json");
/** TestSet.md, "Performance stats, GenNegEx v1.2", on the same 2,376 rows. */
const GENNEGEX = { precision: 0.9327, recall: 0.9593, f: 0.9458, accuracy: 0.9773, tp: 471, fp: 34, fn: 20, tn: 1851 };

interface Row {
  line: number;
  condition: string;
  sentence: string;
  negated: boolean;
}

function readRows(path: string): Row[] {
  const lines = readFileSync(path, "utf8").split("\n").slice(1).filter((l) => l.trim() !== "");
  return lines.map((l, i) => {
    const f = l.split("\t");
    if (f.length !== 6) throw new Error(`${path}:${i + 2}: expected 6 tab-separated fields, got ${f.length}`);
    return { line: Number(f[0]), condition: f[1].trim(), sentence: f[2], negated: f[3] === "Negated" };
  });
}

const wordsRegex = (words: string[]): RegExp =>
  new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"), "gi");

/** Where the condition is in the sentence, and whether the fallback rule was needed. */
function locate(sentence: string, condition: string): { start: number; end: number; fallback: boolean } {
  const words = condition.split(/\s+/).filter(Boolean);
  const all = [...sentence.matchAll(wordsRegex(words))];
  if (all.length > 0) {
    const upper = all.find((m) => m[0] === m[0].toUpperCase() && /[A-Z]/.test(m[0])) ?? all[0];
    return { start: upper.index, end: upper.index + upper[0].length, fallback: false };
  }
  for (let n = words.length - 1; n > 0; n--) {
    for (const part of [words.slice(0, n), words.slice(words.length - n)]) {
      const m = wordsRegex(part).exec(sentence);
      if (m) return { start: m.index, end: m.index + m[0].length, fallback: true };
    }
  }
  return { start: 0, end: sentence.length, fallback: true };
}

/** Confusion counts and figures for `Negated` over every row. */
function score(rows: Row[], rules: CompiledRules) {
  let tp = 0, fp = 0, fn = 0, tn = 0, fallbacks = 0, uncertain = 0;
  const errors: string[] = [];
  for (const row of rows) {
    const at = locate(row.sentence, row.condition);
    if (at.fallback) fallbacks++;
    const a = analyseMention(row.sentence, at.start, at.end, rules);
    if (a.uncertain && !a.negated) uncertain++;
    if (a.negated && row.negated) tp++;
    else if (a.negated) fp++;
    else if (row.negated) fn++;
    else tn++;
    if (a.negated !== row.negated) {
      errors.push(`${a.negated ? "FP" : "FN"} ${row.line}\t${row.condition}\t${row.sentence.replace(/\s+/g, " ")}\t[${a.rules.join(",")}]`);
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f = (2 * precision * recall) / (precision + recall);
  return { precision, recall, f, accuracy: (tp + tn) / rows.length, tp, fp, fn, tn, fallbacks, uncertain, errors };
}

function main(argv: string[]): number {
  const rulesAt = argv.indexOf("--rules");
  if (rulesAt >= 0 && argv[rulesAt + 1] === undefined) {
    console.error("evaluate-negex: --rules needs a file path");
    return 2;
  }
  const rulesPath = rulesAt >= 0 ? resolve(argv[rulesAt + 1]) : DEFAULT_RULES;
  const dataPath = argv.find((a, i) => !a.startsWith("--") && !(rulesAt >= 0 && i === rulesAt + 1)) ?? DEFAULT_DATA;
  if (!existsSync(dataPath)) {
    console.error(`evaluate-negex: test set not found at ${dataPath}`);
    console.error("  expected the NegEx file rsAnnotations-1-120-random.txt in ../shared/peer-data/negex/ next to the repository, or give its path");
    return 2;
  }
  const rules = readContextRules(rulesPath);
  // The same file cut down to the negation vocabulary, to show the topic rules (hypothetical, other person,
  // senses …) do not change the negation figures.
  const negationOnly: CompiledRules = { ...rules, triggers: rules.triggers.filter((t) => t.category === "NEGATED" || t.category === "ANY"), senses: [] };
  const rows = readRows(dataPath);
  const all = score(rows, rules);
  const neg = score(rows, negationOnly);
  if (argv.includes("--json")) {
    const { errors: _e, ...engine } = all;
    const { errors: _n, ...negation } = neg;
    console.log(JSON.stringify({ rows: rows.length, engine, negation_rules_only: negation, gennegex_v1_2: GENNEGEX }, null, 2));
    return 0;
  }
  const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(4));
  console.log(`NegEx test set: ${rows.length} rows (${rows.filter((r) => r.negated).length} Negated), ${all.fallbacks} located by the fallback rule`);
  console.log(`rules: ${rulesPath}\n`);
  console.log("metric (Negated)   all rules   negation rules only   GenNegEx v1.2");
  for (const k of Object.keys(GENNEGEX) as Array<keyof typeof GENNEGEX>) {
    console.log(`${k.padEnd(18)} ${fmt(all[k]).padStart(9)}   ${fmt(neg[k]).padStart(19)}   ${fmt(GENNEGEX[k]).padStart(13)}`);
  }
  console.log(`\nmarked uncertain and not negated (counted as not negated): ${all.uncertain}`);
  if (argv.includes("--errors")) console.log(`\n${all.errors.join("\n")}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
