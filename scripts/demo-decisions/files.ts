import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/io/atomic-write.js";

/**
 * Write generated files into `dir`, or with `check` only compare them with what is there. Returns the
 * names of the files that differ (in check mode) or were written.
 */
export function writeOrCheck(dir: string, files: Readonly<Record<string, string>>, check: boolean): string[] {
  const differ = Object.entries(files).filter(([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), "utf8") !== text).map(([name]) => name);
  if (!check) for (const [name, text] of Object.entries(files)) writeFileAtomic(join(dir, name), text);
  return check ? differ : Object.keys(files);
}
