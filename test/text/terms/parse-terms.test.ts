import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { ROOT } from "../../helpers/cli.js";

describe("parseTerms", () => {
  it("puts terms before any header in the case group and reads [group] headers", () => {
    const terms = parseTerms("trafficked\n[immigration]\nHome Office\n[Case]\nsex slavery\n", "t.txt");
    expect(terms.map((t) => [t.text, t.group, t.line])).toEqual([
      ["trafficked", "case", 1],
      ["Home Office", "immigration", 3],
      ["sex slavery", "case", 5],
    ]);
  });

  it("skips comments, inline comments and blank lines", () => {
    const terms = parseTerms("# heading\n\n  trafficked   # why it is here\nC#\n", "t.txt");
    expect(terms.map((t) => t.text)).toEqual(["trafficked", "C#"]);
  });

  it("reads wildcards, typo tolerance, hyphen/space variants and regexes", () => {
    const [w, f, h, r] = parseTerms("traffick*\n~trafficked\nsex-slavery\n/debt[- ]bond(age|ed)/ # expert\n", "t.txt");
    expect(w.tokens).toEqual([{ text: "traffick", match: "prefix", joinBefore: "gap" }]);
    expect(f.tokens[0].match).toBe("fuzzy");
    expect(h.tokens.map((t) => t.text)).toEqual(["sex", "slavery"]);
    expect(r.kind).toBe("regex");
    expect(r.text).toBe("/debt[- ]bond(age|ed)/");
  });

  it.each([
    ["/unclosed(\n", 1, "must end with /"],
    ["/unclosed(/\n", 1, "invalid regular expression"],
    ["ok\n/no end\n", 2, "must end with /"],
    ["ok\nok\ntraf*ficked\n", 3, "may only end a word"],
    ["tr*\n", 1, "at least 3 letters"],
    ["~slaves\n~sex\n", 2, "has none"],
    ["[bad group]\n", 1, "group header"],
    ["/a*/\n", 1, "matches empty text"],
    ["~~trafficked\n", 1, "one ~ is enough"],
  ])("rejects %j with file and line %i", (source, line, why) => {
    expect(() => parseTerms(source, "terms.txt")).toThrow(`terms.txt:${line}: `);
    expect(() => parseTerms(source, "terms.txt")).toThrow(why);
  });

  it("parses the bundled south-london-2015 preset with a case group and the theme groups", () => {
    const file = join(ROOT, "src/presets/south-london-2015/terms.txt");
    const terms = parseTerms(readFileSync(file, "utf8"), file);
    const groups = new Set(terms.map((t) => t.group));
    expect([...groups].sort()).toEqual(["accommodation", "case", "engagement", "finance", "identity", "immigration", "interagency", "police", "services"]);
    for (const t of ["trafficked", "sex slavery", "forced labour"]) expect(terms.some((x) => x.text === t && x.group === "case")).toBe(true);
  });
});
