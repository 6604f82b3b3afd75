import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { UserError } from "../../../core/errors.js";
import { compileCodebook } from "../codebook/compile.js";
import type { Codebook } from "../codebook/types.js";
import { qdcToCodebook } from "../refi-qda/qdc-import.js";

/**
 * Read a codebook: notes-analyse JSON, or a REFI-QDA `.qdc` exported by NVivo, ATLAS.ti, MAXQDA or
 * QualCoder (codes without patterns: passages are then pulled by the retrieval terms only and coded by hand).
 */
export function readCodebook(path: string): Codebook {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UserError(`${path}: cannot read the codebook (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  if (extname(path).toLowerCase() === ".qdc") return compileCodebook(qdcToCodebook(text, path, basename(path, extname(path))), path);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); check commas and quotes, or give a REFI-QDA .qdc file`);
  }
  return compileCodebook(data, path);
}
