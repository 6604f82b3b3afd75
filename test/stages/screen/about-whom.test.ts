import { describe, expect, it } from "vitest";
import { genderOf, otherPersonByGender } from "../../../src/stages/screen/about-whom.js";

/** The finding for the first occurrence of `term` in `text`, reading its clause from the sentence start. */
function about(text: string, term: string, gender: ReturnType<typeof genderOf>) {
  const start = text.indexOf(term);
  const stop = text.lastIndexOf(". ", start);
  return otherPersonByGender(text, stop < 0 ? 0 : stop + 2, { start, end: start + term.length }, gender);
}

describe("who a mention is about, from its pronoun", () => {
  it("reads the patients file's gender cells", () => {
    expect(["F", "female", " Woman ", "girl"].map(genderOf)).toEqual(["female", "female", "female", "female"]);
    expect(["M", "Male", "man", "BOY"].map(genderOf)).toEqual(["male", "male", "male", "male"]);
    expect(["", "unknown", "X", undefined].map(genderOf)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("finds someone else when the pronoun governing the mention is not the patient's gender", () => {
    expect(about("Her brother came to the UK first. He was trafficked to work on farms.", "trafficked", "female")).toEqual({ rule: "coref.gender" });
    expect(about("Talked about her husband and his trafficking conviction.", "trafficking", "female")).toEqual({ rule: "coref.gender" });
    expect(about("Spoke of a cousin. She had reportedly been trafficked.", "trafficked", "male")).toEqual({ rule: "coref.gender" });
  });

  it("keeps the mention the patient's when the pronoun is the patient's gender, whoever was named nearby", () => {
    expect(about("She left the hostel and is staying with a friend. We consider that she has been trafficked.", "trafficked", "female")).toBeUndefined();
    expect(about("Her younger sister visited today. She was trafficked to the UK in 2009.", "trafficked", "female")).toBeUndefined();
    expect(about("Lives with his uncle. He was trafficked as a teenager.", "trafficked", "male")).toBeUndefined();
  });

  it("keeps the mention the patient's when the pronoun is the trafficker and the patient the one trafficked", () => {
    expect(about("She met a man online. He trafficked her to the UK.", "trafficked", "female")).toBeUndefined();
    expect(about("Her boyfriend controls her. He is trafficking her for sex.", "trafficking", "female")).toBeUndefined();
    expect(about("An older woman befriended him. She had trafficked him and his cousin.", "trafficked", "male")).toBeUndefined();
    expect(about("He trafficked them both across the border.", "trafficked", "female")).toBeUndefined();
    // Someone else trafficked, or "her" an owner: still someone else.
    expect(about("Her father was arrested. He trafficked her sister to the UK.", "trafficked", "female")).toEqual({ rule: "coref.gender" });
    expect(about("Her uncle ran a farm. He trafficked men from abroad.", "trafficked", "female")).toEqual({ rule: "coref.gender" });
    expect(about("She says he was trafficked too.", "trafficked", "female")).toEqual({ rule: "coref.gender" });
  });

  it("says nothing without a governing pronoun or without the patient's gender", () => {
    expect(about("He was trafficked from Albania.", "trafficked", undefined)).toBeUndefined();
    expect(about("Concerns about trafficking were raised.", "trafficking", "female")).toBeUndefined();
    expect(about("The man who trafficked them was arrested.", "trafficked", "female")).toBeUndefined();
  });
});
