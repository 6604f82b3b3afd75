import { describe, expect, it } from "vitest";
import { porterStem } from "../../../src/stages/code/porter.js";

// The worked examples of Porter (1980), step by step, and whole words through all steps.
const PAPER: [string, string][] = [
  ["caresses", "caress"], ["ponies", "poni"], ["ties", "ti"], ["caress", "caress"], ["cats", "cat"],
  ["feed", "feed"], ["agreed", "agre"], ["plastered", "plaster"], ["bled", "bled"], ["motoring", "motor"], ["sing", "sing"],
  ["conflated", "conflat"], ["troubled", "troubl"], ["sized", "size"], ["hopping", "hop"], ["tanned", "tan"],
  ["falling", "fall"], ["hissing", "hiss"], ["fizzed", "fizz"], ["failing", "fail"], ["filing", "file"],
  ["happy", "happi"], ["sky", "sky"],
  ["relational", "relat"], ["conditional", "condit"], ["rational", "ration"], ["valenci", "valenc"], ["hesitanci", "hesit"],
  ["digitizer", "digit"], ["conformabli", "conform"], ["radicalli", "radic"], ["differentli", "differ"], ["vileli", "vile"],
  ["analogousli", "analog"], ["vietnamization", "vietnam"], ["predication", "predic"], ["operator", "oper"],
  ["feudalism", "feudal"], ["decisiveness", "decis"], ["hopefulness", "hope"], ["callousness", "callous"],
  ["formaliti", "formal"], ["sensitiviti", "sensit"], ["sensibiliti", "sensibl"],
  ["triplicate", "triplic"], ["formative", "form"], ["formalize", "formal"], ["electriciti", "electr"],
  ["electrical", "electr"], ["hopeful", "hope"], ["goodness", "good"],
  ["revival", "reviv"], ["allowance", "allow"], ["inference", "infer"], ["airliner", "airlin"], ["gyroscopic", "gyroscop"],
  ["adjustable", "adjust"], ["defensible", "defens"], ["irritant", "irrit"], ["replacement", "replac"], ["adjustment", "adjust"],
  ["dependent", "depend"], ["adoption", "adopt"], ["homologou", "homolog"], ["communism", "commun"], ["activate", "activ"],
  ["angulariti", "angular"], ["homologous", "homolog"], ["effective", "effect"], ["bowdlerize", "bowdler"],
  ["probate", "probat"], ["rate", "rate"], ["cease", "ceas"], ["controll", "control"], ["roll", "roll"],
  ["generalizations", "gener"], ["oscillators", "oscil"],
];

// Clinical words the codebook leans on: the families must meet.
const FAMILIES: string[][] = [
  ["evicted", "eviction", "evicting", "evict"],
  ["disengaged", "disengagement", "disengaging"],
  ["attended", "attending", "attend"],
  ["deported", "deportation", "deporting"],
  ["interpreter", "interpreters"],
];

describe("porterStem", () => {
  it.each(PAPER)("%s → %s", (word, stem) => expect(porterStem(word)).toBe(stem));

  it.each(FAMILIES.map((f) => [f.join("/"), f] as const))("%s share a stem", (_, words) => {
    expect(new Set(words.map(porterStem)).size).toBe(1);
  });

  // Porter's reference version departs from the paper twice, so that these families meet too.
  it.each([
    ["psychology", "psycholog"], ["cardiology", "cardiolog"], ["possibly", "possibl"], ["visibly", "visibl"],
  ])("%s → %s (logi → log, bli → ble)", (word, stem) => expect(porterStem(word)).toBe(stem));

  it.each([["is", "is"], ["A&E", "a&e"], ["CAMHS", "camh"], ["x2", "x2"]])("leaves short or non-alphabetic words alone: %s", (w, s) => {
    expect(porterStem(w)).toBe(s);
  });
});
