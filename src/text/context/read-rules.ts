import { readJsonFile } from "../../io/read-json.js";
import { compileRules } from "./compile.js";
import type { CompiledRules } from "./types.js";

/** Read a context-rules JSON file and compile it (the thin I/O wrapper around `compileRules`). */
export function readContextRules(path: string): CompiledRules {
  return compileRules(readJsonFile(path, "context rules"), path);
}
