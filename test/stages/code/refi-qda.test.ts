import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileCodebook } from "../../../src/stages/code/codebook/compile.js";
import { codebookToQdc } from "../../../src/stages/code/refi-qda/qdc-export.js";
import { qdcToCodebook, slug } from "../../../src/stages/code/refi-qda/qdc-import.js";
import { buildQdpx, codePointOffset } from "../../../src/stages/code/refi-qda/qdpx.js";
import { parseXml } from "../../../src/stages/code/refi-qda/xml.js";
import { stableGuid } from "../../../src/stages/code/refi-qda/guid.js";
import { effectiveCodes } from "../../../src/stages/code/results/effective.js";
import type { Note } from "../../../src/core/types.js";
import type { Extract } from "../../../src/stages/code/types.js";
import { SCENARIOS } from "../../helpers/cli.js";
import { presetCodebook, tinyCodebook } from "./helpers.js";
import { validate, XMLLINT } from "./xmllint.js";

describe("codebook.qdc export", () => {
  const book = presetCodebook();
  const qdc = codebookToQdc(book, "notes-analyse test");
  it.skipIf(!XMLLINT)("validates against the REFI-QDA Codebook schema (xmllint)", () => {
    const r = validate(qdc, "Codebook-mrt2019.xsd");
    expect(r.messages).toContain("validates");
    expect(r.ok).toBe(true);
  });
  it("nests codes under their themes with stable GUIDs and a Set per group", () => {
    const root = parseXml(qdc, "codebook.qdc");
    const themes = root.children.find((c) => c.name === "Codes")!.children;
    expect(themes.map((t) => t.attrs.name)).toEqual(book.themes.map((t) => t.label));
    expect(themes[0].children.filter((c) => c.name === "Code")).toHaveLength(book.themes[0].codes.length);
    expect(themes[0].attrs.guid).toBe(stableGuid("code:instability"));
    const sets = root.children.find((c) => c.name === "Sets")!.children;
    expect(sets.map((s) => [s.attrs.name, s.children.filter((m) => m.name === "MemberCode").length])).toEqual([
      ["adult", 21],
      ["child", 24],
    ]);
    expect(codebookToQdc(book, "notes-analyse test")).toBe(qdc);
  });
  it("round-trips through import without losing ids, notes, groups or patterns", () => {
    const back = compileCodebook(qdcToCodebook(qdc, "codebook.qdc", "south-london-2015"), "codebook.qdc");
    expect(back.themes.map((t) => [t.id, t.label, t.groups, t.color])).toEqual(book.themes.map((t) => [t.id, t.label, t.groups, t.color]));
    const strip = (b: typeof book) => b.codes.map((c) => ({ ...c, patterns: c.patterns.map((p) => p.text), unless: c.unless.map((p) => p.text) }));
    expect(strip(back)).toEqual(strip(book));
  });
});

