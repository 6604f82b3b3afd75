import { describe, expect, it } from "vitest";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { withinOneEdit } from "../../../src/text/terms/tokenise.js";

function spans(terms: string, text: string): string[] {
  return compileMatcher(parseTerms(terms, "t.txt"))
    .match(text)
    .map((h) => text.slice(h.start, h.end));
}

describe("matcher", () => {
  it.each([
    // term, text, expected matched spans
    ["trafficked", "Pt was Trafficked into the UK", ["Trafficked"]],
    ["trafficked", "TRAFFICKED.", ["TRAFFICKED"]],
    ["forced labour", "FORCED LABOUR on a farm", ["FORCED LABOUR"]],
    ["labour", "works as a labourer", []],
    ["forced labour", "a forced labourer? unclear", []],
    ["traffick*", "trafficked, trafficker, trafficking, traffick", ["trafficked", "trafficker", "trafficking", "traffick"]],
    ["traffick*", "stuck in traffic; traffic lights", []],
    ["sex slavery", "concerns re sex\n   slavery raised", ["sex\n   slavery"]],
    ["sex slavery", "Hx of sex-slavery", ["sex-slavery"]],
    ["sex-slavery", "victim of sex slavery", ["sex slavery"]],
    ["sex slavery", "sexslavery", []],
    ["sex slavery", "sex, slavery", []],
    ["~trafficked", "she was traffiked by her uncle", ["traffiked"]],
    ["~trafficked", "she was trafficed", ["trafficed"]],
    ["~trafficked", "trafficked", ["trafficked"]],
    ["~trafficked", "traffic", []],
    ["~trafficked", "she was traffikced", ["traffikced"]],
    ["/debt[- ]bond(age|ed)/", "Family were debt-bonded to the employer", ["debt-bonded"]],
    ["sex slave*", "kept as sex slaves", ["sex slaves"]],
    ["Poppy Project", "referred by the poppy project.", ["poppy project"]],
    ["NRM", "NRM referral; nrm; unrelated: enrm", ["NRM", "nrm"]],
    ["A&E", "attended A&E last night; A & E", ["A&E"]],
    ["asylum seeker*", "an asylum seekers' hostel", ["asylum seekers"]],
    ["trafficked", "Pt\u2019s trafficked-ness", ["trafficked"]],
  ])("%s in %j", (term, text, want) => {
    expect(spans(term, text)).toEqual(want);
  });

  it("gives one hit per span and group, from the first term in the file", () => {
    const m = compileMatcher(parseTerms("trafficked\ntraffick*\n~trafficked\n", "t.txt"));
    const hits = m.match("was trafficked");
    expect(hits).toHaveLength(1);
    expect(hits[0].term.text).toBe("trafficked");
  });

  it("keeps hits of different groups on the same span", () => {
    const m = compileMatcher(parseTerms("social services\n[interagency]\nsocial services\n", "t.txt"));
    expect(m.match("informed social services").map((h) => h.term.group)).toEqual(["case", "interagency"]);
  });

  it("reports exact offsets in text order", () => {
    const text = "No. Forced labour; then trafficked.";
    const hits = compileMatcher(parseTerms("trafficked\nforced labour\n", "t.txt")).match(text);
    expect(hits.map((h) => [h.start, h.end])).toEqual([
      [4, 17],
      [24, 34],
    ]);
  });

  it.each([
    ["trafficked", "traffiked", true],
    ["trafficked", "trafficked", true],
    ["trafficked", "traffickedd", true],
    ["trafficked", "traffickex", true],
    ["trafficked", "trafic", false],
    ["trafficked", "trafficker s", false],
    ["trafficked", "trafficekd", true],
    ["trafficked", "rtafficked", true],
    ["trafficked", "trafifcekd", false],
  ])("withinOneEdit(%s, %s) = %s", (a, b, want) => {
    expect(withinOneEdit(a, b)).toBe(want);
  });
});
