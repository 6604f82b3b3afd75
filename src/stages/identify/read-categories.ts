import { readJsonFile } from "../../io/read-json.js";
import { compileCategories } from "./compile.js";
import type { CompiledCategories } from "./types.js";

/** Read a categories JSON file and compile it (the thin I/O wrapper around `compileCategories`). */
export function readCategories(path: string): CompiledCategories {
  return compileCategories(readJsonFile(path, "categories file"), path);
}
