#!/usr/bin/env node
// Stage 1 benchmark: throughput and peak memory of `notes-analyse search` against a baseline that
// reads the same notes with the same streaming reader and matches nothing, in one run, at two extract
// sizes (memory should stay flat as the extract grows).
//
//   npm run build && node bench/search.mjs [--patients 20000,80000] [--seed 7]
//
// Needs GNU time (/usr/bin/time, Debian package "time") for peak memory.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const ROOT = join(import.meta.dirname, "..");
const { values } = parseArgs({ options: { patients: { type: "string", default: "20000,80000" }, seed: { type: "string", default: "7" } } });
if (!existsSync("/usr/bin/time")) {
  console.error("bench: /usr/bin/time not found (apt-get install time)");
  process.exit(2);
}

/** Run a command under GNU time; wall seconds and peak resident memory in MB. */
function timed(args) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr.slice(-300)}`);
  const [wall, kb] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { seconds: wall, peakMB: kb / 1024, stdout: r.stdout };
}

const rows = [];
for (const n of values.patients.split(",").map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), "na-bench-"));
  execFileSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/fixtures/generate.ts", "--patients", String(n), "--seed", values.seed, "--out", dir], { cwd: ROOT, stdio: "ignore" });
  const notes = join(dir, "notes.csv");
  const mb = statSync(notes).size / 1e6;
  const base = timed([process.execPath, "bench/read-only.mjs", notes]);
  const { notes: count } = JSON.parse(base.stdout);
  const search = timed([process.execPath, "bin/notes-analyse.js", "search", "--notes", notes, "--preset", "south-london-2015", "--out", join(dir, "out"), "--quiet", "--json"]);
  const returned = JSON.parse(search.stdout).returned;
  for (const [what, r] of [["read only (baseline)", base], ["search", search]]) {
    rows.push({ patients: n, notes: count, MB: mb.toFixed(0), what, seconds: r.seconds.toFixed(1), "MB/s": (mb / r.seconds).toFixed(1), "notes/s": Math.round(count / r.seconds), "peak MB": r.peakMB.toFixed(0), returned: what === "search" ? returned : "" });
  }
  rows.push({ patients: n, what: "search ÷ baseline time", seconds: (search.seconds / base.seconds).toFixed(2) });
  rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
