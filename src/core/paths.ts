import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Where the tool's own files are, in one place. Everything is found from the folder of the compiled
 * code (`dist/`, or `src/` when the sources run directly), which is this module's parent. The bundled
 * command line (`dist/cli/bundle.js`, see scripts/bundle.mjs) is one folder below `dist/` too, so the
 * same relative path holds there: no other module may locate files from its own `import.meta.url`.
 */
export const CODE_DIR = fileURLToPath(new URL("../", import.meta.url));

/** The package's root: package.json, fixtures/. */
export const TOOL_ROOT = join(CODE_DIR, "..");

/** A module of the compiled code by its path below `dist/` (`.js`; in the sources, its `.ts` beside). */
export const codeModule = (path: string): URL => pathToFileURL(join(CODE_DIR, path));
