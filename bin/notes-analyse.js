#!/usr/bin/env node
// With --debug, a trace names the lines of the TypeScript sources (dist/cli/bundle.js.map): maps are
// turned on before the bundle is loaded, which is when Node reads them.
if (process.argv.includes("--debug")) process.setSourceMapsEnabled(true);
const { main } = await import("../dist/cli/bundle.js");

process.exitCode = await main(process.argv);
