#!/usr/bin/env node
// Benchmark of stage 1 (search): `notes-analyse search` beside ripgrep, GNU grep and pandas, on the
// same synthetic notes export and the same case-finding terms, at several extract sizes.
// bench/README.md says what each tool does and does not do.
//
//   npm run build && npm run bench -- --patients 500,5000,50000
//
// Needs GNU time (/usr/bin/time, Debian package "time"). ripgrep, GNU grep and pandas are optional:
// a missing one is reported in its row.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { cpus, freemem, release, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { casePatterns, DEFAULT_TERMS } from "./terms.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const TIME = "/usr/bin/time";
const PYTHON = "/usr/bin/python3"; // Debian's interpreter, where python3-pandas installs (not a pyenv one)
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const GENERATOR = "scripts/fixtures/generate.ts";
// Sources that decide the generator's output: a change to any of them makes a new cache entry.
const GENERATOR_SOURCES = ["scripts/fixtures", "src/core/random.ts"];

const TOOLS = ["notes-analyse", "notes-analyse-1t", "rg", "grep", "pandas"];
const ALIASES = { na: "notes-analyse", search: "notes-analyse", ripgrep: "rg" };
const INSTALL = { rg: "apt-get install ripgrep", grep: "apt-get install grep", pandas: "apt-get install python3-pandas" };

const HELP = `usage: npm run bench -- [options]      (or: node bench/run.mjs [options])

Times notes-analyse search, ripgrep, GNU grep and pandas on synthetic notes exports of each size,
with the case-finding terms of the south-london-2015 preset. Run \`npm run build\` first.

  --patients LIST   comma-separated patient counts (default 500,5000,50000: about 11.5k, 115k and
                    1.15M notes, 4 / 39 / 396 MB)
  --seed N          generator seed (default 7)
  --cache DIR       where generated extracts, patterns and results are kept (default bench/.cache)
  --only NAMES      comma list of tools to run: ${TOOLS.join(", ")} (default all)
  --threads N       passed to notes-analyse search as --threads N
  --repeat N        run each tool N times; the table shows the best and median wall time (default 1)
  --json-out FILE   where to write the results as JSON (default CACHE/results-<timestamp>.json)
  --stages          also time the later stages (screen, sample, identify, code, report) on the
                    search's output, with the extract's truly eligible patients as --eligible
  --baseline DIR    with --stages: time the same stages of another built checkout of notes-analyse
                    too (for instance the commit before a change), on its own search's output
  -h, --help        this help
`;

// ---------------------------------------------------------------------------------------------------
// Arguments

function usage(message) {
  process.stderr.write(`bench: ${message}\n\n${HELP}`);
  process.exit(2);
}

