import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cellText, readWorkbook } from "../../src/io/workbook.js";
import { cli, ensureBuilt, SCENARIOS, tempDir } from "../helpers/cli.js";
import { readCsv, readHeader } from "../helpers/csv.js";

beforeAll(() => ensureBuilt());

const BASIC = join(SCENARIOS, "notes-basic");

describe("notes-analyse search (end to end)", () => {
  it("returns exactly the patients with a case-finding term, with offsets that point at the match", async () => {
    const out = tempDir();
    const r = cli(["search", "--notes", join(BASIC, "notes.csv"), "--patients", join(BASIC, "patients.csv"), "--preset", "south-london-2015", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("3 patients returned (2 adult, 1 child, 0 unknown)");
    const dir = join(out, "01-search");
    expect(readHeader(join(dir, "patients.csv")).slice(0, 5)).toEqual(["patient_id", "group", "n_notes_hit", "n_hits", "terms"]);
    expect(readHeader(join(dir, "hits.csv")).slice(0, 10)).toEqual(["patient_id", "note_id", "date", "term", "group_name", "start", "end", "left", "match", "right"]);
    const patients = readCsv(join(dir, "patients.csv"));
    expect(patients.map((p) => [p.patient_id, p.group, p.n_hits])).toEqual([
      ["A1", "adult", "2"],
      ["A3", "child", "2"],
      ["A4", "adult", "1"],
    ]);
    expect(patients[0].terms).toBe("trafficked (1); forced into prostitution (1)");
    const text = new Map(readCsv(join(BASIC, "notes.csv")).map((n) => [n.note_id, n.text]));
    const hits = readCsv(join(dir, "hits.csv"));
    for (const h of hits) expect(text.get(h.note_id)!.slice(Number(h.start), Number(h.end))).toBe(h.match);
    // theme groups are searched for returned patients only: A2's notes are never theme-searched
    expect(hits.some((h) => h.group_name === "engagement" && h.patient_id === "A1" && h.match === "DNA")).toBe(true);
    expect(hits.some((h) => h.patient_id === "A2")).toBe(false);
    // a phrase split across a line break is one hit
    expect(hits.find((h) => h.patient_id === "A3" && h.group_name === "case" && h.term === "sex slavery")?.match).toBe("sex\nslavery");
  });

  it("writes a workbook people can read: frozen header, filter, the match in bold in its context", async () => {
    const out = tempDir();
    expect(cli(["search", "--notes", join(BASIC, "notes.csv"), "--preset", "south-london-2015", "--out", out]).code).toBe(0);
    const wb = await readWorkbook(join(out, "01-search", "search.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Patients", "Hits", "Terms"]);
    // Every term of the file, zero-hit ones too, so a misspelt term shows.
    const terms = wb.getWorksheet("Terms")!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 5));
    expect(terms.length).toBeGreaterThan(50);
    expect(terms.some((t) => t[0] === "case" && t[2] === 0)).toBe(true);
    expect(terms.some((t) => t[0] !== "case" && t[2] === 0)).toBe(true);
    const hitsTotal = terms.reduce((s, t) => s + Number(t[2]), 0);
    expect(hitsTotal).toBe(wb.getWorksheet("Hits")!.rowCount - 1);
    const hits = wb.getWorksheet("Hits")!;
    expect(hits.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(hits.autoFilter).toBeTruthy();
    const header = (hits.getRow(1).values as unknown[]).slice(1);
    const ctxCol = header.indexOf("context") + 1;
    const cell = hits.getRow(2).getCell(ctxCol);
    const rich = (cell.value as { richText: { text: string; font?: { bold?: boolean } }[] }).richText;
    const bold = rich.filter((r) => r.font?.bold).map((r) => r.text);
    expect(bold).toHaveLength(1);
    expect(cellText(cell)).toContain(bold[0]);
    expect(wb.getWorksheet("Patients")!.rowCount).toBe(4);
  });

  it("neutralises formula-like text in CSV and workbook", async () => {
    const dir = tempDir();
    const notes = join(dir, "inj.csv");
    writeFileSync(notes, 'patient_id,note_id,date,text\n"=HYPERLINK(""x"")",1,2010-01-01,"=cmd|x trafficked"\n');
    expect(cli(["search", "--notes", notes, "--preset", "south-london-2015", "--out", join(dir, "o")]).code).toBe(0);
    const raw = readFileSync(join(dir, "o", "01-search", "patients.csv"), "utf8");
    expect(raw).toContain(`"'=HYPERLINK(""x"")"`);
    const wb = await readWorkbook(join(dir, "o", "01-search", "search.xlsx"));
    expect(cellText(wb.getWorksheet("Patients")!.getCell("A2"))).toBe(`'=HYPERLINK("x")`);
  });

  it("gives the same hits whether or not a patient's notes are contiguous in the export", () => {
    const lines = readFileSync(join(BASIC, "notes.csv"), "utf8").trimEnd().split("\n");
    // the data rows of notes.csv as records (a quoted note spans two lines), interleaved across patients
    const records = ["A1,a1-1", "A1,a1-2", "A2,", "A3,", "A4,", "A5,"].map((start) => {
      const i = lines.findIndex((l) => l.startsWith(start));
      return lines[i].split('"').length % 2 === 0 ? `${lines[i]}\n${lines[i + 1]}` : lines[i];
    });
    const dir = tempDir();
    const shuffled = join(dir, "notes.csv");
    writeFileSync(shuffled, [lines[0], records[0], records[3], records[2], records[1], records[4], records[5]].join("\n") + "\n");
    const a = tempDir();
    const b = tempDir();
    expect(cli(["search", "--notes", join(BASIC, "notes.csv"), "--preset", "south-london-2015", "--out", a]).code).toBe(0);
    expect(cli(["search", "--notes", shuffled, "--preset", "south-london-2015", "--out", b]).code).toBe(0);
    for (const f of ["patients.csv", "hits.csv"]) expect(readFileSync(join(b, "01-search", f), "utf8")).toBe(readFileSync(join(a, "01-search", f), "utf8"));
    expect(readCsv(join(b, "01-search", "hits.csv")).filter((h) => h.patient_id === "A1" && h.group_name !== "case").length).toBeGreaterThan(0);
  });

  it("gives the same bytes twice", () => {
    const a = tempDir();
    const b = tempDir();
    for (const out of [a, b]) cli(["search", "--notes", join(BASIC, "notes.csv"), "--preset", "south-london-2015", "--out", out]);
    for (const f of ["patients.csv", "hits.csv"]) expect(readFileSync(join(a, "01-search", f))).toEqual(readFileSync(join(b, "01-search", f)));
  });

  it("reads a semicolon-separated export and patients file with mapped CRIS-style columns, as hospitals give them", () => {
    const dir = join(SCENARIOS, "notes-semicolon-mapped");
    const out = tempDir();
    const r = cli(["search", "--out", out, "--quiet"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readCsv(join(out, "01-search", "patients.csv")).map((p) => [p.patient_id, p.group])).toEqual([["S1", "adult"], ["S3", "child"]]);
    const wrong = cli(["search", "--out", out, "--delimiter", "comma"], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/patients\.csv: missing column BrcId \(for patient_id\); found "BrcId;Gender;Age at first conta…" \(the header reads as one column: is the file separated by semicolon \(;\)\? set --delimiter/);
    const bad = cli(["search", "--out", out, "--delimiter", "colon"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/delimiter: expected auto, comma, semicolon, tab or pipe/);
  });

  it("prints a JSON summary on stdout with --json", () => {
    const r = cli(["search", "--notes", join(BASIC, "notes.csv"), "--preset", "south-london-2015", "--out", tempDir(), "--json", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ files: 1, notes: 6, patients: 5, returned: 3 });
    expect(j.terms.find((t: { term: string }) => t.term === "trafficked")).toMatchObject({ group: "case" });
    expect(j.terms.filter((t: { hits: number }) => t.hits === 0).length).toBeGreaterThan(0);
  });

  it.each([
    ["notes-unclosed-quote", ["--notes", "notes.csv"], "notes.csv:3: a quoted field opens here and is never closed"],
    ["notes-missing-column", ["--notes", "notes.csv"], "missing column text; found"],
    ["notes-bad-date", ["--notes", "notes.csv"], "notes.csv:3: column date"],
    ["notes-basic", ["--notes", "nothing-*.csv"], "nothing-*.csv: no file matches"],
    ["terms-malformed", ["--notes", "../notes-basic/notes.csv", "--terms", "terms.txt"], "terms.txt:3: a /regex/ term must end with /"],
    ["config-unknown-key", [], "notes-analyse.config.json › sampels: unknown key"],
    ["config-bad-fraction", [], "sampling.fraction: expected 0–1 (use 0.1 for 10%)"],
    ["notes-basic", ["--notes", "notes.csv", "--encoding", "latin1"], "command line › encoding: expected one of auto, utf-8, windows-1252"],
    ["notes-basic", ["--notes", "notes.csv", "--threads", "0"], 'command line › --threads: expected a whole number from 1 to 64 (got "0")'],
    ["notes-basic", ["--notes", "notes.csv", "--threads", "two"], 'command line › --threads: expected a whole number from 1 to 64 (got "two")'],
    ["notes-basic", ["--notes", "notes.csv"], "no terms given: use --terms FILE or --preset south-london-2015"],
    ["notes-basic", ["--notes", "notes.csv", "--preset", "london"], 'unknown preset "london"'],
  ])("%s %j: exit 2 and one line, no stack trace", (scenario, args, message) => {
    const cwd = join(SCENARIOS, scenario);
    const extra = args.includes("--terms") || args.includes("--preset") || scenario.startsWith("config-") || message.startsWith("no terms") ? [] : ["--preset", "south-london-2015"];
    const r = cli(["search", ...args, ...extra, "--out", tempDir()], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads the other export shapes: CRIS columns in Windows-1252, TSV with BOM, JSON Lines, a .txt folder", () => {
    const cases: [string[], string[]][] = [
      [["--notes", join(SCENARIOS, "notes-cris-cp1252/notes.csv"), "--columns", "patient_id=BrcId,note_id=CN_Doc_ID,date=ViewDate,text=Attachment_Text"], ["101"]],
      [["--notes", join(SCENARIOS, "notes-bom-tsv/notes.tsv")], ["X1"]],
      [["--notes", join(SCENARIOS, "notes-jsonl/notes.jsonl")], ["J1"]],
      [["--notes", join(SCENARIOS, "notes-txt-folder")], ["P1", "P2"]],
    ];
    for (const [args, want] of cases) {
      const out = tempDir();
      const r = cli(["search", ...args, "--preset", "south-london-2015", "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(readCsv(join(out, "01-search", "patients.csv")).map((p) => p.patient_id)).toEqual(want);
    }
  });
});

describe("notes-analyse init", () => {
  it("scaffolds a study folder that search then runs in", () => {
    const dir = tempDir();
    const r = cli(["init", "study", "--preset", "south-london-2015"], dir);
    expect(r.code).toBe(0);
    const study = join(dir, "study");
    for (const f of ["notes-analyse.config.json", "terms.txt", "README.md"]) expect(existsSync(join(study, f))).toBe(true);
    writeFileSync(join(study, "export", "notes.csv"), readFileSync(join(BASIC, "notes.csv")));
    writeFileSync(join(study, "export", "patients.csv"), readFileSync(join(BASIC, "patients.csv")));
    const s = cli(["search", "--json", "--quiet"], study);
    expect(s.code, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout).returned).toBe(3);
    // never over an existing study without --force
    expect(cli(["init", "study"], dir).code).toBe(2);
  });
});

describe("notes-analyse init with no preset: a starter for a study's own topic", () => {
  it("writes commented rule files that every stage loads, and a README, and the study runs to its first human step", () => {
    const dir = tempDir();
    const r = cli(["init", "study"], dir);
    expect(r.code, r.stderr).toBe(0);
    const study = join(dir, "study");
    const config = JSON.parse(readFileSync(join(study, "notes-analyse.config.json"), "utf8"));
    expect(config.preset).toBeUndefined();
    expect(config).toMatchObject({ terms: "terms.txt", contextRules: "context-rules.json", categories: "categories.json", codebook: "codebook.json", topic: "topic.json", table1: "table1.json", delimiter: "auto" });
    for (const f of ["context-rules.json", "categories.json", "codebook.json", "topic.json", "table1.json"]) expect(JSON.parse(readFileSync(join(study, f), "utf8")).description, f).toMatch(/EXAMPLE/);
    expect(JSON.parse(readFileSync(join(study, "context-rules.json"), "utf8")).reasons.map((x: { id: string }) => x.id)).toEqual(["policy_or_service", "interest_in_issue", "negated", "other_person", "other"]);
    expect(readFileSync(join(study, "terms.txt"), "utf8")).toMatch(/^# Search terms of a new study/);
    expect(readFileSync(join(study, "README.md"), "utf8")).toMatch(/your own topic/);
    writeFileSync(
      join(study, "export", "notes.csv"),
      [
        "patient_id;note_id;date;text",
        "D1;n1;03/02/2011;She disclosed domestic abuse by her partner. Now in a refuge.",
        "D2;n2;04/02/2011;Attended domestic abuse awareness training at work.",
        "D3;n3;05/02/2011;Referral from the IDVA: domestic violence, MARAC next week. DNA today.",
        "D4;n4;06/02/2011;Routine review.",
      ].join("\n") + "\n",
    );
    writeFileSync(join(study, "export", "patients.csv"), "patient_id;age_at_first_contact\nD1;30\nD2;41\nD3;16\nD4;50\n");
    const run = cli(["run", "--json"], study);
    expect(run.code, run.stderr).toBe(3);
    expect(JSON.parse(run.stdout).stopped_at).toBe("consensus");
    const suggestions = readCsv(join(study, "notes-analyse-out", "02-screening", "suggestions.csv"));
    expect(suggestions.map((x) => [x.patient_id, x.suggestion, x.reason])).toEqual([["D1", "include", ""], ["D2", "exclude", "interest_in_issue"], ["D3", "include", ""]]);
    const eligible = join(study, "eligible.csv");
    writeFileSync(eligible, "patient_id\nD1\nD3\n");
    for (const stage of ["identify", "code"]) expect(cli([stage, "--eligible", eligible, "--quiet"], study).code, stage).toBe(0);
    const routes = readCsv(join(study, "notes-analyse-out", "03-identification", "routes.csv"));
    expect(routes.map((x) => [x.patient_id, x.suggested_route])).toEqual([["D1", "during_contact"], ["D3", "other_service"]]);
    // The starter's own words, and nothing of the preset's topic.
    const report = cli(["report", "--eligible", eligible], study);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain("Table 1 has a row for the column ethnicity, which the patients file does not have");
    const html = readFileSync(join(study, "notes-analyse-out", "report", "report.html"), "utf8");
    expect(html).toContain("Mental health service responses to domestic abuse (EXAMPLE: your study&#39;s title)</h1>");
    expect(html).toContain("How the team learned of the abuse");
    expect(html).toContain("Disclosed during contact");
    expect(html).not.toMatch(/traffick/i);
  });
});

describe("the command line", () => {
  it("lists every command in --help and says which are not built yet", () => {
    const r = cli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["init", "search", "screen", "sample", "agreement", "consensus", "identify", "code", "report", "run", "verify", "merge"]) expect(r.stdout).toContain(c);
  });

  it("exits 2 on an unknown command or option, without a stack trace", () => {
    for (const args of [["nope"], ["search", "--nope"]]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("prints the version", () => {
    const r = cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
