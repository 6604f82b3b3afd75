import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTEFACTS } from "../../src/io/artefacts.js";
import { optionsFor, pickStages } from "../../src/pipeline/run-stages.js";
import { optionKey } from "../../src/pipeline/stage.js";
import { STAGES } from "../../src/pipeline/stages.js";

const ROOT = join(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("the stage registry", () => {
  it("lists the stages in pipeline order, each reading and writing only declared artefacts", () => {
    expect(STAGES.map((s) => s.name)).toEqual(["search", "screen", "sample", "consensus", "identify", "code", "report"]);
    const declared = new Set(Object.values(ARTEFACTS).map((a) => a.path));
    for (const s of STAGES) for (const f of [...s.requires, ...s.reads, ...s.produces]) expect(declared, `${s.name}: ${f}`).toContain(f);
  });

  it("each file a stage requires is produced by an earlier stage", () => {
    for (const [i, s] of STAGES.entries()) {
      const earlier = new Set(STAGES.slice(0, i).flatMap((e) => e.produces));
      for (const r of s.requires) expect(earlier, `${s.name} requires ${r}`).toContain(r);
    }
  });

  it("picks a range of stages by name and refuses an unknown or reversed one", () => {
    expect(pickStages("sample", "identify").map((s) => s.name)).toEqual(["sample", "consensus", "identify"]);
    expect(() => pickStages("scren")).toThrow('--from: unknown stage "scren"');
    expect(() => pickStages("code", "screen")).toThrow("--from code comes after --to screen");
  });
});

describe("stage options", () => {
  it.each([
    ["--eligible <file>", "eligible"],
    ["--no-codebook-seeds", "codebookSeeds"],
    ["--window <sentences>", "window"],
    ["--no-sample", "sample"],
  ])("%s is read as %s", (flags, key) => {
    expect(optionKey({ flags, description: "" })).toBe(key);
  });

  it("pass through to a stage only when it declares them", () => {
    const code = STAGES.find((s) => s.name === "code")!;
    const given = { eligible: "e.csv", window: "2", demo: true, shard: "1/2" };
    expect(optionsFor(code, given)).toEqual({ eligible: "e.csv", window: "2" });
    expect(optionsFor(STAGES.find((s) => s.name === "search")!, given)).toEqual({ shard: "1/2" });
  });
});

describe("layering", () => {
  // Commands wrap stages, never the other way round: the pipeline, the stages and the report stand without the command line.
  it.each(["src/pipeline", "src/stages", "src/report", "src/io", "src/config", "src/core"])("nothing under %s imports src/cli", (dir) => {
    const offenders = sources(join(ROOT, dir)).filter((f) => /from\s+["'][^"']*\/cli\//.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
