import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * Vitest global setup: build `dist/` from the current sources before any test runs, so the end-to-end
 * tests never exercise an old build after `src/` was edited.
 */
export default function setup(): void {
  const root = resolve(import.meta.dirname, "..", "..");
  const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build failed before the tests:\n${r.stdout}${r.stderr}`);
}