describe(".qdc import from other tools", () => {
  it("reads an NVivo codebook: top-level codes become themes, deeper codes are flattened", () => {
    const file = join(SCENARIOS, "qdc-nvivo", "codebook.qdc");
    const book = compileCodebook(qdcToCodebook(readFileSync(file, "utf8"), file, "nvivo"), file);
    expect(book.themes.map((t) => [t.id, t.label, t.color])).toEqual([
      ["barriers_to_care", "Barriers to care", "#C00000"],
      ["good_practice", "Good practice", "#00B050"],
    ]);
    expect(book.codes.map((c) => [c.id, c.label, c.description])).toEqual([
      ["barriers_to_care.housing_moves", "Housing & moves", "Hostels, evictions, dispersal."],
      ["barriers_to_care.language", "Language", "Language"],
      ["barriers_to_care.language_interpreters", "Language › Interpreters", "Language › Interpreters"],
    ]);
    expect(book.themeById.get("good_practice")!.codes).toEqual([]);
  });
  it("reads a QualCoder codebook: categories, CDATA, accents, short colours and group sets", () => {
    const file = join(SCENARIOS, "qdc-qualcoder", "codebook.qdc");
    const book = compileCodebook(qdcToCodebook(readFileSync(file, "utf8"), file, "qualcoder"), file);
    expect(book.themes.map((t) => [t.id, t.description, t.color])).toEqual([["engagement", "Category: engaging with services", "#FF3333"]]);
    expect(book.codes.map((c) => [c.id, c.groups])).toEqual([
      ["engagement.did_not_attend", ["child"]],
      ["engagement.declined_therapy", ["adult", "child"]],
    ]);
  });
  it.each([
    ["not XML", "hello", /codebook\.qdc:1: not well-formed XML/],
    ["an unclosed element", "<CodeBook><Codes>\n<Code name='x'>\n</CodeBook>", /codebook\.qdc:3: not well-formed XML: unexpected close tag/],
    ["an undefined entity", "<CodeBook>&e;</CodeBook>", /codebook\.qdc:1: not well-formed XML: undefined entity/],
    ["an entity declared in the DOCTYPE", "<!DOCTYPE x [<!ENTITY e 'boom'>]>\n<CodeBook>&e;</CodeBook>", /codebook\.qdc:1: not well-formed XML: a DOCTYPE with an internal subset is not accepted/],
    ["another root", "<Project name='x'/>", /expected a REFI-QDA codebook \(root element CodeBook\), found <Project>/],
    ["no codes", "<CodeBook><Codes/></CodeBook>", /the codebook has no codes/],
    ["an external entity", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><CodeBook/>", /DOCTYPE with an internal subset is not accepted/],
  ])("rejects %s with a message naming the file", (_, xml, message) => {
    expect(() => qdcToCodebook(xml, "codebook.qdc", "x")).toThrow(message);
  });
  it.each([
    ["Housing & moves", "housing_moves"],
    ["  Déclined — therapy ", "declined_therapy"],
    ["???", "fallback"],
  ])("slug(%j) = %s", (name, want) => expect(slug(name, "fallback")).toBe(want));
});

describe("coded extracts as a REFI-QDA project (.qdpx)", () => {
  const book = compileCodebook(tinyCodebook(), "tiny.json");
  const text = "Café visit 😀. Lives in a hostel; moved out of area.";
  const note: Note = { patientId: "P1", noteId: "n1", date: "2010-01-01", text, source: { file: "notes.csv", line: 2 } };
  const start = text.indexOf("Lives");
  const extract: Extract = { extractId: `n1:${start}-${text.length}`, patientId: "P1", group: "adult", noteId: "n1", date: "2010-01-01", noteType: "", start, end: text.length, text: text.slice(start), retrievedBy: [], suggested: ["housing.hostel"], rules: [], highlights: [] };
  const entries = buildQdpx(book, [effectiveCodes(extract, { codes: ["housing.moves", "housing"], memo: "check <this> & that" })], new Map([["P1\u0000n1", note]]), "tiny", "notes-analyse test", new Map([[extract.extractId, "check <this> & that"]]));
  const project = entries.find((e) => e.name === "project.qde")!.data as string;
  it.skipIf(!XMLLINT)("validates against the REFI-QDA Project schema (xmllint)", () => {
    const r = validate(project, "Project-mrt2019.xsd");
    expect(r.messages).toContain("validates");
    expect(r.ok).toBe(true);
  });
  it("holds the note as an internal text source and the extract as a coded selection in characters", () => {
    const source = entries.find((e) => e.name.startsWith("Sources/"))!;
    expect(source.data).toBe(text);
    const root = parseXml(project, "project.qde");
    const ts = root.children.find((c) => c.name === "Sources")!.children[0];
    expect(ts.attrs.plainTextPath).toBe(`internal://${source.name.slice("Sources/".length)}`);
    const sel = ts.children.find((c) => c.name === "PlainTextSelection")!;
    const chars = [...text];
    expect(chars.slice(Number(sel.attrs.startPosition), Number(sel.attrs.endPosition)).join("")).toBe(extract.text);
    expect(sel.children.find((c) => c.name === "Description")!.text).toBe("check <this> & that");
    expect(sel.children.filter((c) => c.name === "Coding").map((c) => c.children[0].attrs.targetGUID)).toEqual([stableGuid("code:housing.moves"), stableGuid("code:housing")]);
  });
  it.each([
    ["ascii", "abc", 3, 3],
    ["an accent", "café", 4, 4],
    ["an emoji (two UTF-16 units)", "a😀b", 4, 3],
  ])("counts code points across %s", (_, s, utf16, points) => expect(codePointOffset(s, utf16)).toBe(points));
});
