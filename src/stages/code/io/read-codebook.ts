import { readTextFile } from "../../../io/open-text.js";
import { basename, extname } from "node:path";
import { UserError } from "../../../core/errors.js";
import { readJsonFile } from "../../../io/read-json.js";
import { compileCodebook } from "../codebook/compile.js";
import type { Codebook } from "../codebook/types.js";
import { qdcToCodebook } from "../refi-qda/qdc-import.js";

/**
 * Read a codebook: notes-analyse JSON, or a REFI-QDA `.qdc` exported by NVivo, ATLAS.ti, MAXQDA or
 * QualCoder (codes without patterns: passages are then pulled by the retrieval terms only and coded by hand).
 */
export function readCodebook(path: string): Codebook {
  if (extname(path).toLowerCase() !== ".qdc") return compileCodebook(readJsonFile(path, "codebook"), path);
  let text: string;
  try {
    text = readTextFile(path);
  } catch (err) {
    throw new UserError(`${path}: cannot read the codebook (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  return compileCodebook(qdcToCodebook(text, path, basename(path, extname(path))), path);
}
