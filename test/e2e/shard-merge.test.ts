import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, ensureBuilt, ROOT, tempDir } from "../helpers/cli.js";
import { inShard, parseShard } from "../../src/stages/search/shard.js";
import { readCsv } from "../helpers/csv.js";

beforeAll(() => ensureBuilt());

const CONFIG = join(ROOT, "fixtures", "south-london-demo", "notes-analyse.config.json");

describe("search --shard K/N and merge", () => {
  it("merges shards into exactly what one search writes", () => {
    const dir = tempDir("na-shard-");
    for (const k of [1, 2, 3]) expect(cli(["search", "--config", CONFIG, "--shard", `${k}/3`, "--out", join(dir, `s${k}`), "--quiet"]).code).toBe(0);
    expect(cli(["search", "--config", CONFIG, "--out", join(dir, "whole"), "--quiet"]).code).toBe(0);
    const m = cli(["merge", join(dir, "s3"), join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "merged"), "--json", "--quiet"]);
    expect(m.code, m.stderr).toBe(0);
    // Every note of the demo is read once across the shards (the count is the generator's, see its README).
    const notes = readCsv(join(ROOT, "fixtures", "south-london-demo", "notes.csv")).length;
    expect(JSON.parse(m.stdout)).toMatchObject({ shards: 3, returned: 691, notes });
    for (const f of ["patients.csv", "hits.csv", "search.xlsx", "notes.jsonl", "notes-source.json"]) {
      expect(readFileSync(join(dir, "merged", "01-search", f)).equals(readFileSync(join(dir, "whole", "01-search", f))), f).toBe(true);
    }
    const missing = cli(["merge", join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "m2")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("shards 3/3 are missing");
    const twice = cli(["merge", join(dir, "s1"), join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "m3")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("shard 1/3 was given twice");
    const notShard = cli(["merge", join(dir, "whole"), "--out", join(dir, "m4")]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toContain("shard.json: not found");
  });

  it.each(["0/3", "4/3", "2", "a/b", "1/0"])("rejects --shard %s", (raw) => {
    expect(() => parseShard(raw)).toThrow("expected K/N with 1 ≤ K ≤ N");
  });

  it("puts every patient in exactly one shard", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `P${i}`);
    for (const id of ids) expect([1, 2, 3, 4].filter((k) => inShard(id, { k, n: 4 }))).toHaveLength(1);
    const sizes = [1, 2, 3, 4].map((k) => ids.filter((id) => inShard(id, { k, n: 4 })).length);
    for (const s of sizes) expect(s).toBeGreaterThan(80);
  });
});
