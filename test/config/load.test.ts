import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, validateConfig } from "../../src/config/load.js";
import { configSchema } from "../../src/config/schema.js";
import { flagsToConfig, parseColumns, STUDY_OPTIONS } from "../../src/cli/options.js";
import { tempDir } from "../helpers/cli.js";

describe("config", () => {
  it("applies defaults < config file < flags", () => {
    const { config } = validateConfig({ seed: 7, sampling: { first: 5 } }, "c.json", { seed: 9 });
    expect(config).toMatchObject({ seed: 9, sampling: { first: 5, fraction: 0.1 }, encoding: "auto", out: "notes-analyse-out", childAgeCutoff: 18 });
  });

  it.each([
    [{ sampels: 1 }, "c.json › sampels: unknown key"],
    [{ sampling: { fraction: 10 } }, "c.json › sampling.fraction: expected 0–1 (use 0.1 for 10%)"],
    [{ encoding: "latin1" }, "c.json › encoding: expected one of auto, utf-8, windows-1252"],
    [{ seed: 1.5 }, "c.json › seed: expected a whole number"],
    [{ columns: { patient: "BrcId" } }, "c.json › columns.patient: unknown key"],
    [{ notes: [] }, "c.json › notes: expected at least one file or glob pattern"],
  ])("rejects %j with one line naming the key", (data, message) => {
    const { errors } = validateConfig(data as Record<string, unknown>, "c.json", {});
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it("resolves paths in the config file against its folder, and flag paths against the working folder", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "study"));
    writeFileSync(join(dir, "study", "c.json"), JSON.stringify({ notes: ["export/*.csv"], patients: "p.csv" }));
    const c = loadConfig(dir, { out: "outdir" }, "study/c.json");
    expect(c.notes).toEqual([join(dir, "study", "export/*.csv")]);
    expect(c.patients).toBe(join(dir, "study", "p.csv"));
    expect(c.out).toBe(join(dir, "outdir"));
  });

  it("rejects a config file that is not JSON, naming the file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes-analyse.config.json"), "{ notes: }");
    expect(() => loadConfig(dir, {})).toThrow("notes-analyse.config.json: not valid JSON");
  });

  it("every flag of the option table sets a key the schema knows", () => {
    const shape = configSchema.shape as Record<string, unknown>;
    for (const opt of STUDY_OPTIONS) expect(Object.keys(shape)).toContain(opt.key[0]);
  });

  it("turns flags into the config shape", () => {
    expect(flagsToConfig({ seed: "12", columns: "patient_id=BrcId,text=Attachment_Text", notes: ["a.csv"] })).toEqual({
      seed: 12,
      columns: { patient_id: "BrcId", text: "Attachment_Text" },
      notes: ["a.csv"],
    });
  });

  it.each([
    ["patient_id", "expected name=COLUMN pairs"],
    ["patient=BrcId", 'unknown column role "patient"'],
  ])("rejects --columns %j", (raw, message) => {
    expect(() => parseColumns(raw)).toThrow(message);
  });
});
