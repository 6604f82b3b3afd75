#!/usr/bin/env node
// Benchmark of the text model (src/learn): vectorise, fit and score 100,000 passages on one core, as
// `code --learn` would (one model per code) and as screening does (one model).
//
//   npm run build && npx notes-analyse run --demo --out .bench-out/demo
//   npm run bench:model -- --out .bench-out/demo [--passages 100000]
//
// The passages are made from the demo's coded passages: each new passage is 2–5 sentences drawn with a
// seed from a few source passages, and carries the union of their suggested codes as its codes, so the
// words and the code frequencies are those of clinical notes, at any size.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { cpus } from "node:os";

const ROOT = resolve(import.meta.dirname, "..");
const dist = (p) => import(join(ROOT, "dist", p));
const { values } = parseArgs({ options: { out: { type: "string", default: ".bench-out/demo" }, passages: { type: "string", default: "100000" }, seed: { type: "string", default: "7" } } });
const { parse } = await import("csv-parse/sync");
const { createRandom } = await dist("core/random.js");
const { buildCorpus, fitBinary, scoreRows } = await dist("learn/model.js");
const { codeDocument, learnableCodes, suggestCodes, DEFAULT_CODE_LEARN } = await dist("stages/code/learn/linear.js");

const rows = parse(readFileSync(join(values.out, "04-themes", "extracts.csv")), { columns: true, bom: true });
const split = (s) => s.split(";").map((x) => x.trim()).filter(Boolean);
const sentences = rows.map((r) => ({ parts: r.text.split(/(?<=[.!?])\s+/), codes: split(r.suggested_codes) }));
const rnd = createRandom(Number(values.seed));
const n = Number(values.passages);
const extracts = [];
const codeSets = [];
for (let i = 0; i < n; i++) {
  const k = 2 + rnd.int(4);
  const text = [];
  const codes = new Set();
  for (let j = 0; j < k; j++) {
    const src = sentences[rnd.int(sentences.length)];
    text.push(src.parts[rnd.int(src.parts.length)]);
    for (const c of src.codes) codes.add(c);
  }
  extracts.push({ text: text.join(" "), suggested: [...codes].filter(() => rnd.chance(0.7)), retrievedBy: [] });
  codeSets.push(codes);
}
const chars = extracts.reduce((s, e) => s + e.text.length, 0);

// Wall time, and the CPU time this process used: on a shared machine the second is the fairer figure.
const time = (f) => {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  return [r, `${((performance.now() - t) / 1000).toFixed(2)} | ${((u.user + u.system) / 1e6).toFixed(2)}`];
};
const [corpus, tVec] = time(() => buildCorpus(extracts.map(codeDocument)));
const all = Array.from({ length: n }, (_, i) => i);
const train = all.filter((i) => i % 2 === 0);
const test = all.filter((i) => i % 2 === 1);
const { codes } = learnableCodes(train.map((i) => codeSets[i]), 3);
const [, tOne] = time(() => scoreRows(fitBinary(corpus, train, train.map((i) => codeSets[i].has(codes[0]))), corpus, test));
// code --learn as a study uses it: a few thousand passages coded by hand, the rest scored.
const coded = all.filter((i) => i % 50 === 0);
const uncoded = all.filter((i) => i % 50 !== 0);
const [, tCoded] = time(() => suggestCodes(corpus, coded, coded.map((i) => codeSets[i]), codes, uncoded, DEFAULT_CODE_LEARN));
const [, tAll] = time(() => suggestCodes(corpus, train, train.map((i) => codeSets[i]), codes, test, DEFAULT_CODE_LEARN));
const rss = process.resourceUsage().maxRSS / 1024;
const nnz = corpus.vectors.reduce((s, v) => s + v.index.length, 0);
process.stdout.write(
  [
    `text model on ${n.toLocaleString("en-GB")} passages (${(chars / 1e6).toFixed(1)} MB of text, ${(nnz / 1e6).toFixed(1)} M non-zero features), Node ${process.version}, ${cpus()[0]?.model ?? "cpu"}; one core`,
    "",
    "| step | wall s | CPU s |",
    "| --- | ---: | ---: |",
    `| hash 1–2-grams and tokens, fit idf, TF-IDF vectors (all ${n.toLocaleString("en-GB")}) | ${tVec} |`,
    `| fit one model on ${train.length.toLocaleString("en-GB")}, score ${test.length.toLocaleString("en-GB")} (screening, one code) | ${tOne} |`,
    `| \`code --learn\`: ${codes.length} codes, one model each, fitted on ${coded.length.toLocaleString("en-GB")} coded passages, scoring ${uncoded.length.toLocaleString("en-GB")} | ${tCoded} |`,
    `| the same with ${train.length.toLocaleString("en-GB")} coded passages, scoring ${test.length.toLocaleString("en-GB")} | ${tAll} |`,
    `| peak memory | ${Math.round(rss)} MB | |`,
    "",
  ].join("\n"),
);
