import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileCodebook } from "../../../src/stages/code/codebook/compile.js";
import type { Codebook } from "../../../src/stages/code/codebook/types.js";
import { ROOT } from "../../helpers/cli.js";

export const PRESET_CODEBOOK = join(ROOT, "src", "presets", "south-london-2015", "codebook.json");

/** The preset's codebook, compiled. */
export function presetCodebook(): Codebook {
  return compileCodebook(JSON.parse(readFileSync(PRESET_CODEBOOK, "utf8")), "codebook.json");
}

/** A small valid codebook file, to change one field at a time in tests. */
export function tinyCodebook(): Record<string, unknown> {
  return {
    name: "tiny",
    question: "What gets in the way?",
    themes: [
      {
        id: "housing",
        label: "Housing",
        description: "Where people live.",
        codes: [
          { id: "housing.hostel", label: "Hostels", description: "Living in a hostel.", patterns: ["hostel*", "stem:evicted"], unless: ["/hostel staff/"] },
          { id: "housing.moves", label: "Moves", description: "Moving home.", patterns: ["moved out of area"] },
        ],
      },
      {
        id: "age",
        label: "Age",
        description: "Age in doubt.",
        groups: ["child"],
        codes: [{ id: "age.assessment", label: "Age assessment", description: "Assessed age.", patterns: ["age assessment*"] }],
      },
    ],
  };
}
