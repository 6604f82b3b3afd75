import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseMention } from "../../../src/text/context/index.js";
import { rules } from "../../stages/screen/rules.js";

interface Vector {
  line: number;
  condition: string;
  sentence: string;
  expected: "Negated" | "Affirmed";
}

// Rows of the public NegEx test set (source and selection are named in the file); the whole set is scored
// by scripts/evaluate-negex.ts.
const vectors = (JSON.parse(readFileSync(new URL("./negex-vectors.json", import.meta.url), "utf8")) as { rows: Vector[] }).rows;

/** The condition in its sentence: case-insensitive, any whitespace between its words. */
function locate(sentence: string, condition: string): { start: number; end: number } {
  const words = condition.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const m = new RegExp(words.join("\\s+"), "i").exec(sentence);
  if (!m) throw new Error(`vector setup: condition not found in its sentence`);
  return { start: m.index, end: m.index + m[0].length };
}

describe("NegEx test-set vectors", () => {
  it("holds about 30 rows with both labels", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(30);
    expect(vectors.some((v) => v.expected === "Negated")).toBe(true);
    expect(vectors.some((v) => v.expected === "Affirmed")).toBe(true);
  });

  it.each(vectors.map((v) => [v.line, v.condition, v.expected, v] as const))("line %i: %s is %s", (_line, _c, expected, v) => {
    const { start, end } = locate(v.sentence, v.condition);
    expect(analyseMention(v.sentence, start, end, rules).negated ? "Negated" : "Affirmed").toBe(expected);
  });
});
