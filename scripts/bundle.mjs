// Bundles the compiled command line (dist/cli/main.js and everything it imports, the npm packages
// included) into one module, dist/cli/bundle.js, which bin/notes-analyse.js runs. Node loads one file
// instead of about 180 (the settings schema's library alone is 95), which takes about a tenth of a
// second off every command's start (`npm run bench`). Left out and loaded from node_modules when used:
// the workbook library (loaded on first use, by file), the PostgreSQL client (only for --source omop).
// The bundle sits one folder below dist/, as dist/core/paths.js does, so the tool finds its own files
// the same way from both (see src/core/paths.ts). Worker threads run their own compiled modules.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli/main.js"],
  outfile: "dist/cli/bundle.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["pg", "pg-cursor"],
  // Bundled CommonJS packages call require(), which an ES module lacks: give them one.
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);' },
  legalComments: "linked",
  // With --debug a trace names the lines of the TypeScript sources (bin/notes-analyse.js turns maps on).
  sourcemap: "linked",
  logLevel: "warning",
});
