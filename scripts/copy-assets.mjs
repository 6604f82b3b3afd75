// Copies the data files of src/ (presets: term lists, rules, codebooks) next to the compiled code,
// so dist/ is self-contained and presets resolve the same way from src/ and dist/.
import { cpSync, readdirSync, statSync } from "node:fs";
import { join, extname } from "node:path";

const DATA = new Set([".txt", ".json", ".md", ".css"]);
function copy(from, to) {
  for (const name of readdirSync(from)) {
    const a = join(from, name);
    const b = join(to, name);
    if (statSync(a).isDirectory()) copy(a, b);
    else if (DATA.has(extname(name))) cpSync(a, b);
  }
}
copy("src", "dist");
