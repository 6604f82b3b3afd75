import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HashCache, stageFingerprint } from "../../src/pipeline/fingerprint.js";
import { STAGES } from "../../src/pipeline/stages.js";
import { loadConfig } from "../../src/config/load.js";
import { tempDir } from "../helpers/cli.js";

describe("run with \"rank\": true", () => {
  const screen = STAGES.find((s) => s.name === "screen")!;
  it("makes the screening step read the raters' decisions, so a filled workbook re-ranks on the next run", async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(join(out, "01-search"), { recursive: true });
    mkdirSync(join(out, "02-screening"), { recursive: true });
    writeFileSync(join(out, "01-search", "patients.csv"), "patient_id,group\n");
    writeFileSync(join(out, "02-screening", "screening.xlsx"), "one");
    const fp = async (rank: boolean) => stageFingerprint(screen, { ...loadConfig(dir, { out, rank }), out }, out, [], "test", new HashCache());
    const [ranked, plain] = [await fp(true), await fp(false)];
    writeFileSync(join(out, "02-screening", "screening.xlsx"), "two");
    expect(await fp(true)).not.toBe(ranked);
    expect(await fp(false)).toBe(plain);
  });
});
