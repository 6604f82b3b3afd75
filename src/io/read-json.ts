import { readTextFile } from "./open-text.js";
import { UserError } from "../core/errors.js";

/**
 * Read a JSON file a person may have edited (config, rules, categories, codebook). Errors are one line
 * naming the file and what is wrong; a byte-order mark is allowed.
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (err) {
    throw new UserError(`${path}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); check commas and quotes`);
  }
}
