import { readJsonFile } from "../../io/read-json.js";
import { compileDocuments, type CompiledDocuments } from "./compile.js";

/** Read a documents rules file and compile it (the thin I/O wrapper around `compileDocuments`). */
export function readDocumentRules(path: string): CompiledDocuments {
  return compileDocuments(readJsonFile(path, "documents rules"), path);
}
