import type { CompiledCategories } from "./types.js";

/** One patient's route as counted: the rater's final decision where given, else the suggestion. */
export interface CountedRoute {
  group: string;
  route: string;
  /** The informing service ('' when the route has none or none was given). */
  service: string;
  /** A rater set the final route. */
  confirmed: boolean;
}

export const SUMMARY_COLUMNS = ["group", "category", "service", "n", "denominator", "percent", "formatted", "n_confirmed"] as const;

export interface SummaryRow {
  group: string;
  /** A category id, or a reporting group id (e.g. `during_contact`) for the group's total. */
  category: string;
  /** A service id for the service category's breakdown ('unspecified' when a rater gave none), else ''. */
  service: string;
  n: number;
  denominator: number;
  /** The exact share to one decimal ("43.2"), '' for an empty group. */
  percent: string;
  /** As the paper writes it: "43% (41/95)". */
  formatted: string;
  /** Of `n`, how many rest on a rater's final decision. */
  n_confirmed: number;
}

/** Round n/d·scale half up with integers only (no floating-point surprises at .5). */
function roundShare(n: number, d: number, scale: number): number {
  return Math.floor((2 * n * scale + d) / (2 * d));
}

/**
 * A share in the paper's style: a whole percent ("43% (41/95)"), or one decimal below 10% where a whole
 * number would hide too much ("7.4% (7/95)"); both rounded half up. `0% (0/95)` for none, `– (0/0)`
 * for an empty group.
 */
export function formatShare(n: number, d: number): { percent: string; formatted: string } {
  if (d === 0) return { percent: "", formatted: `– (${n}/${d})` };
  const tenths = roundShare(n, d, 1000);
  const percent = `${Math.floor(tenths / 10)}.${tenths % 10}`;
  if (n === 0) return { percent, formatted: `0% (0/${d})` };
  const shown = tenths < 100 ? `${percent}%` : `${roundShare(n, d, 100)}%`;
  return { percent, formatted: `${shown} (${n}/${d})` };
}

const GROUP_ORDER = ["adult", "child", "unknown"];

/**
 * Counts per group (adult, child, unknown when any, then total) of each category, each reporting group
 * (its total before its first member) and each service of the service category. Pure; row order is
 * fixed by the categories file, so the same routes always give the same table.
 */
export function summariseRoutes(routes: readonly CountedRoute[], scheme: CompiledCategories): SummaryRow[] {
  const groups = GROUP_ORDER.filter((g) => g !== "unknown" || routes.some((r) => r.group === g));
  const out: SummaryRow[] = [];
  const row = (group: string, category: string, service: string, members: readonly CountedRoute[], d: number): void => {
    out.push({ group, category, service, n: members.length, denominator: d, ...formatShare(members.length, d), n_confirmed: members.filter((m) => m.confirmed).length });
  };
  for (const group of [...groups, "total"]) {
    const inGroup = group === "total" ? routes : routes.filter((r) => r.group === group);
    const d = inGroup.length;
    const seenGroups = new Set<string>();
    for (const c of scheme.categories) {
      if (c.group && !seenGroups.has(c.group)) {
        seenGroups.add(c.group);
        const members = new Set(scheme.categories.filter((x) => x.group === c.group).map((x) => x.id));
        row(group, c.group, "", inGroup.filter((r) => members.has(r.route)), d);
      }
      const inCategory = inGroup.filter((r) => r.route === c.id);
      row(group, c.id, "", inCategory, d);
      if (c.id !== scheme.serviceCategory) continue;
      for (const s of scheme.services) row(group, c.id, s.id, inCategory.filter((r) => r.service === s.id), d);
      const known = new Set(scheme.services.map((s) => s.id));
      const unspecified = inCategory.filter((r) => !known.has(r.service));
      if (unspecified.length > 0) row(group, c.id, "unspecified", unspecified, d);
    }
  }
  return out;
}
