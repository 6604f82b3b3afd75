import { describe, expect, it } from "vitest";
import { boldRuns, evidenceOf } from "../../../src/stages/identify/evidence.js";

describe("evidenceOf", () => {
  it("collapses whitespace and keeps bold spans on the same words", () => {
    const text = "Intro.  Referral   from\nthe Poppy\n\tProject today.";
    const start = text.indexOf("Referral");
    const { evidence, bold } = evidenceOf(text, { start, end: text.length }, [{ start, end: start + 8 }, { start: text.indexOf("Poppy"), end: text.indexOf("Project") + 7 }]);
    expect(evidence).toBe("Referral from the Poppy Project today.");
    expect(bold.map((b) => evidence.slice(b.start, b.end))).toEqual(["Referral", "Poppy Project"]);
  });

  it("cuts a long sentence around the cue at word boundaries, marking the cuts", () => {
    const words = Array.from({ length: 120 }, (_, i) => `w${i}`);
    words[80] = "CUE";
    const text = words.join(" ");
    const at = text.indexOf("CUE");
    const { evidence, bold } = evidenceOf(text, { start: 0, end: text.length }, [{ start: at, end: at + 3 }], 100);
    expect(evidence.startsWith("… w")).toBe(true);
    expect(evidence.endsWith(" …")).toBe(true);
    expect(evidence.length).toBeLessThanOrEqual(104);
    expect(evidence.slice(bold[0].start, bold[0].end)).toBe("CUE");
    expect(evidence).not.toMatch(/ w\d?$| \d/);
  });

  it("leaves a short sentence whole", () => {
    expect(evidenceOf("She told me.", { start: 0, end: 12 }, []).evidence).toBe("She told me.");
  });
});

describe("boldRuns", () => {
  it.each([
    ["one span", "a bold word", [{ start: 2, end: 6 }], [{ text: "a " }, { text: "bold", bold: true }, { text: " word" }]],
    ["overlapping spans merge", "abcdef", [{ start: 0, end: 3 }, { start: 2, end: 4 }], [{ text: "abc", bold: true }, { text: "d", bold: true }, { text: "ef" }]],
    ["none", "plain", [], [{ text: "plain" }]],
  ])("%s", (_why, text, spans, runs) => {
    expect(boldRuns(text, spans)).toEqual(runs);
  });
});
