import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";
import { recoverCommits } from "../../src/io/write-set.js";
import { readCsv } from "../helpers/csv.js";
import { streamProblems } from "./harness/checks.js";
import { figure } from "./harness/figures.js";
import { runCli, seeds, sleep, startCli } from "./harness/run.js";
import { makeStudy, type Study } from "./harness/study.js";
import { decisionsOf, fillDecisions, openBook, saveBook, SCREENING, columns } from "./harness/workbook.js";

/**
 * Issue 14, problems 1, 9 and 14: a rater saving while a command runs, kills at random points, two
 * commands at once, planted temp-file symlinks and backups piling up. The real CLI is started and
 * killed (SIGKILL) at seeded random moments; afterwards no decision is lost or moved and the outputs
 * of a command are all of one run.
 */

const STATE = ".notes-analyse";

/** Temp files and unfinished commit records under a folder. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.tmp-\d+-[0-9a-f]+$/.test(e.name) || /^commit-/.test(e.name)) found.push(join(d, e.name));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** The patient ids search's three outputs name: they must be of one run. */
async function searchSets(out: string): Promise<{ patients: string[]; hits: string[]; workbook: string[] }> {
  const dir = join(out, "01-search");
  const patients = readCsv(join(dir, "patients.csv")).map((r) => r.patient_id).sort();
  const hits = [...new Set(readCsv(join(dir, "hits.csv")).filter((h) => h.group_name === "case").map((h) => h.patient_id))].sort();
  const ws = (await openBook(join(dir, "search.xlsx"))).getWorksheet("Patients")!;
  const workbook = Array.from({ length: ws.rowCount - 1 }, (_, i) => String(ws.getCell(i + 2, 1).value ?? "")).filter(Boolean).sort();
  return { patients, hits, workbook };
}

