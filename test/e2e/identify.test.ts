import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cellText, readWorkbook } from "../../src/io/workbook.js";
import { cli, ensureBuilt, tempDir } from "../helpers/cli.js";
import { readCsv, readHeader } from "../helpers/csv.js";

beforeAll(() => ensureBuilt());

/** The contract's tiny extract (shared/contract/tiny): three trafficked patients and five who are not. */
const NOTES = `patient_id,note_id,date,note_type,text
T01,t01-1,2009-03-02,Event,"Seen with SW ZZZZZ. Referred by the Poppy Project as a victim of trafficking; pt trafficked from ZZZZZ in 2007 for sexual exploitation. Low mood, poor sleep."
T01,t01-2,2009-04-10,Event,"DNA x2. Moved by NASS to a hostel in ZZZZZ, outside our area; will need transfer to another CMHT."
T02,t02-1,2010-06-01,Correspondence,"Dear Dr ZZZZZ, ZZZZZ (15) disclosed to me today that she was made to work in a house without pay and was kept like a slave; ?trafficked. I have informed social services."
T02,t02-2,2010-07-12,Event,Age assessment by LA still awaited. Carer did not bring YP to appt.
T03,t03-1,2011-01-20,Attachment,"Hx: came to UK 2005. Reports she was forced into prostitution by the man who brought her (historical, no contact since). Asylum claim pending with UKBA; therapy on hold until decision."
T04,t04-1,2008-09-09,Event,Forensic hx: convicted of drug trafficking (class A) 2004. No psychotic sx today.
T07,t07-1,2011-11-11,Event,Routine depot review. Mood stable. Next appt 4/52.
`;
const PATIENTS = `patient_id,gender,age_at_first_contact
T01,Female,24
T02,Female,15
T03,Female,31
T04,Male,40
T07,Male,45
`;

interface Study {
  dir: string;
  out: string;
  args: string[];
}

function study(eligible = ["T01", "T02", "T03"]): Study {
  const dir = tempDir("na-identify-");
  writeFileSync(join(dir, "notes.csv"), NOTES);
  writeFileSync(join(dir, "patients.csv"), PATIENTS);
  writeFileSync(join(dir, "eligible.csv"), `patient_id\n${eligible.join("\n")}\n`);
  const out = join(dir, "out");
  return { dir, out, args: ["identify", "--notes", "notes.csv", "--patients", "patients.csv", "--preset", "south-london-2015", "--eligible", "eligible.csv", "--out", out] };
}

function identify(s: Study, ...extra: string[]) {
  const r = cli([...s.args, ...extra], s.dir);
  return r;
}

const ID = (s: Study, f: string) => join(s.out, "03-identification", f);

/** Type decisions into a workbook as a person would in Excel: by row id and column header. */
async function fill(path: string, values: Record<string, Record<string, string>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet("Identification")!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => col.set(cellText(c), i));
  for (let r = 2; r <= ws.rowCount; r++) {
    const v = values[cellText(ws.getRow(r).getCell(col.get("patient_id")!))];
    for (const [k, x] of Object.entries(v ?? {})) ws.getRow(r).getCell(col.get(k)!).value = x;
  }
  await wb.xlsx.writeFile(path);
}

