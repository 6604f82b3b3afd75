import type { Term } from "../../../text/terms/terms.js";

export type CodeGroup = "adult" | "child";

/** A pattern of a code, compiled: term-language terms or a sequence of Porter stems. */
export interface CodePattern {
  /** The pattern as written in the codebook: the rule id shown to coders (`instability.accommodation: hostel*`). */
  text: string;
  code: string;
  /** Which field and position: `patterns[3]`, `unless[0]`. */
  ref: string;
  kind: "terms" | "stem";
  /** For `terms`: the parsed term, its group set to the code id. */
  term?: Term;
  /** For `stem`: the stems to match, in order. */
  stems?: string[];
}

export interface CodeDef {
  id: string;
  theme: string;
  label: string;
  description: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  groups: CodeGroup[];
  patterns: CodePattern[];
  unless: CodePattern[];
}

export interface ThemeDef {
  id: string;
  label: string;
  description: string;
  groups: CodeGroup[];
  color?: string;
  codes: CodeDef[];
}

/** A validated, compiled codebook. */
export interface Codebook {
  name: string;
  question: string;
  description?: string;
  source?: string;
  /** Where it came from, for messages. */
  file: string;
  themes: ThemeDef[];
  /** Every code, in codebook order. */
  codes: CodeDef[];
  /** Theme and code ids → their definitions. */
  themeById: Map<string, ThemeDef>;
  codeById: Map<string, CodeDef>;
}

/** The value a coder enters when an extract holds none of the codes (an empty cell means "not coded yet"). */
export const NO_CODE = "none";
