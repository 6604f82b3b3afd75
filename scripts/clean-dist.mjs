// Empties dist/ before a build, so a module removed or moved in src/ leaves no stale copy behind.
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
