import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { AnchorScanner, caseAnchors, FOLDS_TO_ASCII } from "../../../src/stages/search/prefilter.js";
import { CASE_GROUP } from "../../../src/text/terms/terms.js";
import { createRandom } from "../../../src/core/random.js";

const PRESET = join(import.meta.dirname, "..", "..", "..", "src", "presets", "south-london-2015", "terms.txt");

function scannerFor(terms: string) {
  const parsed = parseTerms(terms, "t.txt").filter((t) => t.group === CASE_GROUP);
  const anchors = caseAnchors(parsed);
  return { matcher: compileMatcher(parsed), scanner: anchors && new AnchorScanner(anchors), anchors };
}

const passes = (scanner: AnchorScanner, text: string) => {
  const b = Buffer.from(text, "utf8");
  return scanner.test(b, 0, b.length);
};

/** One random slip of the kind the matcher forgives or not: a letter added, lost, changed or two swapped. */
function slip(word: string, rnd: ReturnType<typeof createRandom>): string {
  const i = rnd.int(word.length);
  const letter = rnd.pick([..."abcdefghijklmnopqrstuvwxyzéİK"]);
  switch (rnd.int(4)) {
    case 0:
      return word.slice(0, i) + letter + word.slice(i);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + letter + word.slice(i + 1);
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
  }
}

describe("case-finding prefilter", () => {
  it("never turns away a note the matcher finds a case hit in (random texts built from the preset's terms)", () => {
    const terms = readFileSync(PRESET, "utf8");
    const { matcher, scanner } = scannerFor(terms);
    expect(scanner).not.toBeNull();
    const words = [...new Set(parseTerms(terms, "t").filter((t) => t.group === CASE_GROUP).flatMap((t) => t.tokens.map((k) => k.text)))];
    const filler = ["the", "pt", "was", "traffic", "picked", "ticking", "Forcedly", "café", "naïve", "’s", "-", ",", "\n", "\r\n", '"', "“", "İ", "K"];
    const rnd = createRandom(2015);
    let withHit = 0;
    for (let n = 0; n < 20000; n++) {
      const parts: string[] = [];
      for (let k = 1 + rnd.int(8); k > 0; k--) {
        let w = rnd.chance(0.5) ? rnd.pick(words) : rnd.pick(filler);
        if (rnd.chance(0.3)) w = slip(w, rnd);
        if (rnd.chance(0.3)) w = rnd.chance(0.5) ? w.toUpperCase() : w.slice(0, 1).toUpperCase() + w.slice(1);
        parts.push(w, rnd.pick([" ", " ", "  ", "\n", "-", "", ", "]));
      }
      const text = parts.join("");
      const hit = matcher.match(text).length > 0;
      if (hit) withHit++;
      if (hit && !passes(scanner!, text)) expect.fail(`prefilter turned away ${JSON.stringify(text)}`);
    }
    expect(withHit).toBeGreaterThan(5000);
  });

  it("passes over anchors in words no term could match, and keeps those that might", () => {
    const { scanner } = scannerFor("~trafficked\ntraffick*\nNRM\nPoppy Project");
    expect(passes(scanner!, "stuck in traffic, picked up, the projector, poppy seeds")).toBe(false);
    for (const text of ["TRAFFICKING", "traffiked", "trafifcked", "the NRM.", "Poppy Project", "project poppy", "TRAFFIC\u212AED", "traffİcked", "trafficked’s"]) {
      expect(passes(scanner!, text), text).toBe(true);
    }
  });

  it("lists every character outside ASCII whose lower case holds an ASCII letter", () => {
    const found: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (/[a-z0-9]/.test(c.toLowerCase())) found.push(c);
    }
    expect(found).toEqual(FOLDS_TO_ASCII);
  });

  it("matches every note in full when a case term is a regex", () => {
    expect(scannerFor("trafficked\n/traf+ick/").anchors).toBeNull();
  });

  it("anchors a term joined without spaces as one literal, and then checks no words", () => {
    const { anchors, scanner } = scannerFor("A&E");
    expect(anchors).toEqual({ anchors: ["a&e"], words: null });
    expect(passes(scanner!, "seen in a&e")).toBe(true);
    expect(passes(scanner!, "seen in a & e")).toBe(false);
  });

  it("finds every anchor end in a chunk, whichever of its four streams it falls in", () => {
    const { anchors, scanner } = scannerFor(readFileSync(PRESET, "utf8"));
    const patterns = [...anchors!.anchors.map((a) => Buffer.from(a, "latin1")), ...FOLDS_TO_ASCII.map((c) => Buffer.from(c, "utf8"))];
    const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
    // Where an anchor ends, by comparing every anchor at every place: no automaton involved.
    const naive = (buf: Buffer, from: number, to: number) => {
      const ends: number[] = [];
      for (let e = from + 1; e <= to; e++) {
        if (patterns.some((p) => e - p.length >= from && p.every((byte, k) => fold(buf[e - p.length + k]) === byte))) ends.push(e);
      }
      return ends;
    };
    const rnd = createRandom(7);
    const pieces = [...anchors!.anchors, ...anchors!.anchors.map((a) => a.toUpperCase()), ...FOLDS_TO_ASCII, "x", "the ", "\n", '"', "ü", "traf", "ick"];
    for (let n = 0; n < 400; n++) {
      const parts: string[] = [];
      for (let k = rnd.int(60); k > 0; k--) parts.push(rnd.pick(pieces));
      const buf = Buffer.from(`${"-".repeat(rnd.int(5))}${parts.join("")}`, "utf8");
      const from = rnd.int(4);
      const to = Math.max(from, buf.length - rnd.int(4));
      expect([...scanner!.endsIn(buf, from, to)], JSON.stringify(buf.toString("utf8"))).toEqual(naive(buf, from, to));
    }
    // Many ends, past the room first kept for them.
    const many = Buffer.from("NRM ".repeat(5000));
    expect(scanner!.endsIn(many, 0, many.length).length).toBe(5000);
  });

  it("finds a note's anchors among its chunk's as when the note is scanned alone", () => {
    const { scanner } = scannerFor("~trafficked\ntraffick*\nNRM\nPoppy Project");
    const notes = ["stuck in traffic", "TRAFFICKING", "the projector", "poppy seeds, then NRM.", "", "picked", "trafifcked", "nrmal", "Project poppy"];
    const chunk = Buffer.from(notes.join("|"));
    let at = 0;
    const ranges = notes.map((t) => {
      const r = [at, at + Buffer.byteLength(t)] as const;
      at = r[1] + 1;
      return r;
    });
    scanner!.endsIn(chunk, 0, chunk.length);
    const inChunk = ranges.map(([from, to]) => scanner!.hasAnchor(chunk, from, to));
    // Asked again out of order, from the start of the ends.
    expect(scanner!.hasAnchor(chunk, ranges[1][0], ranges[1][1])).toBe(true);
    expect(inChunk).toEqual(notes.map((t) => passes(scanner!, t)));
    expect(inChunk).toEqual([false, true, false, true, false, false, true, false, true]);
  });
});
