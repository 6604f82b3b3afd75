import { beforeAll, describe, expect, it } from "vitest";
import type { CommandSpec } from "../../src/cli/command.js";
import { buildProgram } from "../../src/cli/main.js";
import { EXIT, EXIT_MEANING } from "../../src/core/errors.js";
import { COMMAND_LOADERS } from "../../src/cli/commands/index.js";
import { optionKey, STUDY_OPTIONS } from "../../src/cli/options.js";

let COMMANDS: CommandSpec[] = [];
beforeAll(async () => {
  COMMANDS = await Promise.all(COMMAND_LOADERS.map(([, load]) => load()));
});

function help(name: string): string {
  const program = buildProgram(["node", "notes-analyse"], { code: 0 }, COMMANDS);
  return program.commands.find((c) => c.name() === name)!.helpInformation();
}

describe("each command's --help lists only its own options", () => {
  it("names only real study options in each command's list", () => {
    const keys = STUDY_OPTIONS.map(optionKey);
    for (const c of COMMANDS) for (const k of c.uses ?? []) expect(keys, `${c.name}: ${k}`).toContain(k);
  });

  it.each([
    ["report", ["--out", "--patients", "--child-age-cutoff", "--json"], ["--terms", "--codebook", "--first", "--kwic-width", "--force"]],
    ["search", ["--notes", "--terms", "--kwic-width", "--shard"], ["--codebook", "--categories", "--first", "--seed", "--force"]],
    ["consensus", ["--out", "--force"], ["--notes", "--terms", "--codebook"]],
    ["agreement", ["--weights", "--order", "--min-kappa", "--json"], ["--config", "--force", "--notes"]],
    ["verify", ["--json"], ["--config", "--notes", "--force"]],
    ["run", ["--notes", "--codebook", "--seed", "--accept-suggestions", "--dry-run"], []],
  ])("%s", (name, shown, hidden) => {
    const text = help(name);
    for (const f of shown) expect(text, f).toMatch(new RegExp(`${f}\\b`));
    for (const f of hidden) expect(text, f).not.toMatch(new RegExp(`${f}\\b`));
  });

  it("still accepts an option it does not use (SPEC §4: a stage accepts and ignores it)", async () => {
    const result = { code: 0 };
    const program = buildProgram(["node", "notes-analyse", "verify", "/nonexistent", "--terms", "x.txt"], result, COMMANDS);
    program.exitOverride();
    await program.parseAsync(["node", "notes-analyse", "verify", "/nonexistent-study-folder", "--terms", "x.txt", "--quiet"]);
    expect(result.code).toBe(2); // no manifest there, not "unknown option"
  });
});

describe("notes-analyse --help", () => {
  it("lists every exit code of the EXIT table with its meaning", () => {
    let text = "";
    const program = buildProgram(["node", "notes-analyse"], { code: 0 }, COMMANDS);
    program.configureOutput({ writeOut: (s) => void (text += s), writeErr: (s) => void (text += s) });
    program.outputHelp();
    const exits = text.slice(text.indexOf("Exit codes:")).replace(/\s+/g, " ");
    for (const [key, code] of Object.entries(EXIT)) expect(exits, key).toContain(`${code} ${EXIT_MEANING[key as keyof typeof EXIT]}`);
    expect(exits).toContain("70 a bug in notes-analyse");
  });
});