function wholeNumbers(flag, text, min) {
  const list = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) usage(`${flag}: expected a number`);
  return list.map((s) => {
    if (!/^\d+$/.test(s) || Number(s) < min) usage(`${flag}: expected whole numbers ≥ ${min}, got "${s}"`);
    return Number(s);
  });
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      patients: { type: "string", default: "500,5000,50000" },
      seed: { type: "string", default: "7" },
      cache: { type: "string", default: join(ROOT, "bench", ".cache") },
      only: { type: "string" },
      threads: { type: "string" },
      repeat: { type: "string", default: "1" },
      "json-out": { type: "string" },
      stages: { type: "boolean", default: false },
      baseline: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
} catch (err) {
  usage(err.message);
}
const opts = parsed.values;
if (opts.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const sizes = [...new Set(wholeNumbers("--patients", opts.patients, 1))].sort((a, b) => a - b);
const [seed] = wholeNumbers("--seed", opts.seed, 0);
const [repeat] = wholeNumbers("--repeat", opts.repeat, 1);
const threads = opts.threads === undefined ? undefined : wholeNumbers("--threads", opts.threads, 1)[0];
const only = opts.only === undefined ? TOOLS : opts.only.split(",").map((s) => s.trim()).filter(Boolean).map((s) => ALIASES[s] ?? s);
for (const name of only) if (!TOOLS.includes(name)) usage(`--only: unknown tool "${name}" (tools: ${TOOLS.join(", ")})`);
const selected = TOOLS.filter((t) => only.includes(t)); // always in this order
const CACHE = resolve(opts.cache); // relative to where the command was started (npm: the repository root)
const baseline = opts.baseline === undefined ? undefined : resolve(opts.baseline);
if (baseline && !existsSync(join(baseline, "dist", "cli", "main.js"))) usage(`--baseline: ${baseline} is not a built checkout of notes-analyse (no dist/cli/main.js)`);
const started = new Date();
const jsonOut = resolve(opts["json-out"] ?? join(CACHE, `results-${started.toISOString().replace(/:/g, "-").replace(/\.\d+Z$/, "Z")}.json`));

// ---------------------------------------------------------------------------------------------------
// What must be there before anything runs

function fatal(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

if (!existsSync(TIME)) fatal(`${TIME} not found: GNU time measures wall time and peak memory (apt-get install time)`);
if (!existsSync(TSX)) fatal(`${relative(ROOT, TSX)} not found: the extract generator runs with tsx (run npm ci)`);
// Always needed: the terms are read with notes-analyse's own parser, whichever tools are measured.
if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) fatal("notes-analyse is not built (dist/ is missing): run `npm ci && npm run build` first");

/** First line of a command's output, or undefined when the command cannot be run. */
function probe(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split("\n")[0];
}

/** Each selected tool: { available, version } or { available: false, why }. */
function checkTools() {
  const tools = {};
  for (const name of selected) {
    let version;
    let why;
    if (name === "notes-analyse" || name === "notes-analyse-1t") {
      version = `notes-analyse ${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}, Node ${process.version}`;
      if (threads !== undefined) {
        const help = spawnSync(process.execPath, ["bin/notes-analyse.js", "search", "--help"], { cwd: ROOT, encoding: "utf8" }).stdout ?? "";
        if (!help.includes("--threads")) fatal("--threads: this build of notes-analyse search has no --threads option");
      }
    } else if (name === "rg") {
      version = probe("rg", ["--version"]);
    } else if (name === "grep") {
      version = probe("grep", ["--version"]);
      if (version !== undefined && !version.includes("GNU")) [version, why] = [undefined, `not GNU grep (${version}; ${INSTALL.grep})`];
    } else if (name === "pandas") {
      const v = probe(PYTHON, ["-c", "import sys, pandas; print(f'pandas {pandas.__version__}, Python {sys.version.split()[0]}')"]);
      version = v === undefined ? undefined : `${v} (${PYTHON})`;
    }
    tools[name] = version !== undefined ? { available: true, version } : { available: false, why: why ?? `not installed (${INSTALL[name]})` };
  }
  return tools;
}

// ---------------------------------------------------------------------------------------------------
// Extracts, generated once per (patients, seed, generator sources) and kept in the cache

/** sha256 of the generator's sources (paths and contents, in a fixed order), 12 hex digits. */
function generatorHash() {
  const files = [];
  const walk = (path) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else files.push(path);
  };
  for (const p of GENERATOR_SOURCES) walk(join(ROOT, p));
  const hash = createHash("sha256");
  for (const file of files) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 12);
}

const isRunning = (pid) => {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch {
    return false;
  }
};

