import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { cli, ensureBuilt, SCENARIOS, tempDir } from "../helpers/cli.js";
import { fillWorkbook } from "../helpers/fill.js";
import { readCsv } from "../helpers/csv.js";

beforeAll(() => ensureBuilt());

const BASIC = join(SCENARIOS, "notes-basic");
const study = (out: string) => ["--notes", join(BASIC, "notes.csv"), "--patients", join(BASIC, "patients.csv"), "--preset", "south-london-2015", "--out", out];

describe("notes-analyse run", () => {
  it("stops with exit 3 at the first workbook to fill, saying which and how to continue, and skips unchanged stages next time", async () => {
    const out = tempDir();
    const first = cli(["run", ...study(out)]);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain("screening.xlsx");
    expect(first.stderr).toContain("decision cells still empty");
    expect(first.stderr).toContain("continue with: notes-analyse run");
    expect(first.stderr).not.toMatch(/\n\s+at /);

    const plan = cli(["run", ...study(out), "--dry-run", "--json", "--quiet"]);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).plan).toEqual([
      { stage: "search", action: "skip (inputs unchanged)" },
      { stage: "screen", action: "skip (inputs unchanged)" },
      { stage: "sample", action: "skip (inputs unchanged)" },
      { stage: "consensus", action: "run" },
      { stage: "identify", action: "waits for 02-screening/eligible.csv" },
      { stage: "code", action: "waits for 02-screening/eligible.csv" },
      { stage: "report", action: "waits for 02-screening/eligible.csv" },
    ]);

    // raters fill in their workbooks; the next run carries on from consensus without redoing search
    const suggestions = readCsv(join(out, "02-screening", "suggestions.csv"));
    const decisions = Object.fromEntries(suggestions.map((s) => [s.patient_id, { decision: s.suggestion === "exclude" ? "exclude" : "include", exclusion_reason: s.reason }]));
    await fillWorkbook(join(out, "02-screening", "screening.xlsx"), "Screening", "patient_id", decisions);
    await fillWorkbook(join(out, "02-screening", "second-rater.xlsx"), "Screening", "patient_id", decisions);
    const second = cli(["run", ...study(out), "--to", "consensus"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain("run: search — inputs unchanged since the last run, skipped");
    expect(readCsv(join(out, "02-screening", "eligible.csv")).length).toBeGreaterThan(0);
  });

  it.each([
    [["--from", "nope"], 'unknown stage "nope"'],
    [["--from", "report", "--to", "search"], "--from report comes after --to search"],
    [["--from", "identify"], "stage identify needs"],
  ])("rejects %j with exit 2", (args, message) => {
    const r = cli(["run", ...study(tempDir()), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("notes-analyse verify", () => {
  it("exits 2 when there is no manifest", () => {
    const r = cli(["verify", tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no manifest");
  });
});
