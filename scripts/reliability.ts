/**
 * The figures of README's "Reliability" section: runs the fault suite (test/fault) with every test's
 * seeds multiplied by --scale, counting what the harness did and found (NA_FIGURES), and prints them
 * as a Markdown table. Usage: npm run reliability -- [--scale 3] [--bin path/to/notes-analyse.js]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(flag("--scale") ?? 3);
const bin = flag("--bin");
const root = resolve(import.meta.dirname, "..");
const figures = join(mkdtempSync(join(tmpdir(), "na-reliability-")), "figures.jsonl");
const report = `${figures}.vitest.json`;

const started = Date.now();
const run = spawnSync("npx", ["vitest", "run", "test/fault", "--reporter=json", `--outputFile=${report}`], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, NA_FAULT_SCALE: String(scale), NA_FIGURES: figures, ...(bin ? { NA_BIN: resolve(bin) } : {}) },
});
const minutes = ((Date.now() - started) / 60000).toFixed(1);

const totals = new Map<string, number>();
if (existsSync(figures)) {
  for (const line of readFileSync(figures, "utf8").split("\n").filter(Boolean)) {
    const { name, n } = JSON.parse(line) as { name: string; n: number };
    totals.set(name, (totals.get(name) ?? 0) + n);
  }
}
const tests = existsSync(report) ? (JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number }) : { numPassedTests: 0, numFailedTests: 0 };
const get = (k: string) => totals.get(k) ?? 0;
const rows: [string, string][] = [
  ["fault tests (generated cases, seeds ×" + scale + ")", `${tests.numPassedTests} passed, ${tests.numFailedTests} failed`],
  ["runs of the real CLI", String(get("runs of the CLI"))],
  ["bad inputs and environment faults: tried / handled (exit 2, one line naming the path)", `${get("bad inputs and environment faults tried")} / ${get("bad inputs and environment faults handled (exit 2, one line naming the path)")}`],
  ["damaged workbooks: tried / reported by cell, nothing applied", `${get("damaged workbooks")} / ${get("damaged workbooks reported by cell, nothing applied")}`],
  ["SIGKILLs at random moments: tried / survived (no decision lost, no mixed set)", `${get("kills (SIGKILL at a random moment)")} / ${get("kills survived (no decision lost, no mixed set)")}`],
  ["saves by a rater while a command ran: tried / kept", `${get("saves by a rater while a command ran")} / ${get("saves by a rater kept")}`],
  ["two commands on one study at once: tried / leaving one run's outputs", `${get("concurrent runs on one study")} / ${get("concurrent runs leaving one run's outputs")}`],
  ["decisions checked / lost or moved", `${get("decisions checked")} / ${get("decisions lost or moved")}`],
  ["output streams checked / with note text", `${get("output streams checked for note text")} / ${get("note text in output streams")}`],
  ["message lines over 300 characters", String(get("message lines over 300 characters"))],
  ["exit 70", String(get("exit 70"))],
];
console.log(`| what | figure |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join("\n")}`);
console.log(`\n(${minutes} minutes${bin ? `, CLI ${bin}` : ""}; node ${process.versions.node})`);
process.exit(run.status ?? 1);
