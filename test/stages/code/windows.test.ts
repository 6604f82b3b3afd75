import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/text/context/sentences.js";
import { seedWindows, subtractPinned, type Seed } from "../../../src/stages/code/windows.js";

const TEXT = "First sentence here. Second one has a hostel. Third is plain. Fourth mentions DNA. Fifth is plain. Sixth is plain. Seventh has asylum.";
const at = (word: string, by = "t"): Seed => ({ start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length, by });
const windowText = (w: { start: number; end: number }) => TEXT.slice(w.start, w.end);

describe("seedWindows", () => {
  const sentences = splitSentences(TEXT);
  it.each([
    ["one seed, no context", [at("hostel")], 0, ["Second one has a hostel."]],
    ["one seed, one sentence either side", [at("hostel")], 1, ["First sentence here. Second one has a hostel. Third is plain."]],
    ["overlapping windows merge", [at("hostel"), at("DNA")], 1, ["First sentence here. Second one has a hostel. Third is plain. Fourth mentions DNA. Fifth is plain."]],
    ["windows that do not overlap stay apart", [at("hostel"), at("asylum")], 1, ["First sentence here. Second one has a hostel. Third is plain.", "Sixth is plain. Seventh has asylum."]],
    ["two seeds in one sentence give one window", [at("Second"), at("hostel")], 0, ["Second one has a hostel."]],
  ] as const)("%s", (_, seeds, n, want) => {
    const windows = seedWindows(TEXT, sentences, seeds, { sentences: n, maxChars: 1000 });
    expect(windows.map(windowText)).toEqual(want);
  });

  it("keeps every seed of merged windows", () => {
    const [w] = seedWindows(TEXT, sentences, [at("hostel", "accommodation"), at("DNA", "engagement")], { sentences: 1, maxChars: 1000 });
    expect(w.seeds.map((s) => s.by)).toEqual(["accommodation", "engagement"]);
  });

  it("cuts a run-on sentence to the character limit around its seeds, at word boundaries", () => {
    const long = `${"word ".repeat(200)}hostel ${"word ".repeat(200)}`.trim();
    const start = long.indexOf("hostel");
    const [w] = seedWindows(long, splitSentences(long), [{ start, end: start + 6, by: "t" }], { sentences: 0, maxChars: 100 });
    expect(w.end - w.start).toBeLessThanOrEqual(110);
    expect(long.slice(w.start, w.end)).toMatch(/^word .*hostel.* word$/);
  });
});

describe("subtractPinned", () => {
  const sentences = splitSentences(TEXT);
  const windows = seedWindows(TEXT, sentences, [at("hostel"), at("DNA")], { sentences: 1, maxChars: 1000 });
  it("drops what a decided passage covers and keeps the rest that still holds a seed", () => {
    const pinned = { start: TEXT.indexOf("Second"), end: TEXT.indexOf("Third") - 1 };
    const out = subtractPinned(TEXT, windows, [pinned]);
    expect(out.map(windowText)).toEqual(["Third is plain. Fourth mentions DNA. Fifth is plain."]);
  });
  it("keeps nothing when the decided passage covers every seed", () => {
    expect(subtractPinned(TEXT, windows, [{ start: 0, end: TEXT.length }])).toEqual([]);
  });
  it("changes nothing without decided passages", () => {
    expect(subtractPinned(TEXT, windows, [])).toEqual(windows);
  });
});
