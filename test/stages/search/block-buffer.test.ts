import { describe, expect, it } from "vitest";
import type { HitRow } from "../../../src/stages/search/collect.js";
import { BlockBuffer } from "../../../src/stages/search/block-buffer.js";

const hit = (patientId: string, noteId: string): HitRow => ({
  patientId,
  noteId,
  date: "",
  noteType: "",
  term: "DNA",
  termId: 1,
  group: "engagement",
  start: 0,
  end: 3,
  left: "",
  match: "DNA",
  right: "",
});

describe("BlockBuffer", () => {
  it("keeps a contiguous block's theme hits when the patient is returned by its end, and drops others", () => {
    const returned = new Set<string>();
    const b = new BlockBuffer((id) => returned.has(id));
    b.add("A", [hit("A", "a1")]);
    b.add("A", [hit("A", "a2")]);
    returned.add("A"); // a case-finding hit in A's last note
    b.add("B", [hit("B", "b1")]);
    b.endBlock();
    expect([...b.kept.keys()]).toEqual(["A"]);
    expect(b.kept.get("A")!.map((h) => h.noteId)).toEqual(["a1", "a2"]);
    expect(b.needSecondRead()).toEqual(new Set());
    expect(b.seen).toEqual(new Set(["A", "B"]));
  });

  it("sends a returned patient whose notes are split across blocks to a second read, dropping what it kept", () => {
    const returned = new Set<string>();
    const b = new BlockBuffer((id) => returned.has(id));
    b.add("A", [hit("A", "a1")]);
    b.add("B", [hit("B", "b1")]);
    returned.add("A");
    b.add("A", [hit("A", "a2")]);
    b.add("C", []);
    b.add("B", []);
    b.endBlock();
    expect(b.split).toEqual(new Set(["A", "B"]));
    expect(b.needSecondRead()).toEqual(new Set(["A"]));
    expect(b.kept.has("A")).toBe(false);
  });
});
