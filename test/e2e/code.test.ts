import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cellText, readWorkbook } from "../../src/io/workbook.js";
import { parseXml } from "../../src/stages/code/refi-qda/xml.js";
import { cli, ensureBuilt, SCENARIOS, tempDir } from "../helpers/cli.js";
import { readCsv, readHeader } from "../helpers/csv.js";
import { validate, XMLLINT } from "../stages/code/xmllint.js";

beforeAll(() => ensureBuilt());

const NOTES: [string, string, string, string][] = [
  ["A1", "a1-1", "2009-01-05", "Referred by the Poppy Project. She was evicted from the hostel and is sofa surfing. Mood low."],
  ["A1", "a1-2", "2009-02-10", "DNA x2. Asylum claim refused; appeal lodged by her solicitor. Sleep poor."],
  ["A1", "a1-3", "2009-03-15", "Did not attend again. Mobile switched off, whereabouts unknown."],
  ["A1", "a1-4", "2009-04-20", "Missed appointment again; letter sent offering another."],
  ["A2", "a2-1", "2010-04-01", "Missed her appointment today. Moved by NASS to a hostel in another borough."],
  ["A2", "a2-2", "2010-05-01", "Asylum interview next week; she is frightened of being deported. Her friend Mrs Okafor (07700 900123) says she is on the waiting list for the trauma service."],
  ["A2", "a2-3", "2010-06-01", "She did not attend clinic today."],
  ["C1", "c1-1", "2011-01-10", "Age disputed by the local authority; Merton assessment pending. The aunt would not allow YP to be seen alone."],
  ["C1", "c1-2", "2011-02-10", "Lives in a hostel run by the council; did not attend school this week."],
  ["A3", "a3-1", "2012-01-01", "Routine review. Mood stable, no concerns. Appeared older than stated age."],
  ["X1", "x1-1", "2012-02-01", "Not eligible: this patient is never read. Evicted from a hostel."],
];
const PATIENTS = "patient_id,gender,age_at_first_contact\nA1,Female,24\nA2,Female,31\nA3,Male,40\nC1,Female,15\nX1,Male,30\n";

function study(eligible = ["A1", "A2", "A3", "C1"]): { dir: string; args: string[] } {
  const dir = tempDir("na-code-");
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(join(dir, "notes.csv"), `patient_id,note_id,date,text\n${NOTES.map((n) => n.map(q).join(",")).join("\n")}\n`);
  writeFileSync(join(dir, "patients.csv"), PATIENTS);
  writeFileSync(join(dir, "eligible.csv"), `patient_id\n${eligible.join("\n")}\n`);
  return { dir, args: ["code", "--notes", "notes.csv", "--patients", "patients.csv", "--preset", "south-london-2015", "--eligible", "eligible.csv", "--out", "out"] };
}
const themesDir = (dir: string) => join(dir, "out", "04-themes");

/** Fill decision cells of a workbook the way a person would, with the same library Excel files are read with. */
async function fill(path: string, column: string, values: Record<string, string>): Promise<void> {
  const wb = await readWorkbook(path);
  const ws = wb.getWorksheet("Extracts")!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const idCol = header.indexOf("extract_id");
  const col = header.indexOf(column);
  ws.eachRow((row, r) => {
    const id = cellText(row.getCell(idCol));
    if (r > 1 && id in values) row.getCell(col).value = values[id];
  });
  await wb.xlsx.writeFile(path);
}

