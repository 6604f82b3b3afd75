import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";
import { loadConfig } from "../../src/config/load.js";
import { HashCache } from "../../src/pipeline/fingerprint.js";
import { writeManifest } from "../../src/pipeline/write-manifest.js";
import { runCli, seeds } from "./harness/run.js";
import { makeStudy } from "./harness/study.js";

/**
 * Issue 14, problems 10 and 13: verify on a copied or moved study checks the copy's own files, its
 * config and what was added to the output folder; init --force backs up what it replaces.
 */
describe.each(seeds(1, 91))("verify on a copied study, seed %i", (seed) => {
  it("checks the copy's inputs and config, and reports added and missing files (10)", async () => {
    const s = makeStudy({ seed, patients: 8 });
    // a study folder as init makes it: a config naming the inputs relative to the folder
    writeFileSync(
      join(s.dir, "notes-analyse.config.json"),
      JSON.stringify({ notes: ["notes.csv"], patients: "patients.csv", terms: "terms.txt", preset: "south-london-2015", out: "out" }, null, 2),
    );
    expect(runCli(["search"], s.dir).code).toBe(0);
    expect(runCli(["screen"], s.dir).code).toBe(0);
    // the manifest as run writes it after the report, over the outputs there are
    const config = loadConfig(s.dir, {}, join(s.dir, "notes-analyse.config.json"));
    await writeManifest(config, config.out, [join(s.dir, "notes.csv")], ["notes-analyse run"], new HashCache());
    expect(runCli(["verify", s.out], s.dir).code).toBe(0);

    const rng = createRandom(`${seed}-copy`);
    const copy = `${s.dir}-copy`;
    cpSync(s.dir, copy, { recursive: true });
    const out = join(copy, "out");
    expect(runCli(["verify", out], copy).code).toBe(0);

    // edit the copy's notes: verify of the copy sees it, verify of the original does not
    const notes = readFileSync(join(copy, "notes.csv"));
    notes[Math.floor(notes.length / 2) + rng.int(10)] ^= 0x01;
    writeFileSync(join(copy, "notes.csv"), notes);
    let v = runCli(["verify", out], copy);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain("changed since the manifest was written: input notes.csv");
    expect(runCli(["verify", s.out], s.dir).code).toBe(0);

    // the config, an added file, a removed one
    writeFileSync(join(copy, "notes-analyse.config.json"), readFileSync(join(copy, "notes-analyse.config.json"), "utf8").replace('"out"', '"out" ,"seed": 7'));
    writeFileSync(join(out, "01-search", "extra.csv"), "a\n1\n");
    const gone = readdirSync(join(out, "01-search")).find((n) => n === "hits.csv")!;
    cpSync(join(out, "01-search", gone), join(copy, "hits.keep"));
    writeFileSync(join(out, "01-search", gone), "");
    v = runCli(["verify", out], copy);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain("input notes-analyse.config.json");
    expect(v.stderr).toContain("not in the manifest (added after it was written): output 01-search/extra.csv");
    expect(v.stderr).toContain("output 01-search/hits.csv");
  });
});

describe("init --force (13)", () => {
  it("backs up every scaffold file it replaces that someone edited", () => {
    const s = makeStudy({ seed: 95, patients: 2 });
    const dir = join(s.dir, "study");
    expect(runCli(["init", dir], s.dir).code).toBe(0);
    writeFileSync(join(dir, "terms.txt"), "my own terms\n");
    const r = runCli(["init", dir, "--force"], s.dir);
    expect(r.code, r.stderr).toBe(0);
    const backups = readdirSync(dir).filter((n) => n.startsWith("terms.backup-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]), "utf8")).toBe("my own terms\n");
    // files nobody edited are not backed up
    expect(readdirSync(dir).filter((n) => n.includes(".backup-"))).toHaveLength(1);
  });
});
