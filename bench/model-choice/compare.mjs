// Which classifier should notes-analyse's text model use? Each candidate learns screening relevance on the
// demo (the returned patients' hits and rule ids, labels from the demo's truth) by 5-fold cross-validation
// on the same folds, in its own process (time and memory apart), and its dependency weight is read from
// this folder's package-lock.json and node_modules.
//
//   cd bench/model-choice && npm ci && cd ../.. && npm run build
//   npx notes-analyse run --demo --out .bench-out/demo
//   node bench/model-choice/compare.mjs --out .bench-out/demo
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const dist = (p) => import(join(ROOT, "dist", p));
const { values } = parseArgs({ options: { out: { type: "string", default: ".bench-out/demo" }, truth: { type: "string", default: "fixtures/south-london-demo/truth/patients.csv" }, one: { type: "string" }, timeout: { type: "string", default: "300" } } });
const CANDIDATES = ["notes-analyse (hand-written)", "natural LogisticRegressionClassifier", "natural BayesClassifier", "ml-logistic-regression", "libsvm-js (linear SVM)", "wink-naive-bayes-text-classifier"];
const PACKAGE = { "natural LogisticRegressionClassifier": "natural", "natural BayesClassifier": "natural", "ml-logistic-regression": "ml-logistic-regression", "libsvm-js (linear SVM)": "libsvm-js", "wink-naive-bayes-text-classifier": "wink-naive-bayes-text-classifier" };

async function task() {
  const { readReturned } = await dist("stages/screen/returned.js");
  const { readLabelFiles } = await dist("stages/simulate/read-labels.js");
  const { readPatientDocuments } = await dist("learn/relevance/read-documents.js");
  const { stratifiedFolds } = await dist("learn/folds.js");
  const labels = await readLabelFiles(values.truth.split(",").map((f) => resolve(ROOT, f)));
  const ids = (await readReturned(join(values.out, "01-search"))).map((p) => p.patientId).filter((id) => labels.has(id));
  const docs = await readPatientDocuments(values.out, ids);
  const ys = ids.map((id) => labels.get(id));
  return { docs, ys, fold: stratifiedFolds(ys.map(String), 5, 2015) };
}

const asWords = (d) => `${d.text} ${(d.tokens ?? []).map((t) => t.replace(/[^A-Za-z0-9]+/g, "_")).join(" ")}`;
const words = (d) => asWords(d).toLowerCase().match(/[a-z0-9_]{2,}/g) ?? [];

/** Each candidate: fit(train docs, labels) → score(doc) in 0–1 (higher = more relevant). */
async function learner(name) {
  const require = createRequire(join(HERE, "package.json"));
  const { buildCorpus, fitBinary, scoreRows } = await dist("learn/model.js");
  const { screeningCorpus } = await dist("learn/relevance/rank.js");
  const dense = (docs) => {
    const c = buildCorpus(docs, 4096);
    return c.vectors.map((v) => {
      const row = new Array(4096).fill(0);
      v.index.forEach((k, j) => (row[k] = v.value[j]));
      return row;
    });
  };
  switch (name) {
    case "notes-analyse (hand-written)":
      return (docs, ys, train, test) => {
        const corpus = screeningCorpus(docs);
        return scoreRows(fitBinary(corpus, train, train.map((i) => ys[i])), corpus, test);
      };
    case "natural LogisticRegressionClassifier":
    case "natural BayesClassifier": {
      const natural = require("natural");
      return (docs, ys, train, test) => {
        const c = name.includes("Logistic") ? new natural.LogisticRegressionClassifier() : new natural.BayesClassifier();
        for (const i of train) c.addDocument(asWords(docs[i]), ys[i] ? "yes" : "no");
        c.train();
        return test.map((i) => {
          const cl = c.getClassifications(asWords(docs[i]));
          const yes = cl.find((x) => x.label === "yes")?.value ?? 0;
          const no = cl.find((x) => x.label === "no")?.value ?? 0;
          return yes + no > 0 ? yes / (yes + no) : 0.5;
        });
      };
    }
    case "ml-logistic-regression": {
      const LogisticRegression = require("ml-logistic-regression");
      const { Matrix } = require("ml-matrix");
      return (docs, ys, train, test) => {
        const X = dense(docs);
        const m = new LogisticRegression({ numSteps: 1000, learningRate: 5e-3 });
        m.train(new Matrix(train.map((i) => X[i])), Matrix.columnVector(train.map((i) => (ys[i] ? 1 : 0))));
        return m.classifiers[1].testScores(new Matrix(test.map((i) => X[i]))).map((s) => 1 - s);
      };
    }
    case "libsvm-js (linear SVM)": {
      const SVM = require("libsvm-js/asm");
      return (docs, ys, train, test) => {
        const X = dense(docs);
        const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.LINEAR, cost: 4, probabilityEstimates: true, quiet: true });
        svm.train(train.map((i) => X[i]), train.map((i) => (ys[i] ? 1 : 0)));
        const labels = svm.getLabels();
        const k = labels.indexOf(1);
        const out = test.map((i) => svm.predictOneProbability(X[i]).estimates.find((e) => e.label === 1)?.probability ?? (k < 0 ? 0 : 0.5));
        svm.free();
        return out;
      };
    }
    case "wink-naive-bayes-text-classifier": {
      const Wink = require("wink-naive-bayes-text-classifier");
      return (docs, ys, train, test) => {
        const nb = Wink();
        nb.definePrepTasks([(t) => words({ text: t })]);
        nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
        for (const i of train) nb.learn(asWords(docs[i]), ys[i] ? "yes" : "no");
        nb.consolidate();
        return test.map((i) => {
          const odds = Object.fromEntries(nb.computeOdds(asWords(docs[i])));
          return 1 / (1 + Math.exp(-(odds.yes ?? 0)));
        });
      };
    }
  }
  throw new Error(`unknown candidate ${name}`);
}