describe("notes-analyse identify (end to end)", () => {
  it("suggests each route with its evidence sentence, rule, note and date", () => {
    const s = study();
    const r = identify(s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(readHeader(ID(s, "routes.csv"))).toEqual([
      "patient_id", "group", "suggested_route", "suggested_service", "evidence", "final_route", "final_service", "rule", "note_id", "date", "start", "end", "confirmed",
    ]);
    const rows = readCsv(ID(s, "routes.csv"));
    expect(rows.map((x) => [x.patient_id, x.group, x.suggested_route, x.suggested_service, x.rule, x.note_id, x.date, x.confirmed])).toEqual([
      ["T01", "adult", "other_service", "voluntary_sector", "doc.note + os.from-service", "t01-1", "2009-03-02", "no"],
      // A child's own account of past events, the clinician hedging its label ("?trafficked") beside it: the
      // disclosure step comes before the suspicion step, so a disclosed past is historical.
      ["T02", "child", "during_contact_historical", "", "doc.note + historical.disclosure", "t02-1", "2010-06-01", "no"],
      ["T03", "adult", "during_contact_historical", "", "doc.note + historical.disclosure", "t03-1", "2011-01-20", "no"],
    ]);
    expect(rows[0].evidence).toBe("Referred by the Poppy Project as a victim of trafficking; pt trafficked from ZZZZZ in 2007 for sexual exploitation.");
    const text = NOTES.split("\n")[1];
    expect(text.slice(text.indexOf('"') + 1).slice(Number(rows[0].start), Number(rows[0].end))).toBe("Referred");
    // progress and results on stderr never quote a note
    expect(r.stderr).not.toContain("Poppy");
  });

  it("writes summary.csv per group in the paper's style, with reporting groups and services", () => {
    const s = study();
    identify(s);
    expect(readHeader(ID(s, "summary.csv"))).toEqual(["group", "category", "service", "n", "denominator", "percent", "formatted", "n_confirmed"]);
    const rows = readCsv(ID(s, "summary.csv"));
    const pick = (g: string, c: string, sv = "") => rows.find((x) => x.group === g && x.category === c && x.service === sv)?.formatted;
    expect(pick("adult", "other_service")).toBe("50% (1/2)");
    expect(pick("adult", "other_service", "voluntary_sector")).toBe("50% (1/2)");
    expect(pick("adult", "during_contact")).toBe("50% (1/2)");
    expect(pick("child", "during_contact_historical")).toBe("100% (1/1)");
    expect(pick("total", "during_contact")).toBe("67% (2/3)");
    expect(pick("total", "unknown")).toBe("0% (0/3)");
    expect([...new Set(rows.map((x) => x.group))]).toEqual(["adult", "child", "total"]);
    expect(rows.filter((x) => x.group === "total" && x.service === "").map((x) => x.category)).toEqual([
      "other_service", "during_contact", "during_contact_historical", "during_contact_recent", "unknown",
    ]);
  });

  it("writes a workbook to fill in: the cue in bold, drop-downs of category and service ids, a hidden integrity column", async () => {
    const s = study();
    identify(s);
    const wb = await readWorkbook(ID(s, "identification.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Identification", "About", "Categories", "Procedure", "Rules"]);
    const ws = wb.getWorksheet("Identification")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(["patient_id", "group", "status", "suggested_route", "suggested_service", "rule", "evidence", "note_id", "date", "mentions", "final_route", "final_service", "comment", "_integrity"]);
    const evidence = ws.getRow(2).getCell(header.indexOf("evidence") + 1).value as { richText: { text: string; font?: { bold?: boolean } }[] };
    expect(evidence.richText.filter((r) => r.font?.bold).map((r) => r.text)).toEqual(["Referred", "Poppy Project"]);
    const route = ws.getRow(2).getCell(header.indexOf("final_route") + 1);
    expect(route.dataValidation.formulae).toEqual(['"other_service,during_contact_historical,during_contact_recent,unknown"']);
    expect(ws.getRow(2).getCell(header.indexOf("final_service") + 1).dataValidation.formulae?.[0]).toContain("home_office_or_legal");
    expect(ws.getColumn(header.length).hidden).toBe(true);
    expect(wb.getWorksheet("Rules")!.rowCount).toBeGreaterThan(10);
  });

  it("keeps a rater's decisions across re-runs and counts them as final", async () => {
    const s = study();
    identify(s);
    await fill(ID(s, "identification.xlsx"), {
      T01: { final_route: "other_service", final_service: "police" },
      T02: { final_route: "during_contact_historical", comment: "disclosed past domestic servitude" },
    });
    const r = identify(s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("kept 2 decisions");
    const rows = readCsv(ID(s, "routes.csv"));
    expect(rows.map((x) => [x.patient_id, x.suggested_route, x.final_route, x.final_service, x.confirmed])).toEqual([
      ["T01", "other_service", "other_service", "police", "yes"],
      ["T02", "during_contact_historical", "during_contact_historical", "", "yes"],
      ["T03", "during_contact_historical", "", "", "no"],
    ]);
    const summary = readCsv(ID(s, "summary.csv"));
    const row = (g: string, c: string, sv = "") => summary.find((x) => x.group === g && x.category === c && x.service === sv)!;
    expect([row("adult", "other_service", "police").n, row("adult", "other_service", "voluntary_sector").n]).toEqual(["1", "0"]);
    expect([row("child", "during_contact_historical").formatted, row("child", "during_contact_historical").n_confirmed]).toEqual(["100% (1/1)", "1"]);
    expect(row("total", "during_contact_historical").n_confirmed).toBe("1");
    // the workbook still holds the decisions, and one more run changes nothing
    const wb = await readWorkbook(ID(s, "identification.xlsx"));
    const ws = wb.getWorksheet("Identification")!;
    expect(cellText(ws.getCell("K3"))).toBe("during_contact_historical");
    expect(cellText(ws.getCell("M3"))).toBe("disclosed past domestic servitude");
    identify(s);
    expect(readCsv(ID(s, "routes.csv"))).toEqual(rows);
  });

  it("keeps the decision of a patient no longer eligible, flagged, out of routes.csv", async () => {
    const s = study();
    identify(s);
    await fill(ID(s, "identification.xlsx"), { T03: { final_route: "unknown" } });
    writeFileSync(join(s.dir, "eligible.csv"), "patient_id\nT01\nT02\n");
    expect(identify(s).code).toBe(0);
    expect(readCsv(ID(s, "routes.csv")).map((x) => x.patient_id)).toEqual(["T01", "T02"]);
    const ws = (await readWorkbook(ID(s, "identification.xlsx"))).getWorksheet("Identification")!;
    expect([cellText(ws.getCell("A4")), cellText(ws.getCell("C4")), cellText(ws.getCell("K4"))]).toEqual(["T03", "no longer eligible", "unknown"]);
  });

  it("writes a blinded second-rater workbook and, once both raters decided, agreement.json", async () => {
    const s = study();
    identify(s);
    const wb = await readWorkbook(ID(s, "second-rater.xlsx"));
    const ws = wb.getWorksheet("Identification")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(["patient_id", "group", "why_sampled", "mentions", "final_route", "final_service", "comment", "_integrity"]);
    expect(readCsv(ID(s, "sample.csv")).map((x) => [x.patient_id, x.why])).toEqual([["T01", "first"], ["T02", "first"], ["T03", "first"]]);
    expect(existsSync(ID(s, "agreement.json"))).toBe(false);
    await fill(ID(s, "identification.xlsx"), { T01: { final_route: "other_service" }, T02: { final_route: "during_contact_recent" }, T03: { final_route: "during_contact_historical" } });
    await fill(ID(s, "second-rater.xlsx"), { T01: { final_route: "other_service" }, T02: { final_route: "during_contact_historical" }, T03: { final_route: "during_contact_historical" } });
    const r = identify(s, "--json", "--quiet");
    expect(r.code, r.stderr).toBe(0);
    const agreement = JSON.parse(readFileSync(ID(s, "agreement.json"), "utf8"));
    expect(agreement).toMatchObject({ seed: 2015, first: 10, fraction: 0.1, sampled: 3, raters: 2, items_compared: 3 });
    expect(agreement.observed_agreement).toBeCloseTo(2 / 3, 12);
    expect(agreement.confusion_matrix.during_contact_recent.during_contact_historical).toBe(1);
    expect(agreement.route_and_service.categories).toContain("other_service:unspecified");
    expect(JSON.parse(r.stdout)).toMatchObject({ eligible: 3, confirmed: 3, agreement: { items_compared: 3 } });
  });

  it("--no-sample writes no second-rater workbook", () => {
    const s = study();
    expect(identify(s, "--no-sample").code).toBe(0);
    expect(existsSync(ID(s, "second-rater.xlsx"))).toBe(false);
  });

  it("stops with one line naming the row when evidence cells were edited, and replaces the workbook with --force (after a backup)", async () => {
    const s = study();
    identify(s);
    await fill(ID(s, "identification.xlsx"), { T02: { suggested_route: "unknown", final_route: "unknown" } });
    const r = identify(s);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("identification.xlsx › Identification!A3 (patient_id T02): row sorted, moved or edited");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(identify(s, "--force").code).toBe(0);
    expect(readdirSync(join(s.out, "03-identification")).some((f) => f.startsWith("identification.backup-"))).toBe(true);
    expect(readCsv(ID(s, "routes.csv"))[1].final_route).toBe("");
  });

  it("gives the same bytes twice", () => {
    const a = study();
    const b = study();
    identify(a);
    identify(b);
    for (const f of ["routes.csv", "summary.csv", "sample.csv"]) expect(readFileSync(ID(a, f))).toEqual(readFileSync(ID(b, f)));
  });

  it.each([
    ["an unknown category", { rules: [{ id: "r1", description: "d", category: "nope", patterns: ["x"], scope: "note", step: "receipt" }] }, 'rules[0] "r1" › category: "nope" is not a category id'],
    ["a malformed pattern", { rules: [{ id: "r1", description: "d", category: "unknown", patterns: ["/unclosed(/"], scope: "note", step: "receipt" }] }, 'rules[0] "r1" › patterns[0]: invalid regular expression'],
    ["a service rule with no service", { rules: [{ id: "r1", description: "d", category: "other_service", patterns: ["x"], scope: "note", step: "receipt" }] }, 'rules[0] "r1": a rule of category other_service must say which service'],
    ["a misspelt key", { rules: [{ id: "r1", description: "d", category: "unknown", patterns: ["x"], scope: "note", stepp: "receipt" }] }, "unknown key stepp"],
  ])("rejects a categories file with %s: exit 2, one line naming file and rule", (_why, change, message) => {
    const s = study();
    const base = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "src", "presets", "south-london-2015", "categories.json"), "utf8"));
    writeFileSync(join(s.dir, "mine.json"), JSON.stringify({ ...base, ...change }));
    const r = identify(s, "--categories", "mine.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`mine.json › ${message.startsWith("unknown key") ? "rules[0]" : ""}`);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("says where the eligible list comes from when there is none", () => {
    const s = study();
    const r = cli(s.args.filter((a, i) => a !== "--eligible" && s.args[i - 1] !== "--eligible"), s.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no eligible list yet (run notes-analyse consensus after screening, or give --eligible FILE");
  });
});
