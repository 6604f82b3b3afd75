import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { artefactPath, readOwnJson } from "../../io/artefacts.js";
import type { CommandContext, CommandResult, CommandSpec } from "../command.js";
import { EXIT, UserError } from "../../core/errors.js";
import { verifyManifest, type Manifest } from "../../pipeline/manifest.js";

async function run(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const out = resolve(ctx.cwd, args[0]);
  const path = artefactPath(out, "manifest");
  if (!existsSync(path)) throw new UserError(`${path}: no manifest (run notes-analyse run, which writes it, into ${out})`);
  const manifest = (readOwnJson(path, "the manifest was edited or truncated") ?? {}) as Manifest;
  if (!Array.isArray(manifest.inputs) || !Array.isArray(manifest.outputs)) throw new UserError(`${path}: not a notes-analyse manifest (no inputs/outputs lists)`);
  const r = await verifyManifest(manifest, out);
  for (const m of r.missing) ctx.log.error(`missing: ${m}`);
  for (const c of r.changed) ctx.log.error(`changed since the manifest was written: ${c}`);
  for (const x of r.extra) ctx.log.error(`not in the manifest (added after it was written): ${x}`);
  const ok = r.missing.length === 0 && r.changed.length === 0 && r.extra.length === 0;
  ctx.log.info(
    ok ? `verify: all ${r.checked} files match ${path}` : `verify: ${r.changed.length} changed, ${r.missing.length} missing of ${r.checked} files; ${r.extra.length} extra file${r.extra.length === 1 ? "" : "s"}`,
  );
  return { exitCode: ok ? EXIT.ok : EXIT.threshold, summary: { ok, checked: r.checked, changed: r.changed, missing: r.missing, extra: r.extra } };
}

export const verifyCommand: CommandSpec = {
  name: "verify",
  args: "<dir>",
  summary: "re-hash inputs and outputs against the manifest (exit 1 when anything changed)",
  studyOptions: true,
  uses: [],
  ignores: ["--config", "--force"],
  run,
};
