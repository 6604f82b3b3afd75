import { describe, expect, it } from "vitest";
import { environmentError } from "../../src/cli/environment-error.js";
import { MAX_MESSAGE, oneLine, thousands } from "../../src/core/message.js";
import { describeHeader, looksLikeHeader } from "../../src/io/header-check.js";

describe("messages", () => {
  it.each([
    ["a 100k-column header", `missing: ${"c,".repeat(100_000)}`],
    ["a file of NULs", `bad: ${"\u0000".repeat(25_000)}`],
    ["line breaks", "one\ntwo\r\nthree"],
  ])("are one line of at most %s characters: %s", (_name, text) => {
    const line = oneLine(text);
    expect([...line].length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(line).not.toMatch(/[\n\r\u0000]/);
  });

  it.each([
    ["ENOSPC", "no space left"],
    ["EROFS", "read-only"],
    ["EACCES", "permission denied"],
    ["EISDIR", "is a folder"],
  ])("turns %s into exit 2 naming the path", (code, words) => {
    const e = Object.assign(new Error("x"), { code, path: "/study/out/a.csv" });
    const u = environmentError(e)!;
    expect(u.exitCode).toBe(2);
    expect(u.message).toContain("/study/out/a.csv");
    expect(u.message).toContain(words);
  });

  it("leaves a bug a bug", () => {
    expect(environmentError(new TypeError("x is undefined"))).toBeUndefined();
  });

  it.each([
    [["patient_id", "note_id", "date", "text"], true],
    [["BrcId", "CN_Doc_ID", "ViewDate", "Attachment_Text"], true],
    [["P1", "N1", "2020-01-02", "She said she had been trafficked to the UK by an agent"], false],
    [["P1", "N1", "02/01/2020", "ok"], false],
    [["1", "2", "3"], false],
  ] as const)("reads %j as a header: %s", (fields, header) => {
    expect(looksLikeHeader(fields)).toBe(header);
    if (!header) expect(describeHeader(fields)).toBe(`the first row does not look like a header: ${fields.length} fields (add a row of column names)`);
  });
});

describe("thousands", () => {
  it("groups as en-GB does", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 461_245, 1_000_000, 1_234_567_890, -1234]) expect(thousands(n)).toBe(n.toLocaleString("en-GB"));
  });
});
