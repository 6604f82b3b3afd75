import { describe, expect, it } from "vitest";
import { drawSample } from "../../../src/stages/sample/draw-sample.js";

const ids = Array.from({ length: 691 }, (_, i) => `P${String(i).padStart(4, "0")}`);

describe("drawSample", () => {
  it("takes the first N plus a rounded-up fraction of the rest", () => {
    const s = drawSample(ids, 10, 0.1, 2015);
    expect(s.filter((r) => r.why === "first").map((r) => r.id)).toEqual(ids.slice(0, 10));
    expect(s.filter((r) => r.why === "random")).toHaveLength(Math.ceil(0.1 * 681));
    expect(new Set(s.map((r) => r.id)).size).toBe(s.length);
  });

  it("is the same for the same seed and differs for another", () => {
    expect(drawSample(ids, 10, 0.1, 7)).toEqual(drawSample(ids, 10, 0.1, 7));
    expect(drawSample(ids, 10, 0.1, 7)).not.toEqual(drawSample(ids, 10, 0.1, 8));
  });

  it("pins the draw for seed 2015 so a change to the generator cannot pass unnoticed", () => {
    const random = drawSample(ids, 10, 0.1, 2015).filter((r) => r.why === "random").slice(0, 5).map((r) => r.id);
    expect(random).toMatchInlineSnapshot(`
      [
        "P0012",
        "P0020",
        "P0035",
        "P0044",
        "P0047",
      ]
    `);
  });

  it.each([
    [[], 10, 0.1, 0],
    [["a", "b"], 10, 0.5, 2],
    [["a", "b", "c"], 1, 0, 1],
    [["a", "b", "c"], 0, 1, 3],
  ])("handles small lists %j first=%i fraction=%f → %i items", (list, first, fraction, n) => {
    expect(drawSample(list as string[], first, fraction, 1)).toHaveLength(n);
  });
});
