import { readFileSync } from "node:fs";
import { UserError } from "../../../core/errors.js";
import { compileRules } from "./compile.js";
import type { CompiledRules } from "./types.js";

/** Read a context-rules JSON file and compile it (the thin I/O wrapper around `compileRules`). */
export function readContextRules(path: string): CompiledRules {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UserError(`${path}: cannot read the context rules (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); check commas and quotes`);
  }
  return compileRules(data, path);
}
