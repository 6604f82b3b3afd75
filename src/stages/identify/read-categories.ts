import { readFileSync } from "node:fs";
import { UserError } from "../../core/errors.js";
import { compileCategories } from "./compile.js";
import type { CompiledCategories } from "./types.js";

/** Read a categories JSON file and compile it (the thin I/O wrapper around `compileCategories`). */
export function readCategories(path: string): CompiledCategories {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UserError(`${path}: cannot read the categories file (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); check commas and quotes`);
  }
  return compileCategories(data, path);
}
