import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The README's "Layout" section as a check: which folder of src/ may import which. */
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** A file's area: `stages/<stage>` for a stage, else its top folder under src/ (`cli`, `io`, `text` …). */
function area(file: string): string {
  const parts = relative(SRC, file).split(/[\\/]/);
  return parts[0] === "stages" ? `stages/${parts[1]}` : parts.length > 1 ? parts[0] : "(root)";
}

/** Every relative import of src/, with the areas of both ends. */
const edges = sources(SRC).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => {
    const target = resolve(dirname(file), m[1]);
    return { from: area(file), to: area(target), file: relative(SRC, file), target: relative(SRC, target) };
  }),
);
const crossing = (ok: (from: string, to: string) => boolean) => edges.filter((e) => e.from !== e.to && !ok(e.from, e.to)).map((e) => `${e.file} → ${e.target}`);

describe("source layout: arrows point down", () => {
  it("finds the imports it checks", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from === "cli" && e.to.startsWith("stages/"))).toBe(true);
  });

  it("nothing outside the command line imports it", () => {
    expect(crossing((_from, to) => to !== "cli")).toEqual([]);
  });

  it("a stage never imports another stage's folder (shared parts live in the engines)", () => {
    expect(crossing((from, to) => !(from.startsWith("stages/") && to.startsWith("stages/")))).toEqual([]);
  });

  it("the engines and io import no stage, no pipeline and no report", () => {
    const low = new Set(["text", "stats", "learn", "second-rater", "io", "config", "core"]);
    expect(crossing((from, to) => !low.has(from) || !(to.startsWith("stages/") || to === "pipeline" || to === "report"))).toEqual([]);
  });

  it("io and core import nothing above them", () => {
    expect(crossing((from, to) => !(from === "io" || from === "core") || to === "io" || to === "core")).toEqual([]);
  });
});
