import { describe, expect, it } from "vitest";
import { delimiterChar, detectDelimiter } from "../../src/io/csv/delimiter.js";
import { looksLikeHeader } from "../../src/io/header-check.js";
import { missingColumnMessage } from "../../src/io/header-hint.js";

describe("the delimiter of an export, from its header row", () => {
  it.each([
    ["comma", "patient_id,note_id,date,text\nA1,n1,2009-01-01,\"a; b; c\"\n", ","],
    ["semicolon", "BrcId;CN_Doc_ID;ViewDate;Attachment_Text\r\nS1;d1;03/02/2009;x, y, z\r\n", ";"],
    ["tab", "patient_id\tnote_id\tdate\ttext\n", "\t"],
    ["pipe", "patient_id|note_id|date|text\n", "|"],
    ["a quoted name holding another delimiter", "\"id;x\",note_id,date,text\n", ","],
    ["one column: the fallback", "patient_id\nA1\n", ","],
    ["only the header line counts", "a;b\nx,y,z,w,v\n", ";"],
  ])("%s", (_n, text, want) => expect(detectDelimiter(Buffer.from(text), ",")).toBe(want));

  it("falls back to tab for a .tsv with one column, and takes names or characters in the config", () => {
    expect(detectDelimiter(Buffer.from("patient_id\n"), "\t")).toBe("\t");
    expect([delimiterChar("semicolon"), delimiterChar("|"), delimiterChar("tab"), delimiterChar("auto")]).toEqual([";", "|", "\t", undefined]);
  });
});

describe("the hint of a missing column", () => {
  it("names the columns found when the first row is a header, and says how to map one", () => {
    expect(missingColumnMessage("n.csv", ["text"], ["BrcId", "Attachment_Text"], false, "text")).toBe(
      'n.csv: missing column text; found "BrcId", "Attachment_Text" (map yours with --columns text=YOUR_NAME)',
    );
  });

  it("does not ask to map a column that is mapped already", () => {
    expect(missingColumnMessage("n.csv", ["Body (for text)"], ["BrcId", "Attachment_Text"], true, "text")).toMatch(/check the names under "columns" in the config/);
  });

  it("suspects the delimiter when the header reads as one column holding another", () => {
    expect(missingColumnMessage("n.csv", ["BrcId (for patient_id)"], ["BrcId;ViewDate;Attachment_Text"], true, "patient_id")).toMatch(/is the file separated by semicolon \(;\)\? set --delimiter/);
  });

  it("never repeats a first row of note text", () => {
    const row = ["S1", "She said she had been trafficked into the UK by her uncle. Seen with interpreter.", "03/02/2009"];
    expect(looksLikeHeader(row)).toBe(false);
    const m = missingColumnMessage("n.csv", ["patient_id"], row, false, "patient_id");
    expect(m).not.toMatch(/trafficked|uncle|S1/);
    expect(m).toMatch(/the first row does not look like a header: 3 fields/);
    expect(looksLikeHeader(["12", "2009-01-01"])).toBe(false);
    expect(looksLikeHeader(["BrcId", "Age at first contact", "Ethnicity"])).toBe(true);
  });
});
