import { describe, expect, it } from "vitest";
import { sentenceAround, splitSentences } from "../../src/text/context/index.js";

const split = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("splitSentences", () => {
  it.each([
    ["full stops", "Low mood. Poor sleep.", ["Low mood.", "Poor sleep."]],
    ["lower-case start after a full stop", "seen today. denies SI.", ["seen today.", "denies SI."]],
    ["title abbreviations", "Seen by Dr. ZZZZZ and Mrs. ZZZZZ today.", ["Seen by Dr. ZZZZZ and Mrs. ZZZZZ today."]],
    ["pt. before a lower-case word", "Pt. was seen. Pt. Left early.", ["Pt. was seen.", "Pt.", "Left early."]],
    ["e.g. and i.e.", "Risks e.g. Debt, i.e. Bondage. Next.", ["Risks e.g. Debt, i.e. Bondage.", "Next."]],
    ["decimals", "Temp 37.5 today. Fine.", ["Temp 37.5 today.", "Fine."]],
    ["list numbering at a line start", "Plan:\n1. Refer to NRM.\n2. Review.", ["Plan:", "1. Refer to NRM.", "2. Review."]],
    ["list numbering after a heading colon", "CHEST:     1. Surgical changes.", ["CHEST:     1. Surgical changes."]],
    ["a time is no list number", "Phoned at 14:00. Partner was a victim of trafficking.", ["Phoned at 14:00.", "Partner was a victim of trafficking."]],
    ["a number ending a sentence", "Came to the UK in 2005. Low mood.", ["Came to the UK in 2005.", "Low mood."]],
    ["query mark glued to a word", "Pt ?trafficked. Review.", ["Pt ?trafficked.", "Review."]],
    ["query mark standing alone", "Pt ? trafficked, for review.", ["Pt ? trafficked, for review."]],
    ["a real question", "Was she trafficked? Unclear.", ["Was she trafficked?", "Unclear."]],
    ["exclamation", "Stop! Now.", ["Stop!", "Now."]],
    ["closing quote after the stop", 'She said "I was sold." Then cried.', ['She said "I was sold."', "Then cried."]],
    ["closing bracket after the stop", "(Seen in clinic.) Review.", ["(Seen in clinic.)", "Review."]],
    ["blank line", "Low mood\n\nPoor sleep", ["Low mood", "Poor sleep"]],
    ["line break before a capital", "Low mood\nPoor sleep", ["Low mood", "Poor sleep"]],
    ["wrapped lines: a lower-case line continues, a capital starts anew (a known limit)", "she was brought to the\nUK and made to work\nwithout pay", ["she was brought to the", "UK and made to work\nwithout pay"]],
    ["bullets", "Issues:\n- housing\n- immigration", ["Issues:", "- housing", "- immigration"]],
    ["CRLF line ends", "Low mood\r\n\r\nPoor sleep", ["Low mood", "Poor sleep"]],
    ["ellipsis before a capital", "She paused... Then spoke.", ["She paused...", "Then spoke."]],
    ["ellipsis before a lower-case word", "drugs... cannabis mostly", ["drugs... cannabis mostly"]],
    ["semicolon does not split", "She was trafficked; denies drug use", ["She was trafficked; denies drug use"]],
    ["empty text", "", []],
    ["whitespace only", "  \n ", []],
  ])("%s", (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });
});

describe("sentenceAround", () => {
  it.each([
    ["the middle sentence", "One. She was trafficked here. Three.", "trafficked", "She was trafficked here."],
    ["the first sentence", "She was trafficked. No drugs.", "trafficked", "She was trafficked."],
    ["a query mark right before the mention", "Pt ?trafficked. Review.", "trafficked", "Pt ?trafficked."],
    ["a mention spanning a line break", "Made a sex\nSlave by them. Next.", "sex\nSlave", "Made a sex\nSlave by them."],
  ])("finds %s", (_name, text, term, expected) => {
    const start = text.indexOf(term);
    const s = sentenceAround(text, start, start + term.length);
    expect(text.slice(s.start, s.end)).toBe(expected);
  });

  it("agrees with splitSentences on every word of a note", () => {
    const text = "Seen with SW. Referred by the Poppy Project; pt trafficked in 2007.\nLow mood\n\n1. Plan: review. ?NRM";
    const spans = splitSentences(text);
    for (const m of text.matchAll(/[A-Za-z]+/g)) {
      const around = sentenceAround(text, m.index, m.index + m[0].length);
      expect(spans).toContainEqual(around);
    }
  });
});
