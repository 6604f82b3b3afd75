import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, ensureBuilt, ROOT, tempDir } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv.js";
import { filesUnder } from "../helpers/files.js";

beforeAll(() => ensureBuilt());

const DEMO = join(ROOT, "fixtures", "south-london-demo");

/** A study folder with its own copy of an extract, so its files can be touched. */
function studyFrom(extract: string): string {
  const dir = tempDir("na-kept-");
  for (const f of ["notes.csv", "patients.csv"]) copyFileSync(join(extract, f), join(dir, f));
  writeFileSync(join(dir, "notes-analyse.config.json"), JSON.stringify({ notes: ["notes.csv"], patients: "patients.csv", preset: "south-london-2015", seed: 2015 }));
  return dir;
}

/**
 * Search once, then run the later stages twice: on the notes search kept, and with that file taken
 * away, so that they read the export as they did before it existed. Every output must be the same.
 */
function laterStagesBothWays(dir: string, eligible: string[]): { kept: Map<string, Buffer>; read: Map<string, Buffer> } {
  const run = (out: string, args: string[]) => {
    const r = cli([...args, "--out", out, "--quiet"], dir);
    expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
  };
  run("kept", ["search"]);
  cpSync(join(dir, "kept"), join(dir, "read"), { recursive: true });
  rmSync(join(dir, "read", "01-search", "notes.jsonl"));
  writeFileSync(join(dir, "eligible.csv"), `patient_id\n${eligible.join("\n")}\n`);
  for (const out of ["kept", "read"]) {
    for (const stage of [["screen"], ["sample"], ["identify", "--eligible", "eligible.csv"], ["code", "--eligible", "eligible.csv"]]) run(out, stage);
  }
  const later = (out: string) => new Map([...filesUnder(join(dir, out))].filter(([p]) => !p.startsWith("01-search")));
  return { kept: later("kept"), read: later("read") };
}

describe("the returned patients' notes, kept by search for the later stages", () => {
  it("give the later stages exactly the outputs the export gives them (demo)", () => {
    const dir = studyFrom(DEMO);
    const eligible = readCsv(join(DEMO, "truth", "patients.csv")).filter((p) => p.eligible === "yes").map((p) => p.patient_id);
    expect(eligible).toHaveLength(130);
    const { kept, read } = laterStagesBothWays(dir, eligible);
    expect([...kept.keys()]).toEqual([...read.keys()]);
    expect(kept.size).toBeGreaterThan(15);
    for (const [path, bytes] of kept) expect(bytes.equals(read.get(path)!), path).toBe(true);
  }, 240_000);

  it("give the same outputs on a larger generated extract, its returned patients all taken as eligible", () => {
    const extract = tempDir("na-gen-");
    const g = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/fixtures/generate.ts", "--patients", "3000", "--seed", "11", "--out", extract], { cwd: ROOT, encoding: "utf8" });
    expect(g.status, g.stderr).toBe(0);
    const dir = studyFrom(extract);
    const found = cli(["search", "--out", "probe", "--quiet", "--json"], dir);
    const returned = readCsv(join(dir, "probe", "01-search", "patients.csv")).map((p) => p.patient_id);
    expect(JSON.parse(found.stdout).notes).toBeGreaterThan(60_000);
    expect(returned.length).toBeGreaterThan(5);
    const { kept, read } = laterStagesBothWays(dir, returned);
    expect([...kept.keys()]).toEqual([...read.keys()]);
    for (const [path, bytes] of kept) expect(bytes.equals(read.get(path)!), path).toBe(true);
  }, 240_000);

  it("stop with exit 2 asking for search again when the export changed, and run searches again by itself", () => {
    const dir = studyFrom(DEMO);
    expect(cli(["search", "--out", "out", "--quiet"], dir).code).toBe(0);
    const kept = readFileSync(join(dir, "out", "01-search", "notes.jsonl"));
    const when = new Date("2003-04-05T06:07:08Z");
    utimesSync(join(dir, "notes.csv"), when, when);
    const screen = cli(["screen", "--out", "out"], dir);
    expect(screen.code).toBe(2);
    expect(screen.stderr.trim()).toBe(`notes-analyse: ${join(dir, "notes.csv")}: changed since search read it (size or modification time differ): run notes-analyse search again`);

    // run sees it too: search runs again (same notes, so the same file), and the stages after it go on
    const r = cli(["run", "--out", "out", "--to", "screen", "--json"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).plan.slice(0, 2)).toEqual([{ stage: "search", action: "ran" }, { stage: "screen", action: "ran" }]);
    expect(readFileSync(join(dir, "out", "01-search", "notes.jsonl")).equals(kept)).toBe(true);
    const again = cli(["run", "--out", "out", "--to", "screen", "--json"], dir);
    expect(JSON.parse(again.stdout).plan).toEqual([{ stage: "search", action: "skipped" }, { stage: "screen", action: "skipped" }]);

    // a notes file added to the selection is a change as well
    copyFileSync(join(dir, "notes.csv"), join(dir, "notes-2.csv"));
    const added = cli(["screen", "--out", "out", "--notes", "notes.csv", "notes-2.csv"], dir);
    expect(added.code).toBe(2);
    expect(added.stderr).toContain(`${join(dir, "notes-2.csv")}: a notes file search did not read (run notes-analyse search again)`);
  }, 240_000);

  it("need no notes export at all for the patients search returned", () => {
    const dir = studyFrom(DEMO);
    expect(cli(["search", "--out", "out", "--quiet"], dir).code).toBe(0);
    writeFileSync(join(dir, "notes-analyse.config.json"), JSON.stringify({ preset: "south-london-2015", seed: 2015 }));
    const r = cli(["screen", "--out", "out", "--json", "--quiet"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).patients).toBe(691);
  }, 120_000);
});
