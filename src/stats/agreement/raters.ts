import type { Ratings } from "./table.js";

/** One rater's ratings as read from their file: item id → rating, `null` for an empty cell. */
export interface RaterInput {
  name: string;
  ratings: ReadonlyMap<string, string | null>;
}

/**
 * Line the raters' files up by item id. Items come in order of first appearance (the first file's
 * order, then ids only later files have); an id missing from a file is a missing rating there.
 */
export function mergeRaters(raters: readonly RaterInput[]): Ratings {
  const items: string[] = [];
  const seen = new Set<string>();
  for (const r of raters) {
    for (const id of r.ratings.keys()) {
      if (!seen.has(id)) {
        seen.add(id);
        items.push(id);
      }
    }
  }
  return {
    raters: raters.map((r) => r.name),
    items,
    values: items.map((id) => raters.map((r) => r.ratings.get(id) ?? null)),
  };
}

/**
 * Groups of categories that differ only in letter case (`Include`, `include`). Ratings keep their case,
 * so these count as different categories; the command warns about them.
 */
export function caseClashes(categories: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const c of categories) {
    const key = c.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
