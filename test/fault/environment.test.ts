import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";
import { inputErrorProblems, streamProblems } from "./harness/checks.js";
import { runCli, seeds, type FsFault } from "./harness/run.js";
import { makeStudy, type Study } from "./harness/study.js";

/**
 * Issue 14, problems 6, 11 and 13: every environment or input problem ends in exit 2 with one line of at
 * most 300 characters that names the path, never a stack trace, never note text; exit 70 is for bugs.
 */

/** Every file under a folder with its bytes, to show a failed run changed nothing. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!p.endsWith("lock")) out.set(p.slice(dir.length), readFileSync(p).toString("base64"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A zip whose directory says one entry unpacks to `claimed` bytes (what a zip bomb looks like). */
function zipClaiming(name: string, claimed: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(1024));
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localAll = Buffer.concat([local, nameBytes, data]);
  const centralAll = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralAll.length, 12);
  end.writeUInt32LE(localAll.length, 16);
  return Buffer.concat([localAll, centralAll, end]);
}

describe.each(seeds(1, 31))("environment and input problems, seed %i", (seed) => {
  let study: Study;
  beforeAll(() => {
    study = makeStudy({ seed, patients: 10 });
    expect(runCli(["search", ...study.args], study.dir).code).toBe(0);
    expect(runCli(["screen", ...study.args], study.dir).code).toBe(0);
  });
  const withOut = (args: string[], out: string) => args.map((a) => (a === study.out ? out : a));

  /** Generated cases: what to break, the command to run, what the error must name. */
  const cases: { name: string; setup: () => { args: string[]; names: string | RegExp; fault?: FsFault } }[] = [
    { name: "--out is a file", setup: () => (writeFileSync(join(study.dir, "out-file"), "x"), { args: ["search", ...withOut(study.args, join(study.dir, "out-file"))], names: join(study.dir, "out-file") }) },
    {
      name: "--out is a dangling symlink",
      setup: () => {
        const link = join(study.dir, `dangling-${seed}`);
        if (!existsSync(link)) symlinkSync(join(study.dir, "no", "such", "place"), link);
        return { args: ["search", ...withOut(study.args, link)], names: link };
      },
    },
    { name: "--out inside a file", setup: () => (writeFileSync(join(study.dir, "plain"), "x"), { args: ["search", ...withOut(study.args, join(study.dir, "plain", "out"))], names: join(study.dir, "plain", "out") }) },
    { name: "a read-only output folder", setup: () => ({ args: ["screen", ...study.args], names: study.out, fault: { code: "EROFS", op: "open", after: 1 } }) },
    { name: "permission denied on the output folder", setup: () => ({ args: ["search", ...withOut(study.args, join(study.dir, "new-out"))], names: join(study.dir, "new-out"), fault: { code: "EACCES", op: "mkdir", after: 1 } }) },
    ...[1, 2, 3].map((k) => ({
      name: `disk full at write ${k + createRandom(seed).int(4)}`,
      setup: () => ({ args: ["screen", ...study.args], names: study.out, fault: { code: "ENOSPC", op: "write" as const, after: k + createRandom(seed).int(4) } }),
    })),
    { name: "an I/O error on rename", setup: () => ({ args: ["screen", ...study.args], names: study.out, fault: { code: "EIO", op: "rename", after: 1 } }) },
    { name: "a folder as the patients file", setup: () => (mkdirSync(join(study.dir, "pfolder.csv"), { recursive: true }), { args: ["search", ...study.args.map((a) => (a === study.patientsFile ? join(study.dir, "pfolder.csv") : a))], names: join(study.dir, "pfolder.csv") }) },
    { name: "a folder as the term file", setup: () => (mkdirSync(join(study.dir, "tfolder"), { recursive: true }), { args: ["search", ...study.args.map((a) => (a === study.terms ? join(study.dir, "tfolder") : a))], names: join(study.dir, "tfolder") }) },
    {
      name: "a deeply nested JSON config",
      setup: () => {
        const depth = 20_000 + createRandom(seed).int(80_000);
        writeFileSync(join(study.dir, "deep.json"), `{"notes":${"[".repeat(depth)}${"]".repeat(depth)}}`);
        return { args: ["search", "--config", join(study.dir, "deep.json")], names: join(study.dir, "deep.json") };
      },
    },
    {
      name: "deeply nested context rules",
      setup: () => {
        const depth = 20_000 + createRandom(seed + 1).int(80_000);
        writeFileSync(join(study.dir, "rules.json"), `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
        return { args: ["screen", ...study.args, "--context-rules", join(study.dir, "rules.json")], names: join(study.dir, "rules.json") };
      },
    },
    ...["&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#xFFFE;"].map((ref) => ({
      name: `a .qdc with the character reference ${ref}`,
      setup: () => {
        const file = join(study.dir, `bad-${ref.replace(/\W/g, "")}.qdc`);
        writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x">\n<Codes><Code guid="0f7c2a1e-0000-4000-8000-000000000001" name="A ${ref} code" isCodable="true"/></Codes>\n</CodeBook>\n`);
        return { args: ["code", ...study.args, "--codebook", file, "--eligible", study.patientsFile], names: file };
      },
    })),
    ...(["junk bytes", "a zip bomb"] as const).map((what) => ({
      name: `${what} as the screening workbook`,
      setup: () => {
        // in a copy of the output folder, so the other cases keep a good workbook
        const out = join(study.dir, `out-${what.replace(/\W/g, "")}`);
        cpSync(study.out, out, { recursive: true });
        writeFileSync(join(out, "02-screening", "screening.xlsx"), what === "junk bytes" ? createRandomBytes(seed, 5000) : zipClaiming("xl/workbook.xml", 0x7fffffff));
        return { args: ["screen", ...withOut(study.args, out)], names: join(out, "02-screening", "screening.xlsx") };
      },
    })),
    {
      name: "a 1-million-row workbook given to agreement",
      setup: () => {
        const file = join(study.dir, "huge.xlsx");
        writeFileSync(file, Buffer.concat([zipClaiming("xl/workbook.xml", 400 * 1024 * 1024)]));
        return { args: ["agreement", file, file], names: file };
      },
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s: exit 2, one line naming the path", (_name, c) => {
    const before = snapshot(study.out);
    const { args, names, fault } = c.setup();
    const r = runCli(args, study.dir, fault);
    expect(inputErrorProblems(r, names), r.stderr).toEqual([]);
    expect(streamProblems(r, study.markers)).toEqual([]);
    // whatever failed, what was there before is there as it was, and no temp file is left
    if (args.includes(study.out)) {
      const after = snapshot(study.out);
      for (const [p, b] of before) expect(after.get(p), p).toBe(b);
      expect([...after.keys()].filter((p) => /\.tmp-/.test(p))).toEqual([]);
    }
  });
});

function createRandomBytes(seed: number, n: number): Buffer {
  const r = createRandom(`junk-${seed}`);
  return Buffer.from(Array.from({ length: n }, () => r.int(256)));
}
