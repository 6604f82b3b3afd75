import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TOOL_ROOT } from "./paths.js";

/** The package version, from package.json (one source of truth for --version and the manifest). */
export const VERSION: string = (JSON.parse(readFileSync(join(TOOL_ROOT, "package.json"), "utf8")) as { version: string }).version;
