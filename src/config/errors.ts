import type { z } from "zod";

/**
 * Turn zod issues into one line each: `source › key.path: problem (fix)`. The offending value is never
 * echoed (config values can be paths to patient data; flags can be pasted note text).
 */
export function formatIssues(source: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      const where = path ? `${path}.` : "";
      const keys = issue.keys.map((k) => `${where}${k}`).join(", ");
      return `${source} › ${keys}: unknown key (remove it or check its spelling; see notes-analyse --help)`;
    }
    return `${source} › ${path || "(top level)"}: ${issue.message}`;
  });
}