describe.each(seeds(1, 71))("kills, concurrent saves and concurrent runs, seed %i", (seed) => {
  let study: Study;
  let decided: Map<string, string>;
  const book = () => join(study.out, "02-screening", "screening.xlsx");
  let took = 1000;

  beforeAll(async () => {
    study = makeStudy({ seed, patients: 20 });
    expect(runCli(["search", ...study.args], study.dir).code).toBe(0);
    expect(runCli(["screen", ...study.args], study.dir).code).toBe(0);
    decided = await fillDecisions(book(), SCREENING, createRandom(seed), 0.6);
    const t = Date.now();
    expect(runCli(["screen", ...study.args], study.dir).code).toBe(0);
    took = Date.now() - t;
  });

  it("a rater saving during a re-run never loses an edit (1)", async () => {
    const rng = createRandom(`${seed}-saves`);
    const rounds = 4;
    let refused = 0;
    for (let i = 0; i < rounds; i++) {
      const run = startCli(["screen", ...study.args], study.dir);
      await sleep(rng.int(took));
      // the rater changes a decision and saves, as Excel does (temp file, then rename)
      const wb = await openBook(book());
      const ws = wb.getWorksheet("Screening")!;
      const col = columns(ws);
      const r = 2 + rng.int(ws.rowCount - 1);
      const id = String(ws.getCell(r, col.get("patient_id")!).value).replace(/^'/, "");
      const value = rng.pick(SCREENING.values);
      ws.getCell(r, col.get("decision")!).value = value;
      await saveBook(wb, book(), rng.chance(0.3));
      decided.set(id, value);
      const o = await run.done;
      expect([0, 2], o.stderr).toContain(o.code);
      if (o.code === 2) {
        refused++;
        expect(o.stderr).toContain("saved by someone else");
      }
      expect(streamProblems(o, study.markers)).toEqual([]);
      const now = await decisionsOf(book(), SCREENING);
      const lost = [...decided].filter(([pid, d]) => now.get(pid) !== d).length;
      figure("saves by a rater while a command ran");
      figure("saves by a rater kept", lost === 0 ? 1 : 0);
      figure("decisions checked", decided.size);
      figure("decisions lost or moved", lost);
      for (const [pid, d] of decided) expect(now.get(pid), `round ${i}: ${pid}`).toBe(d);
    }
    expect(leftovers(study.out)).toEqual([]);
    // the figure for the README: how many saves landed while a run was under way and were kept
    console.info(`concurrent saves: ${rounds} kept, ${refused} runs stopped to keep them`);
  });

  it("a save at the worst moment, just before the new workbook lands: the run stops and the save is kept (1)", async () => {
    const rng = createRandom(`${seed}-worst`);
    // the save lands just before the 1st, 2nd, 3rd … rename of the run's commit
    for (const after of [1, 2, 3, 4]) {
      const edited = join(study.dir, `rater-save-${after}.xlsx`);
      const wb = await openBook(book());
      const ws = wb.getWorksheet("Screening")!;
      const col = columns(ws);
      const r = 2 + rng.int(ws.rowCount - 1);
      const id = String(ws.getCell(r, col.get("patient_id")!).value).replace(/^'/, "");
      const value = SCREENING.values.find((v) => v !== (decided.get(id) ?? ""))!;
      ws.getCell(r, col.get("decision")!).value = value;
      await saveBook(wb, edited);
      const o = runCli(["screen", ...study.args], study.dir, { code: "SAVE", op: "save", after, saveFrom: edited, saveTo: book() });
      // Up to the workbook's own replacement the run must stop; a save after it simply wins.
      if (after <= 3) {
        expect(o.code, `save before rename ${after}: ${o.stderr}`).toBe(2);
        expect(o.stderr).toContain("saved by someone else");
      } else expect([0, 2]).toContain(o.code);
      expect(readFileSync(book()).equals(readFileSync(edited)), `save before rename ${after}`).toBe(true);
      decided.set(id, value);
      const now = await decisionsOf(book(), SCREENING);
      const lost = [...decided].filter(([pid, d]) => now.get(pid) !== d).length;
      figure("saves by a rater while a command ran");
      figure("saves by a rater kept", lost === 0 && readFileSync(book()).equals(readFileSync(edited)) ? 1 : 0);
      figure("decisions checked", decided.size);
      figure("decisions lost or moved", lost);
      for (const [pid, d] of decided) expect(now.get(pid), `${after}: ${pid}`).toBe(d);
    }
    expect(leftovers(study.out)).toEqual([]);
  });

  it("kills at random points lose no decision and leave no mixed set (14)", async () => {
    const rng = createRandom(`${seed}-kills`);
    const otherTerms = join(study.dir, "terms-b.txt");
    writeFileSync(otherTerms, "Home Office\n");
    for (let i = 0; i < 5; i++) {
      const screen = i % 2 === 0;
      const args = screen ? ["screen", ...study.args] : ["search", ...study.args.map((a) => (a === study.terms && i % 4 === 1 ? otherTerms : a))];
      const run = startCli(args, study.dir);
      await sleep(rng.int(Math.max(200, took)));
      run.kill();
      await run.done;
      // what the next command on the study does first: finish a set a kill interrupted
      recoverCommits(join(study.out, STATE), study.out);
      const now = await decisionsOf(book(), SCREENING);
      const sets = await searchSets(study.out);
      const lost = [...decided].filter(([pid, d]) => now.get(pid) !== d).length;
      const mixed = JSON.stringify(sets.hits) !== JSON.stringify(sets.patients) || JSON.stringify(sets.workbook) !== JSON.stringify(sets.patients);
      figure("kills (SIGKILL at a random moment)");
      figure("kills survived (no decision lost, no mixed set)", lost === 0 && !mixed ? 1 : 0);
      figure("decisions checked", decided.size);
      figure("decisions lost or moved", lost);
      for (const [pid, d] of decided) expect(now.get(pid), `kill ${i}: ${pid}`).toBe(d);
      expect(sets.hits, `kill ${i}: hits.csv and patients.csv`).toEqual(sets.patients);
      expect(sets.workbook, `kill ${i}: search.xlsx and patients.csv`).toEqual(sets.patients);
    }
    // put the study's own terms back, then a clean run tidies up after the kills
    expect(runCli(["search", ...study.args], study.dir).code).toBe(0);
    const o = runCli(["screen", ...study.args], study.dir);
    expect(o.code, o.stderr).toBe(0);
    expect(leftovers(study.out)).toEqual([]);
  });

  it("two searches at once: the second waits, and the outputs are one run's (14)", async () => {
    const rng = createRandom(`${seed}-concurrent`);
    const otherTerms = join(study.dir, "terms-c.txt");
    writeFileSync(otherTerms, "Home Office\n");
    for (let round = 0; round < 3; round++) {
      const a = startCli(["search", ...study.args], study.dir);
      await sleep(rng.int(40));
      const b = startCli(["search", ...study.args.map((x) => (x === study.terms ? otherTerms : x))], study.dir);
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([ra.code, rb.code], ra.stderr + rb.stderr).toEqual([0, 0]);
      const sets = await searchSets(study.out);
      figure("concurrent runs on one study");
      figure("concurrent runs leaving one run's outputs", JSON.stringify(sets.hits) === JSON.stringify(sets.patients) && JSON.stringify(sets.workbook) === JSON.stringify(sets.patients) ? 1 : 0);
      expect(sets.hits, `round ${round}`).toEqual(sets.patients);
      expect(sets.workbook, `round ${round}`).toEqual(sets.patients);
    }
  });
});

describe("the study lock, temp files and backups", () => {
  let study: Study;
  beforeAll(() => {
    study = makeStudy({ seed: 81, patients: 8 });
    expect(runCli(["search", ...study.args], study.dir).code).toBe(0);
  });

  it("stops with exit 2 naming the holder while another live command holds the lock, and clears a dead one's", async () => {
    const holder = spawn("sleep", ["30"]);
    const lock = join(study.out, STATE, "lock");
    writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), command: "screen", since: "2026-01-01T00:00:00.000Z" }));
    const r = runCli(["search", ...study.args], study.dir);
    holder.kill();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`notes-analyse screen (process ${holder.pid}`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    await sleep(100);
    writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), command: "screen", since: "2026-01-01T00:00:00.000Z" }));
    const again = runCli(["search", ...study.args], study.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    // a lock left empty by a process killed (or a disk filled) as it wrote it is cleared too
    writeFileSync(lock, "");
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const empty = runCli(["search", ...study.args], study.dir);
    expect(empty.code, empty.stderr).toBe(0);
  });

  it("never follows a planted temp-file symlink (9)", () => {
    const victim = join(study.dir, "victim.txt");
    writeFileSync(victim, "untouched");
    const dir = join(study.out, "01-search");
    // the names an older version used: .<file>.tmp-<pid>-<n>, for the next process ids
    const last = existsSync("/proc/sys/kernel/ns_last_pid") ? Number(readFileSync("/proc/sys/kernel/ns_last_pid", "utf8")) : process.pid;
    for (let pid = last + 1; pid <= last + 64; pid++) {
      for (const f of ["patients.csv", "hits.csv", "search.xlsx"]) for (const n of [1, 2, 3]) {
        const p = join(dir, `.${f}.tmp-${pid}-${n}`);
        if (!existsSync(p)) symlinkSync(victim, p);
      }
    }
    const r = runCli(["search", ...study.args], study.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("untouched");
    expect(readCsv(join(dir, "patients.csv")).length).toBe(study.returned.length);
  });

  it("keeps at most --backups backups of a workbook (14)", () => {
    expect(runCli(["screen", ...study.args], study.dir).code).toBe(0);
    for (let i = 0; i < 3; i++) expect(runCli(["screen", ...study.args, "--backups", "2"], study.dir).code).toBe(0);
    const backups = readdirSync(join(study.out, "02-screening")).filter((n) => n.startsWith("screening.backup-"));
    expect(backups).toHaveLength(2);
  });
});