// On Ctrl-C or kill while an extract is being generated: stop the generator and remove its folder.
let generating; // { child, tmp }
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: stopped (${signal})\n`);
    if (!generating) process.exit(130);
    const { child, tmp } = generating;
    const stop = () => {
      rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    };
    child.once("close", stop); // remove the folder once nothing writes to it any more
    child.kill();
    setTimeout(stop, 5000).unref();
  });
}

/** Run the generator, echoing its progress; resolves to its stderr. */
function generate(patients, out) {
  const args = [TSX, GENERATOR, "--patients", String(patients), "--seed", String(seed), "--out", out];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    generating = { child, tmp: out };
    child.on("close", () => (generating = undefined));
    let stderr = "";
    let shownUpTo = 0; // echo whole lines only, indented
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
      const end = stderr.lastIndexOf("\n") + 1;
      if (end > shownUpTo) process.stderr.write(stderr.slice(shownUpTo, end).replace(/^(?=.)/gm, "  "));
      shownUpTo = Math.max(shownUpTo, end);
    });
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done(stderr) : fail(new Error(`generator exited with ${code}: ${stderr.trim().split("\n").pop()}`))));
  });
}

/**
 * The extract for a size: CACHE/extracts/p<patients>-s<seed>-g<hash>/ with notes.csv and extract.json.
 * A new one is generated into a temporary folder and renamed when complete, so an interrupted run
 * never leaves a half-written extract behind.
 */
async function extractFor(patients, hash) {
  const base = join(CACHE, "extracts");
  const key = `p${patients}-s${seed}-g${hash}`;
  const dir = join(base, key);
  const metaFile = join(dir, "extract.json");
  if (existsSync(metaFile)) {
    process.stderr.write(`bench: ${patients} patients: cached extract ${pretty(dir)}\n`);
    return { dir, ...JSON.parse(readFileSync(metaFile, "utf8")) };
  }
  mkdirSync(base, { recursive: true });
  // Leftovers of an interrupted generation of the same extract (by a run that is no longer running).
  for (const name of readdirSync(base)) {
    const m = name.startsWith(`.tmp-${key}-`) && /-(\d+)$/.exec(name);
    if (m && !isRunning(Number(m[1]))) rmSync(join(base, name), { recursive: true, force: true });
  }
  const tmp = join(base, `.tmp-${key}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`bench: ${patients} patients: generating the extract (seed ${seed}) …\n`);
  const t0 = process.hrtime.bigint();
  const stderr = await generate(patients, tmp);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // The generator's summary line: "fixtures: 500 patients, 11291 notes, 3.9 MB in 0.6 s → DIR".
  const m = /(\d+) patients, (\d+) notes/.exec(stderr);
  const meta = {
    patients,
    seed,
    generatorHash: hash,
    notes: m ? Number(m[2]) : null,
    bytes: statSync(join(tmp, "notes.csv")).size,
    generatedSeconds: Number(seconds.toFixed(1)),
    generatedAt: new Date().toISOString(),
  };
  writeFileSync(join(tmp, "extract.json"), JSON.stringify(meta, null, 2) + "\n");
  renameSync(tmp, dir);
  return { dir, ...meta };
}

// ---------------------------------------------------------------------------------------------------
// Running and timing

/** Read a file once, so that every tool finds it in the page cache (none pays for the disk). */
function warm(file) {
  const fd = openSync(file, "r");
  const buf = Buffer.allocUnsafe(16 << 20);
  while (readSync(fd, buf, 0, buf.length, null) > 0);
  closeSync(fd);
}

/**
 * Run a command under GNU time. Wall seconds are measured here around the command (to the
 * millisecond; GNU time's %e has 10 ms steps, too coarse for the small extracts) and GNU time's own
 * figure is kept too; peak RSS is GNU time's %M (the largest resident set of the process or of any
 * process it waited for).
 */
