import { describe, expect, it } from "vitest";
import { planRun, type StageFacts } from "../../src/pipeline/plan.js";
import { STAGES } from "../../src/pipeline/stages.js";
import { tempDir } from "../helpers/cli.js";

const stage = (name: string) => STAGES.find((s) => s.name === name)!;

describe("the plan of run --dry-run", () => {
  it("runs a stage whose input an earlier stage of this run rewrites, even when its own inputs are unchanged", async () => {
    const facts: StageFacts[] = [
      { stage: stage("search"), fresh: false, missing: [] },
      { stage: stage("screen"), fresh: true, missing: [] },
    ];
    expect(await planRun(facts, tempDir(), false)).toEqual([
      { stage: "search", action: "run", why: "inputs changed, or it has not run yet" },
      { stage: "screen", action: "run", why: "search rewrites what it reads" },
    ]);
  });

  it("skips what is unchanged, blocks a stage whose input nothing writes, and reaches nothing after it", async () => {
    const facts: StageFacts[] = [
      { stage: stage("search"), fresh: true, missing: [] },
      { stage: stage("identify"), fresh: false, missing: ["02-screening/eligible.csv"] },
      { stage: stage("code"), fresh: false, missing: [] },
    ];
    expect((await planRun(facts, tempDir(), false)).map((p) => p.action)).toEqual(["skip", "blocked", "not reached"]);
  });

  it("foresees the stop at an unconfirmed workbook only when a later stage would run", async () => {
    const out = tempDir();
    const facts: StageFacts[] = [
      { stage: stage("identify"), fresh: false, missing: [] },
      { stage: stage("code"), fresh: false, missing: [] },
    ];
    const plan = await planRun(facts, out, false);
    expect(plan[0].why).toMatch(/then stops for 03-identification\/identification\.xlsx to be confirmed .*\(exit 3\)/);
    expect(plan[1].action).toBe("not reached");
    expect((await planRun(facts, out, true)).map((p) => p.action)).toEqual(["run", "run"]);
    expect((await planRun(facts.slice(0, 1), out, false))[0].why).not.toMatch(/stops/);
  });
});