describe("notes-analyse code (end to end)", () => {
  it("writes every output of SPEC §5 for the eligible patients only, with offsets that point at the text", async () => {
    const { dir, args } = study();
    const r = cli(args, dir);
    expect(r.code, r.stderr).toBe(0);
    const out = themesDir(dir);
    for (const f of ["extracts.csv", "coded-extracts.xlsx", "second-coder.xlsx", "patient-themes.csv", "code-frequencies.csv", "cooccurrence.csv", "quotes.csv", "codebook.qdc", "coded-extracts.qdpx", "theme-map-adult.svg", "theme-map-child.svg", "theme-map-adult.dot", "theme-map-child.mmd"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readHeader(join(out, "extracts.csv")).slice(0, 12)).toEqual(["extract_id", "patient_id", "group", "note_id", "date", "text", "suggested_codes", "final_codes", "start", "end", "rules", "learned_codes"]);
    expect(readHeader(join(out, "patient-themes.csv")).slice(0, 4)).toEqual(["patient_id", "group", "theme", "n_extracts"]);
    const extracts = readCsv(join(out, "extracts.csv"));
    expect(new Set(extracts.map((e) => e.patient_id))).toEqual(new Set(["A1", "A2", "C1"]));
    const text = new Map(NOTES.map((n) => [n[1], n[3]]));
    for (const e of extracts) expect(text.get(e.note_id)!.slice(Number(e.start), Number(e.end))).toBe(e.text);
    const pt = readCsv(join(out, "patient-themes.csv")).map((p) => `${p.patient_id}:${p.theme}`);
    expect(pt).toEqual(["A1:instability", "A1:engagement", "A2:instability", "A2:engagement", "A2:services", "C1:engagement", "C1:identity"]);
    expect(r.stderr).toContain("quotes may hold identifiers");
    const quotes = readCsv(join(out, "quotes.csv"));
    expect(quotes.find((q) => q.text.includes("Okafor"))!.identifier_flags).toMatch(/name_after_title.*phone/);
    expect(quotes.filter((q) => !q.text.includes("Okafor")).every((q) => q.identifier_flags === "")).toBe(true);
  });

  it("exports a codebook.qdc that validates against the REFI-QDA schema, and SVG maps that parse, identity on the children's only", () => {
    const { dir, args } = study();
    expect(cli(args, dir).code).toBe(0);
    const out = themesDir(dir);
    if (XMLLINT) {
      const v = validate(readFileSync(join(out, "codebook.qdc"), "utf8"), "Codebook-mrt2019.xsd");
      expect(v.ok, v.messages).toBe(true);
    }
    const adult = readFileSync(join(out, "theme-map-adult.svg"), "utf8");
    const child = readFileSync(join(out, "theme-map-child.svg"), "utf8");
    expect(parseXml(adult, "adult.svg").name).toBe("svg");
    expect(parseXml(child, "child.svg").name).toBe("svg");
    expect(adult).not.toContain("Identity");
    expect(child).toContain("Identity");
    expect(child).toContain("Disputed age and age assessment");
  });

  it("keeps coder decisions across re-runs, uses them in the results, and never cuts a decided passage", async () => {
    const { dir, args } = study();
    expect(cli(args, dir).code).toBe(0);
    const out = themesDir(dir);
    const before = readCsv(join(out, "extracts.csv"));
    const dna = before.find((e) => e.text.startsWith("DNA x2"))!;
    const waiting = before.find((e) => e.text.includes("waiting list"))!;
    await fill(join(out, "coded-extracts.xlsx"), "final_codes", { [dna.extract_id]: "none", [waiting.extract_id]: "services.waiting_list; instability.immigration" });
    await fill(join(out, "coded-extracts.xlsx"), "memo", { [dna.extract_id]: "routine DNA, letter sent" });
    const again = cli([...args, "--window", "0"], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("2 coded by a coder, 2 decisions kept");
    const after = readCsv(join(out, "extracts.csv"));
    expect(after.find((e) => e.extract_id === dna.extract_id)).toMatchObject({ final_codes: "none", memo: "routine DNA, letter sent", text: dna.text });
    expect(after.find((e) => e.extract_id === waiting.extract_id)!.final_codes).toBe("services.waiting_list;instability.immigration");
    // nothing new overlaps the decided passage
    for (const e of after) if (e.note_id === dna.note_id && e.extract_id !== dna.extract_id) expect(Number(e.start) >= Number(dna.end) || Number(e.end) <= Number(dna.start)).toBe(true);
    // A1's only immigration passage was coded none; its engagement passages are in notes a1-3 (two at --window 0) and a1-4
    const a1 = readCsv(join(out, "patient-themes.csv")).filter((p) => p.patient_id === "A1");
    expect(a1.map((p) => [p.theme, p.n_extracts, p.codes])).toEqual([
      ["instability", "1", "instability.accommodation"],
      ["engagement", "3", "engagement.non_attendance;engagement.hard_to_contact"],
    ]);
    const a2services = readCsv(join(out, "patient-themes.csv")).find((p) => p.patient_id === "A2" && p.theme === "services")!;
    expect(a2services.n_coder_coded).toBe("1");
    const wb = await readWorkbook(join(out, "coded-extracts.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Extracts", "About", "Codes"]);
    expect(readCsv(join(out, "extracts.csv"))).toEqual(after);
    const third = cli(args, dir);
    expect(third.code).toBe(0);
    expect(readCsv(join(out, "extracts.csv")).find((e) => e.extract_id === dna.extract_id)!.final_codes).toBe("none");
  });

  it("replaces the coders' workbooks without their decisions only with --force, keeping a backup", async () => {
    const { dir, args } = study();
    expect(cli(args, dir).code).toBe(0);
    const out = themesDir(dir);
    const id = readCsv(join(out, "extracts.csv"))[0].extract_id;
    await fill(join(out, "coded-extracts.xlsx"), "final_codes", { [id]: "none" });
    const r = cli([...args, "--force"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("--force: coded-extracts.xlsx and second-coder.xlsx were replaced without their decisions");
    expect(readCsv(join(out, "extracts.csv"))[0].final_codes).toBe("");
    expect(readdirSync(out).some((f) => /^coded-extracts\.backup-.*\.xlsx$/.test(f))).toBe(true);
  });

  it("stops with one line naming the cell when a coder enters a code the codebook does not have", async () => {
    const { dir, args } = study();
    expect(cli(args, dir).code).toBe(0);
    const out = themesDir(dir);
    const id = readCsv(join(out, "extracts.csv"))[0].extract_id;
    await fill(join(out, "coded-extracts.xlsx"), "final_codes", { [id]: "instability.housing" });
    const r = cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/coded-extracts\.xlsx › Extracts!\w+\d+ \(extract_id .*\): "instability\.housing" is not one of/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("learns from coded extracts and suggests codes for the rest, marked with a confidence (--learn)", async () => {
    const { dir, args } = study();
    expect(cli(args, dir).code).toBe(0);
    const out = themesDir(dir);
    const extracts = readCsv(join(out, "extracts.csv"));
    const attendance = extracts.filter((e) => /DNA|did not attend|missed/i.test(e.text));
    expect(attendance.length).toBeGreaterThanOrEqual(3);
    const uncoded = attendance.pop()!;
    const decisions: Record<string, string> = Object.fromEntries(attendance.map((e) => [e.extract_id, "engagement.non_attendance"]));
    for (const e of extracts.filter((x) => !attendance.includes(x) && x !== uncoded).slice(0, 3)) decisions[e.extract_id] = "none";
    await fill(join(out, "coded-extracts.xlsx"), "final_codes", decisions);
    const r = cli([...args, "--learn", "--json", "--quiet"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).learned).toMatchObject({ codes: ["engagement.non_attendance"] });
    const learned = readCsv(join(out, "extracts.csv")).find((e) => e.extract_id === uncoded.extract_id)!.learned_codes;
    expect(learned).toMatch(/^engagement\.non_attendance \((?:0\.\d\d|1\.00)\)$/);
  });

  it("draws a blinded second-coder sample and reports per-code agreement once both have coded", async () => {
    const { dir, args } = study();
    expect(cli([...args, "--fraction", "0.5"], dir).code).toBe(0);
    const out = themesDir(dir);
    const second = await readWorkbook(join(out, "second-coder.xlsx"));
    const header = (second.getWorksheet("Extracts")!.getRow(1).values as unknown[]).map(String);
    expect(header).not.toContain("suggested_codes");
    expect(header).not.toContain("final_codes");
    const ids: string[] = [];
    second.getWorksheet("Extracts")!.eachRow((row, r) => r > 1 && ids.push(cellText(row.getCell(1))));
    expect(ids.length).toBeGreaterThan(1);
    await fill(join(out, "coded-extracts.xlsx"), "final_codes", Object.fromEntries(ids.map((id) => [id, "engagement.non_attendance"])));
    await fill(join(out, "second-coder.xlsx"), "codes", Object.fromEntries(ids.map((id, i) => [id, i === 0 ? "none" : "engagement.non_attendance"])));
    expect(cli([...args, "--fraction", "0.5"], dir).code).toBe(0);
    const agreement = readCsv(join(out, "coder-agreement.csv"));
    expect(Object.keys(agreement[0])).toEqual(["level", "id", "extracts", "both", "first_only", "second_only", "neither", "observed_agreement", "kappa", "alpha", "note"]);
    expect(agreement.find((a) => a.id === "engagement.non_attendance")).toMatchObject({ extracts: String(ids.length), both: String(ids.length - 1), first_only: "1" });
    // A code neither coder used: kappa and alpha undefined, said so, not 1.
    expect(agreement.find((a) => a.id === "history.unwilling")).toMatchObject({ both: "0", kappa: "", alpha: "", note: "kappa and alpha undefined: neither coder used this code" });
  });

  it("gives the same CSV bytes twice and the same familiarisation sample for the same seed", async () => {
    const a = study();
    const b = study();
    expect(cli(a.args, a.dir).code).toBe(0);
    expect(cli(b.args, b.dir).code).toBe(0);
    for (const f of ["extracts.csv", "patient-themes.csv", "code-frequencies.csv", "cooccurrence.csv", "quotes.csv", "codebook.qdc", "theme-map-adult.svg", "coded-extracts.qdpx"]) {
      expect(readFileSync(join(themesDir(a.dir), f)), f).toEqual(readFileSync(join(themesDir(b.dir), f)));
    }
    const notesOf = async (dir: string) => {
      expect(cli([...study().args.slice(0, -2), "--out", "out", "--familiarise", "3", "--seed", "7"], dir).code).toBe(0);
      const ws = (await readWorkbook(join(themesDir(dir), "familiarisation.xlsx"))).getWorksheet("Notes")!;
      const keys: string[] = [];
      ws.eachRow((row, r) => r > 1 && keys.push(cellText(row.getCell(1))));
      return keys;
    };
    const first = await notesOf(a.dir);
    expect(first).toHaveLength(3);
    expect(first.every((k) => !k.startsWith("X1/"))).toBe(true);
    expect(await notesOf(b.dir)).toEqual(first);
  });

  it("draws both maps with zero counts and a note when a group has no patients", () => {
    const { dir, args } = study(["A1", "A2"]);
    expect(cli(args, dir).code).toBe(0);
    const child = readFileSync(join(themesDir(dir), "theme-map-child.svg"), "utf8");
    expect(child).toContain("No eligible children in this study");
    expect(child).toContain("0 patients");
  });

  it("takes a REFI-QDA codebook made by another tool (--codebook .qdc)", async () => {
    const { dir, args } = study();
    const r = cli([...args, "--codebook", join(SCENARIOS, "qdc-nvivo", "codebook.qdc")], dir);
    expect(r.code, r.stderr).toBe(0);
    const wb = await readWorkbook(join(themesDir(dir), "coded-extracts.xlsx"));
    const codes: string[] = [];
    wb.getWorksheet("Codes")!.eachRow((row, n) => n > 1 && codes.push(cellText(row.getCell(1))));
    expect(codes).toContain("barriers_to_care.housing_moves");
    expect(readCsv(join(themesDir(dir), "extracts.csv")).every((e) => e.suggested_codes === "")).toBe(true);
  });

  it("rejects a bad codebook with one line per problem naming the code and field", () => {
    const { dir, args } = study();
    const book = JSON.parse(readFileSync(join(SCENARIOS, "..", "..", "src", "presets", "south-london-2015", "codebook.json"), "utf8"));
    book.themes[0].codes[1].patterns.push("/unclosed(/");
    writeFileSync(join(dir, "codebook.json"), JSON.stringify(book));
    const r = cli([...args, "--codebook", "codebook.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/codebook\.json › code instability\.immigration › patterns\[\d+\]: invalid regular expression/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