function timed(cmd, args, env, cwd = ROOT) {
  const timeFile = join(CACHE, `.time-${process.pid}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-f", "%e %M", "-o", timeFile, cmd, ...args], { cwd, env, encoding: "utf8", maxBuffer: 256 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const last = existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim().split("\n").pop() : "";
  rmSync(timeFile, { force: true });
  const [gnuWall, kb] = last.split(" ").map(Number);
  return { wall, gnuWall, peakMB: kb / 1024, status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

// Children run with the caller's environment (locale included: it is recorded), minus a ripgrep
// config file that would change what rg does.
const childEnv = { ...process.env };
delete childEnv.RIPGREP_CONFIG_PATH;

/** The command of a tool on a notes file: [program, args] and how to read its output. */
function commandFor(tool, notesFile, outDir, patternFiles) {
  switch (tool) {
    case "notes-analyse": {
      const args = ["bin/notes-analyse.js", "search", "--notes", notesFile, "--preset", "south-london-2015", "--out", outDir, "--quiet", "--json"];
      if (threads !== undefined) args.push("--threads", String(threads));
      return { cmd: "node", program: process.execPath, args, okStatus: [0], read: (out) => pick(JSON.parse(out), "notes", "returned", "hits") };
    }
    case "notes-analyse-1t": {
      // The same search in one thread (no worker threads), to show what the second core brings.
      const args = ["bin/notes-analyse.js", "search", "--notes", notesFile, "--preset", "south-london-2015", "--out", outDir, "--quiet", "--json", "--threads", "1"];
      return { cmd: "node", program: process.execPath, args, okStatus: [0], read: (out) => pick(JSON.parse(out), "notes", "returned", "hits") };
    }
    case "rg": // -c: the number of matching lines; exit 1 means no line matched
      return { cmd: "rg", program: "rg", args: ["-i", "-w", "-c", "-f", patternFiles.rg, notesFile], okStatus: [0, 1], read: (out) => ({ lines: Number(out.trim() || 0) }) };
    case "grep":
      return { cmd: "grep", program: "grep", args: ["-i", "-w", "-c", "-E", "-f", patternFiles.grep, notesFile], okStatus: [0, 1], read: (out) => ({ lines: Number(out.trim() || 0) }) };
    case "pandas":
      return { cmd: PYTHON, program: PYTHON, args: ["bench/baselines/pandas_search.py", "--patterns", patternFiles.rg, notesFile], okStatus: [0], read: (out) => JSON.parse(out) };
  }
  throw new Error(tool);
}

/** A path for messages: relative to the current folder when inside it. */
const pretty = (path) => (relative(process.cwd(), path).startsWith("..") ? path : relative(process.cwd(), path));
/** A path inside the repository as a relative one, for printing. */
const shown = (arg) => (arg.startsWith(ROOT + "/") ? relative(ROOT, arg) : arg);
const pick = (o, ...keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Run one tool `repeat` times on an extract; the result row for the tables and the JSON. */
function measure(tool, extract, patternFiles, available) {
  const notesFile = join(extract.dir, "notes.csv");
  const outDir = join(CACHE, "out", `${tool}-${extract.patients}`);
  const c = commandFor(tool, notesFile, outDir, patternFiles);
  const row = { tool, command: [c.cmd, ...c.args.map(shown)].join(" ") };
  if (!available.available) return { ...row, status: available.why };
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    rmSync(outDir, { recursive: true, force: true });
    warm(notesFile);
    process.stderr.write(`bench: ${extract.patients} patients: ${tool}${repeat > 1 ? ` (run ${i + 1} of ${repeat})` : ""} …`);
    const r = timed(c.program, c.args, childEnv);
    process.stderr.write(` ${r.wall.toFixed(2)} s\n`);
    if (r.error || !c.okStatus.includes(r.status)) {
      const why = r.error?.message ?? (r.stderr.trim().split("\n").pop() || `exit ${r.status}`);
      rmSync(outDir, { recursive: true, force: true });
      return { ...row, status: `failed (exit ${r.status}): ${why}`, failed: true };
    }
    let output;
    try {
      output = c.read(r.stdout);
    } catch {
      return { ...row, status: `failed: unexpected output ${JSON.stringify(r.stdout.slice(0, 200))}`, failed: true };
    }
    runs.push({ wall: Number(r.wall.toFixed(3)), gnuWall: r.gnuWall, peakMB: Number(r.peakMB.toFixed(1)), ...output });
  }
  rmSync(outDir, { recursive: true, force: true });
  const walls = runs.map((r) => r.wall);
  return {
    ...row,
    status: "ok",
    runs,
    best: Math.min(...walls),
    median: median(walls),
    peakMB: Math.max(...runs.map((r) => r.peakMB)), // the largest of the runs
    ...pick(runs[0], ...Object.keys(runs[0]).filter((k) => !["wall", "gnuWall", "peakMB"].includes(k))),
  };
}

// ---------------------------------------------------------------------------------------------------
// The later stages

const STAGES = ["screen", "sample", "identify", "code", "report"];

/**
 * Time each later stage on one search's output, `repeat` times: each time the stages run in order
 * from a fresh copy of 01-search/ (so no workbook of an earlier run is there to be read back), with the
 * extract's truly eligible patients (truth/patients.csv) as --eligible for identify, code and report.
 * They read the notes search kept, never the export: their time should not follow the export's size.
 */
function measureStages(extract, root = ROOT, label = "") {
  const notesFile = join(extract.dir, "notes.csv");
  const base = join(CACHE, "out", `stages-${extract.patients}${label ? "-baseline" : ""}`);
  const searched = join(base, "searched");
  const eligible = join(base, "eligible.csv");
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const ids = readFileSync(join(extract.dir, "truth", "patients.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .filter((c) => c[3] === "yes")
    .map((c) => c[0]);
  writeFileSync(eligible, `patient_id\n${ids.join("\n")}\n`);
  const study = ["--notes", notesFile, "--patients", join(extract.dir, "patients.csv"), "--preset", "south-london-2015", "--quiet", "--json"];
  const s = spawnSync(process.execPath, ["bin/notes-analyse.js", "search", ...study, "--out", searched], { cwd: root, encoding: "utf8" });
  if (s.status !== 0) return STAGES.map((stage) => ({ stage, status: `failed: search exited ${s.status}: ${s.stderr.trim().split("\n").pop()}`, failed: true }));
  const returned = JSON.parse(s.stdout).returned;
  const runs = Object.fromEntries(STAGES.map((stage) => [stage, []]));
  const failures = {};
  for (let i = 0; i < repeat; i++) {
    const out = join(base, "out");
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    cpSync(join(searched, "01-search"), join(out, "01-search"), { recursive: true });
    for (const stage of STAGES) {
      if (failures[stage]) continue;
      const args = ["bin/notes-analyse.js", stage, ...study, "--out", out, ...(["identify", "code", "report"].includes(stage) ? ["--eligible", eligible] : [])];
      process.stderr.write(`bench: ${extract.patients} patients: ${stage}${label}${repeat > 1 ? ` (run ${i + 1} of ${repeat})` : ""} …`);
      const r = timed(process.execPath, args, childEnv, root);
      process.stderr.write(` ${r.wall.toFixed(2)} s\n`);
      if (r.error || r.status !== 0) failures[stage] = `failed (exit ${r.status}): ${r.error?.message ?? r.stderr.trim().split("\n").pop()}`;
      else runs[stage].push({ wall: Number(r.wall.toFixed(3)), gnuWall: r.gnuWall, peakMB: Number(r.peakMB.toFixed(1)) });
    }
  }
  rmSync(base, { recursive: true, force: true });
  return STAGES.map((stage) => {
    const command = ["node", "bin/notes-analyse.js", stage, "…", ...(["identify", "code", "report"].includes(stage) ? ["--eligible", "ELIGIBLE.csv"] : [])].join(" ");
    if (failures[stage]) return { stage, label, command, status: failures[stage], failed: true };
    const walls = runs[stage].map((r) => r.wall);
    return { stage, label, command, status: "ok", runs: runs[stage], best: Math.min(...walls), median: median(walls), peakMB: Math.max(...runs[stage].map((r) => r.peakMB)), returned, eligible: ids.length };
  });
}

// ---------------------------------------------------------------------------------------------------
// Tables

const int = (n) => Math.round(n).toLocaleString("en-GB");
const secs = (s) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? "–" : `${(a / b).toFixed(2)}×`);

function markdown(header, rows, rightAligned) {
  const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map((h, i) => (rightAligned[i] ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

/** One markdown table of the results of some sizes. */
function table(sizeResults) {
  const header = ["patients", "notes", "MB", "tool", ...(repeat > 1 ? ["best wall s", "median s"] : ["wall s"]), "MB/s", "notes/s", "peak RSS MB", "returned", "÷ rg", "÷ pandas"];
  const rows = [];
  for (const s of sizeResults) {
    const rg = s.results.find((r) => r.tool === "rg" && r.status === "ok")?.best;
    const pandas = s.results.find((r) => r.tool === "pandas" && r.status === "ok")?.best;
    for (const r of s.results) {
      const size = [int(s.patients), s.notes === null ? "?" : int(s.notes), s.MB.toFixed(s.MB < 100 ? 1 : 0), r.tool];
      if (r.status !== "ok") {
        rows.push([...size, r.status, ...(repeat > 1 ? [""] : []), "", "", "", "", "", ""]);
        continue;
      }
      const returned = r.returned !== undefined ? int(r.returned) : `${int(r.lines)} lines`;
      rows.push([
        ...size,
        secs(r.best),
        ...(repeat > 1 ? [secs(r.median)] : []),
        (s.MB / r.best).toFixed(1),
        s.notes === null ? "?" : int(s.notes / r.best),
        r.peakMB.toFixed(0),
        returned,
        ratio(r.best, rg),
        ratio(r.best, pandas),
      ]);
    }
  }
  return markdown(header, rows, header.map((h) => h !== "tool"));
}

/** The later stages at every size: time and peak memory, and the search's beside them. */
function stagesTable(sizeResults) {
  const header = ["patients", "notes", "MB", "build", "returned", "eligible", "search s", ...STAGES.map((s) => `${s} s`), "search MB", ...STAGES.map((s) => `${s} MB`)];
  const rows = sizeResults.flatMap((s) => [["", s.stages], ["baseline", s.baselineStages ?? []]].filter(([, list]) => list.length > 0).map(([build, list]) => {
    const search = build ? undefined : s.results.find((r) => r.tool === "notes-analyse" && r.status === "ok");
    const st = Object.fromEntries(list.map((r) => [r.stage, r]));
    const first = list.find((r) => r.status === "ok");
    return [
      int(s.patients),
      s.notes === null ? "?" : int(s.notes),
      s.MB.toFixed(s.MB < 100 ? 1 : 0),
      build || "this",
      first ? int(first.returned) : "?",
      first ? int(first.eligible) : "?",
      search ? secs(search.best) : "–",
      ...STAGES.map((n) => (st[n]?.status === "ok" ? secs(st[n].best) : "failed")),
      search ? search.peakMB.toFixed(0) : "–",
      ...STAGES.map((n) => (st[n]?.status === "ok" ? st[n].peakMB.toFixed(0) : "–")),
    ];
  }));
  return markdown(header, rows, header.map((h) => h !== "build"));
}

/** Time and peak memory at the largest size ÷ at the smallest, per tool. */
function growth(sizeResults) {
  const [first, last] = [sizeResults[0], sizeResults.at(-1)];
  const out = [];
  for (const tool of selected) {
    const a = first.results.find((r) => r.tool === tool && r.status === "ok");
    const b = last.results.find((r) => r.tool === tool && r.status === "ok");
    if (a && b) out.push({ tool, wall: b.best / a.best, peak: b.peakMB / a.peakMB });
  }
  return {
    from: first.patients,
    to: last.patients,
    notes: first.notes && last.notes ? last.notes / first.notes : null,
    MB: last.MB / first.MB,
    tools: out,
  };
}

// ---------------------------------------------------------------------------------------------------
// Main

async function main() {
  mkdirSync(CACHE, { recursive: true });
  const tools = checkTools();
  const hash = generatorHash();

  // The case-finding terms as patterns for rg / pandas and for GNU grep.
  const termsSource = readFileSync(DEFAULT_TERMS, "utf8");
  const patternFiles = {};
  const patterns = {};
  let patternNotes = [];
  for (const flavour of ["rg", "grep"]) {
    const p = await casePatterns(termsSource, flavour);
    patterns[flavour] = p.patterns;
    patternNotes = p.notes;
    patternFiles[flavour] = join(CACHE, `case-terms.${flavour}.txt`);
    writeFileSync(patternFiles[flavour], p.patterns.join("\n") + "\n");
  }

  process.stderr.write(
    `bench: ${patterns.rg.length} case-finding patterns from ${relative(ROOT, DEFAULT_TERMS)} → ${pretty(patternFiles.rg)}, ${pretty(patternFiles.grep)}\n` +
      patternNotes.map((n) => `bench: rg/grep/pandas: ${n}\n`).join("") +
      `bench: every notes.csv is read once before each timed run, so each tool starts with a warm page cache\n`,
  );
  for (const [name, t] of Object.entries(tools)) {
    const c = commandFor(name, "NOTES.csv", join(CACHE, "out", "OUT"), patternFiles);
    process.stderr.write(`bench: ${name}: ${t.available ? t.version : t.why}\n       ${[c.cmd, ...c.args.map(shown)].join(" ")}\n`);
  }

  const sizeResults = [];
  let failed = false;
  for (const patients of sizes) {
    const extract = await extractFor(patients, hash);
    const results = selected.map((tool) => measure(tool, extract, patternFiles, tools[tool]));
    failed ||= results.some((r) => r.failed);
    // The number of notes: notes-analyse's count, else the generator's; pandas' count must agree.
    const na = results.find((r) => r.tool === "notes-analyse" && r.status === "ok");
    const notes = na?.notes ?? extract.notes;
    const warnings = [];
    for (const r of results) {
      if (r.status === "ok" && r.notes !== undefined && r.notes !== notes) warnings.push(`${r.tool} counted ${r.notes} notes, not ${notes}`);
    }
    if (na && extract.notes !== null && na.notes !== extract.notes) warnings.push(`the generator wrote ${extract.notes} notes, notes-analyse counted ${na.notes}`);
    for (const w of warnings) process.stderr.write(`bench: warning: ${patients} patients: ${w}\n`);
    const stages = opts.stages ? measureStages(extract) : [];
    const baselineStages = opts.stages && baseline ? measureStages(extract, baseline, " (baseline)") : undefined;
    failed ||= stages.some((r) => r.failed) || (baselineStages ?? []).some((r) => r.failed);
    const s = { patients, seed, notes, bytes: extract.bytes, MB: extract.bytes / 1e6, extract: extract.dir, results, stages, ...(baselineStages ? { baselineStages } : {}), warnings };
    sizeResults.push(s);
    process.stdout.write(`\n### ${int(patients)} patients\n\n${table([s])}\n`);
    if (opts.stages) process.stdout.write(`\n${stagesTable([s])}\n`);
  }

  rmSync(join(CACHE, "out"), { recursive: true, force: true }); // notes-analyse's outputs, already removed one by one

  process.stdout.write(`\n### All sizes\n\n${table(sizeResults)}\n`);
  if (opts.stages) process.stdout.write(`\n### The later stages (best wall time, largest peak RSS)\n\n${stagesTable(sizeResults)}\n`);
  let grown = null;
  if (sizeResults.length > 1) {
    grown = growth(sizeResults);
    const rows = grown.tools.map((g) => [g.tool, `${g.wall.toFixed(2)}×`, `${g.peak.toFixed(2)}×`]);
    process.stdout.write(
      `\n### Growth from ${int(grown.from)} to ${int(grown.to)} patients ` +
        `(${grown.notes ? `${grown.notes.toFixed(1)}× the notes, ` : ""}${grown.MB.toFixed(1)}× the MB)\n\n` +
        `${markdown(["tool", "wall time ×", "peak RSS ×"], rows, [false, true, true])}\n`,
    );
  }

  const results = {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    options: { patients: sizes, seed, repeat, threads: threads ?? null, only: selected, stages: opts.stages, baseline: baseline ?? null, cache: CACHE },
    machine: {
      cpuModel: cpus()[0]?.model ?? null,
      cpuCores: cpus().length,
      totalMemoryMB: Math.round(totalmem() / 2 ** 20),
      freeMemoryMB: Math.round(freemem() / 2 ** 20),
      os: `${process.platform} ${release()}`,
      node: process.version,
      locale: process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || null,
      disk: spawnSync("df", ["-PT", CACHE], { encoding: "utf8" }).stdout?.trim().split("\n").pop() ?? null, // filesystem of the cache
      commit: probe("git", ["-C", ROOT, "rev-parse", "HEAD"]) ?? null,
    },
    tools,
    generatorHash: hash,
    terms: relative(ROOT, DEFAULT_TERMS),
    patterns,
    patternNotes,
    sizes: sizeResults,
    growth: grown,
  };
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(results, null, 2) + "\n");
  process.stderr.write(`\nbench: results written to ${pretty(jsonOut)}\n`);
  if (failed) {
    process.stderr.write("bench: some runs failed (see their rows)\n");
    process.exitCode = 1;
  }
}

main().catch((err) => fatal(err.message));
