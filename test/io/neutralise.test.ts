import { describe, expect, it } from "vitest";
import { neutralise, restoreNeutralised } from "../../src/io/neutralise.js";

describe("formula guard", () => {
  it.each(["=SUM(A1)", "+44 20", "-related PTSD", "@home", "\tindented", "\rcr", "plain", "", "'quoted", "it's", "'"])(
    "gives back %j after guarding it",
    (text) => {
      expect(restoreNeutralised(neutralise(text))).toBe(text);
    },
  );

  it("cannot tell text that began with an apostrophe and a formula character from guarded text", () => {
    expect(neutralise("'-x")).toBe("'-x");
    expect(restoreNeutralised("'-x")).toBe("-x");
  });
});