function auc(scores, ys) {
  const pos = [], neg = [];
  scores.forEach((s, i) => (ys[i] ? pos : neg).push(s));
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

async function runOne(name) {
  const { docs, ys, fold } = await task();
  const fit = await learner(name);
  const scores = new Array(ys.length);
  const t0 = performance.now();
  for (let f = 0; f < 5; f++) {
    const train = [], test = [];
    fold.forEach((k, i) => (k === f ? test : train).push(i));
    fit(docs, ys, train, test).forEach((s, j) => (scores[test[j]] = s));
  }
  const seconds = (performance.now() - t0) / 1000;
  const correct = scores.filter((s, i) => (s >= 0.5) === ys[i]).length;
  const tp = scores.filter((s, i) => s >= 0.5 && ys[i]).length;
  process.stdout.write(JSON.stringify({ name, seconds, auc: auc(scores, ys), accuracy: correct / ys.length, recall: tp / ys.filter(Boolean).length, rssMB: process.resourceUsage().maxRSS / 1024 }));
}

function weight(pkg) {
  const lock = JSON.parse(readFileSync(join(HERE, "package-lock.json"), "utf8")).packages;
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of Object.keys(lock[`node_modules/${name}`]?.dependencies ?? {})) walk(dep);
  };
  walk(pkg);
  const size = (p) => statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + size(join(p, f)), 0) : statSync(p).size;
  return { packages: seen.size, mb: [...seen].reduce((s, n) => s + size(join(HERE, "node_modules", n)), 0) / 1e6 };
}

if (values.one) await runOne(values.one);
else {
  const lines = ["| classifier | AUC | accuracy at 0.5 | recall at 0.5 | 5 folds, train + score | peak memory | packages installed | on disk |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"];
  for (const name of CANDIDATES) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--out", values.out, "--truth", values.truth, "--one", name], { encoding: "utf8", timeout: Number(values.timeout) * 1000, cwd: ROOT });
    const w = PACKAGE[name] ? weight(PACKAGE[name]) : { packages: 0, mb: 0 };
    const dep = PACKAGE[name] ? `${w.packages}` : "0 (src/learn)";
    const disk = PACKAGE[name] ? `${w.mb.toFixed(1)} MB` : "—";
    if (r.status !== 0) {
      lines.push(`| ${name} | — | — | — | ${r.error?.code === "ETIMEDOUT" ? `did not finish in ${values.timeout} s` : `failed: ${(r.stderr.trim().split("\n").pop() ?? "").slice(0, 80)}`} | — | ${dep} | ${disk} |`);
    } else {
      const x = JSON.parse(r.stdout);
      lines.push(`| ${name} | ${x.auc.toFixed(3)} | ${(100 * x.accuracy).toFixed(1)}% | ${(100 * x.recall).toFixed(1)}% | ${x.seconds.toFixed(2)} s | ${Math.round(x.rssMB)} MB | ${dep} | ${disk} |`);
    }
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  }
  process.stdout.write(`screening relevance on ${values.out}, 5-fold cross-validation (seed 2015)\n\n${lines.join("\n")}\n`);
}
