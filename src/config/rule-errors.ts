import type { z } from "zod";

/** `near.notAcross[2]`: a key path as the file is read. */
function keyPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

/**
 * Where in a rule file a problem is: `source › rules[3] "os.from" › near.within`, naming an entry of one
 * of the file's `lists` by its id when it has one.
 */
export function ruleWhere(source: string, raw: unknown, path: readonly PropertyKey[], lists: ReadonlySet<string>): string {
  const [list, index, ...rest] = path;
  if (typeof list === "string" && lists.has(list) && typeof index === "number") {
    const entry = (raw as Record<string, unknown[]> | undefined)?.[list]?.[index] as { id?: unknown } | undefined;
    const name = typeof entry?.id === "string" ? ` "${entry.id}"` : "";
    return `${source} › ${list}[${index}]${name}${rest.length > 0 ? ` › ${keyPath(rest)}` : ""}`;
  }
  return `${source} › ${keyPath(path) || "(top level)"}`;
}

/** A rule file's schema problems, one line each, named as `ruleWhere` names them; values are never echoed. */
export function ruleIssues(source: string, raw: unknown, issues: readonly z.core.$ZodIssue[], lists: ReadonlySet<string>): string {
  return issues
    .map((issue) =>
      issue.code === "unrecognized_keys"
        ? `${ruleWhere(source, raw, issue.path, lists)}: unknown key ${issue.keys.join(", ")} (remove it or check its spelling)`
        : `${ruleWhere(source, raw, issue.path, lists)}: ${issue.message}`,
    )
    .join("\n");
}
