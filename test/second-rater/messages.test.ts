import { describe, expect, it } from "vitest";
import { emptyCells, raterFileMessage, type RaterFileProblem } from "../../src/second-rater/messages.js";

const read = { rowOf: new Map([["P1", 2], ["P2", 3], ["P3", 4]]), columnOf: { decision: "F", consensus: "I" } };

describe("raterFileMessage", () => {
  it.each<[string, RaterFileProblem, string]>([
    [
      "a missing workbook names the command that writes it",
      { kind: "missing", path: "out/02-screening/second-rater.xlsx", workbook: "second-rater", writtenBy: "sample" },
      "out/02-screening/second-rater.xlsx: not found (run notes-analyse sample first to write the second-rater workbook)",
    ],
    [
      "one mismatched row says how to go on",
      { kind: "mismatched", problems: ["x.xlsx › Screening!A3 (patient_id P2): row sorted"], rerun: "consensus" },
      "x.xlsx › Screening!A3 (patient_id P2): row sorted; fix the workbook, save, and run notes-analyse consensus again",
    ],
    [
      "one empty cell",
      { kind: "incomplete", path: "x.xlsx", column: "decision", cells: [{ id: "P1", cell: "F2" }] },
      "x.xlsx: 1 decision cell still empty: P1 (F2)",
    ],
  ])("%s", (_name, problem, message) => {
    expect(raterFileMessage(problem)).toBe(message);
  });

  it("lists at most five mismatched rows, then how many more", () => {
    const problems = Array.from({ length: 7 }, (_, i) => `x.xlsx › Identification!A${i + 2}: row moved`);
    const lines = raterFileMessage({ kind: "mismatched", problems, rerun: "identify" }).split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe("2 more problems like these; fix the workbook, save, and run notes-analyse identify again");
  });

  it("names at most eight empty cells, then an ellipsis", () => {
    const cells = Array.from({ length: 9 }, (_, i) => ({ id: `P${i}`, cell: `F${i + 2}` }));
    const message = raterFileMessage({ kind: "incomplete", path: "x.xlsx", column: "decision", cells });
    expect(message).toMatch(/^x\.xlsx: 9 decision cells still empty: P0 \(F2\), .*P7 \(F9\), …$/);
    expect(message).not.toContain("P8");
  });
});

describe("emptyCells", () => {
  it("names each empty cell by column and row, and '?' for an id the workbook does not list", () => {
    const problem = emptyCells("x.xlsx", read, ["P3", "P9"], "consensus");
    expect(problem).toEqual({ kind: "incomplete", path: "x.xlsx", column: "consensus", cells: [{ id: "P3", cell: "I4" }, { id: "P9", cell: "I?" }] });
    expect(raterFileMessage(problem)).toBe("x.xlsx: 2 consensus cells still empty: P3 (I4), P9 (I?)");
  });
});
