import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { cli, ensureBuilt, SCENARIOS, tempDir } from "../helpers/cli.js";
import { fillWorkbook } from "../helpers/fill.js";
import { readCsv } from "../helpers/csv.js";
import { readFileSync, writeFileSync } from "node:fs";
import { readWorkbook } from "../../src/io/workbook.js";

beforeAll(() => ensureBuilt());

const BASIC = join(SCENARIOS, "notes-basic");
const study = (out: string) => ["--notes", join(BASIC, "notes.csv"), "--patients", join(BASIC, "patients.csv"), "--preset", "south-london-2015", "--out", out];

describe("notes-analyse run", () => {
  it.each([
    ["state.json", ".notes-analyse/state.json", "delete it to run every stage again"],
  ])("a corrupt %s is exit 2 with one line naming the file and the fix, never ignored", (_name, rel, fix) => {
    const out = tempDir();
    expect(cli(["run", ...study(out), "--to", "sample"]).code).toBe(0);
    writeFileSync(join(out, rel), '{"fingerprints": {"search": ');
    const again = cli(["run", ...study(out), "--to", "report"]);
    expect(again.code).toBe(2);
    const lines = again.stderr.trim().split("\n");
    expect(lines.at(-1)).toContain(`${join(out, rel)}: not valid JSON (`);
    expect(lines.at(-1)).toContain(fix);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  });

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
    const steps = JSON.parse(plan.stdout).plan as { stage: string; action: string; why: string }[];
    expect(steps.map((p) => [p.stage, p.action])).toEqual([
      ["search", "skip"],
      ["screen", "skip"],
      ["sample", "skip"],
      ["consensus", "run"],
      ["identify", "not reached"],
      ["code", "not reached"],
      ["report", "not reached"],
    ]);
    expect(steps[3].why).toMatch(/then stops for the screening decisions: 02-screening\/screening\.xlsx \(rater 1\): \d+ of \d+ decisions empty.*\(exit 3\)/);

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

  it("stops at identification and coding until a rater confirms them, prints its JSON summary at exit 3, and marks a report on suggestions DRAFT", async () => {
    const out = tempDir();
    expect(cli(["run", ...study(out)]).code).toBe(3);
    const suggestions = readCsv(join(out, "02-screening", "suggestions.csv"));
    const decisions = Object.fromEntries(suggestions.map((s) => [s.patient_id, { decision: "include" }]));
    await fillWorkbook(join(out, "02-screening", "screening.xlsx"), "Screening", "patient_id", decisions);
    await fillWorkbook(join(out, "02-screening", "second-rater.xlsx"), "Screening", "patient_id", decisions);

    // Identification: suggestions written, nobody has confirmed them → exit 3 with the summary on stdout.
    const atIdentify = cli(["run", ...study(out), "--json"]);
    expect(atIdentify.code, atIdentify.stderr).toBe(3);
    const summary = JSON.parse(atIdentify.stdout);
    expect(summary).toMatchObject({ stopped_at: "identify", report: null });
    expect(summary.pending[0]).toMatch(/identification\.xlsx: \d+ of \d+ eligible patients still have no final_route/);
    expect(atIdentify.stderr).toContain("--accept-suggestions");
    expect(atIdentify.stderr).toContain("run stopped at identify");

    // The dry run says the same, without running anything.
    const dry = JSON.parse(cli(["run", ...study(out), "--dry-run", "--json", "--quiet"]).stdout).plan as { stage: string; action: string; why: string }[];
    expect(dry.find((p) => p.stage === "identify")!.why).toMatch(/stops: .*final_route/);
    expect(dry.find((p) => p.stage === "code")!.action).toBe("not reached");

    // --accept-suggestions carries on: the report is built, and says DRAFT where it rests on suggestions.
    const accepted = cli(["run", ...study(out), "--accept-suggestions"]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toMatch(/--accept-suggestions: carrying on with \d+ of \d+ eligible patients unconfirmed/);
    const html = readFileSync(join(out, "report", "report.html"), "utf8");
    expect(html).toContain("<title>DRAFT: notes-analyse report</title>");
    for (const id of ["routes", "themes", "quotes"]) expect(html.split(`<section id="${id}">`)[1].split("</section>")[0], id).toContain(`<p class="draft">DRAFT:`);
    expect(html.split(`<section id="table1">`)[1].split("</section>")[0]).not.toContain("DRAFT");
    const wb = await readWorkbook(join(out, "report", "report.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["DRAFT", "Routes DRAFT", "Themes DRAFT", "Quotes DRAFT", "Table 1"]));
    expect(wb.worksheets[0].name).toBe("DRAFT");

    // A rater confirms every route: run goes on to coding and stops there.
    const routes = readCsv(join(out, "03-identification", "routes.csv"));
    await fillWorkbook(join(out, "03-identification", "identification.xlsx"), "Identification", "patient_id", Object.fromEntries(routes.map((r) => [r.patient_id, { final_route: r.suggested_route }])));
    const atCode = cli(["run", ...study(out)]);
    expect(atCode.code, atCode.stderr).toBe(3);
    expect(atCode.stderr).toMatch(/coded-extracts\.xlsx: \d+ of \d+ extracts still have no final_codes/);

    // A coder codes every extract: the run ends, and the report is no longer a draft.
    const extracts = readCsv(join(out, "04-themes", "extracts.csv"));
    await fillWorkbook(join(out, "04-themes", "coded-extracts.xlsx"), "Extracts", "extract_id", Object.fromEntries(extracts.map((e) => [e.extract_id, { final_codes: e.suggested_codes || "none" }])));
    const done = cli(["run", ...study(out)]);
    expect(done.code, done.stderr).toBe(0);
    const final = readFileSync(join(out, "report", "report.html"), "utf8");
    expect(final).toContain("<title>notes-analyse report</title>");
    expect(final).not.toContain(`class="draft"`);
  }, 120_000);

  it("points to init in a folder with no study", () => {
    const r = cli(["run"], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no notes-analyse\.config\.json in .*: start a study with notes-analyse init/);
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
