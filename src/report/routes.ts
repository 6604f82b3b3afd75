import { humanise, percentOf } from "./format.js";
import type { CsvTable } from "./report-inputs.js";

/** What the report needs of the categories file: the labels of its ids and each category's reporting group. */
export interface RouteScheme {
  /** Category, reporting-group and service ids → their labels. */
  labels: Readonly<Record<string, string>>;
  /** Category id → the reporting group it belongs to. */
  groupOf: Readonly<Record<string, string>>;
}

/** The scheme of a categories file (as compiled by identify, or any object of the same shape). */
export function routeSchemeOf(c: {
  categories: readonly { id: string; label: string; group?: string }[];
  groups: readonly { id: string; label: string }[];
  services: readonly { id: string; label: string }[];
}): RouteScheme {
  const labels: Record<string, string> = {};
  for (const x of [...c.services, ...c.groups, ...c.categories]) labels[x.id] = x.label;
  const groupOf: Record<string, string> = {};
  for (const x of c.categories) if (x.group) groupOf[x.id] = x.group;
  return { labels, groupOf };
}

/** The label of a route id: the categories file's, "Service not given" for a service left out, else the id made readable. */
export function routeLabel(id: string, scheme?: RouteScheme): string {
  return scheme?.labels[id] ?? (id === "unspecified" ? "Service not given" : humanise(id));
}

/**
 * A confusion matrix's category as the study names it: a route or service label, "route: service" for a
 * route-and-service pair ("told_by_agency:charity"), else the id as recorded (include, exclude).
 */
export function matrixLabel(scheme?: RouteScheme): (id: string) => string {
  return (id) => {
    if (!scheme) return id;
    const own = scheme.labels[id];
    if (own !== undefined) return own;
    const at = id.indexOf(":");
    const route = at > 0 ? scheme.labels[id.slice(0, at)] : undefined;
    return route !== undefined ? `${route}: ${routeLabel(id.slice(at + 1), scheme)}` : id;
  };
}

const GROUP_LABELS: Readonly<Record<string, string>> = { adult: "Adults", child: "Children", total: "Total", unknown: "Age unknown" };

export interface RouteCell {
  text: string;
  /** How many of them a rater confirmed, when the summary says and it is not all of them. */
  confirmed?: string;
}

export interface RouteRow {
  /** The category or reporting group id, and the service id for a service's row ('' otherwise). */
  category: string;
  service: string;
  label: string;
  /** 0 for a top-level row; 1 under a reporting group or a category; 2 a service of a group's member. */
  level: number;
  sub: boolean;
  cells: Record<string, RouteCell>;
  /** The counts behind the cells, by group (for the workbook). */
  counts: Record<string, { n: number | null; confirmed: number | null }>;
}

export interface RoutesView {
  columns: { group: string; label: string }[];
  rows: RouteRow[];
}

const count = (v: string | undefined): number | null => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : null);

/**
 * The identification routes by group in the study's style (`43% (41/95)`), from 03-identification/
 * summary.csv: one row per category in the file's order (a reporting group's total before its members),
 * each service under its category, members and services indented so that only the top-level rows add up
 * to a column's total. Labels and groups come from the categories file (`scheme`); without it, ids are
 * made readable and a category named after a group (`during_contact_recent`) sits under it. Uses the
 * file's `formatted` cell when there is one. Null when the file lacks `group` or `category`, so the
 * report shows the file as it is instead. Pure.
 */
export function routesView(table: CsvTable, scheme?: RouteScheme): RoutesView | null {
  if (!table.columns.includes("group") || !table.columns.includes("category")) return null;
  const groups: string[] = [];
  for (const g of ["adult", "child"]) if (table.rows.some((r) => r.group === g)) groups.push(g);
  for (const r of table.rows) if (!groups.includes(r.group)) groups.push(r.group);
  const denominators = new Map<string, string>();
  for (const r of table.rows) if (r.denominator && !denominators.has(r.group)) denominators.set(r.group, r.denominator);
  // Categories in the order the file first names them, each followed by its services.
  const categories = new Map<string, Map<string, RouteRow>>();
  for (const r of table.rows) {
    const service = (r.service ?? "").trim();
    let services = categories.get(r.category);
    if (!services) categories.set(r.category, (services = new Map([["", newRow(r.category, "", routeLabel(r.category, scheme))]])));
    let row = services.get(service);
    if (!row) services.set(service, (row = newRow(r.category, service, routeLabel(service, scheme))));
    row.cells[r.group] = cellOf(r);
    row.counts[r.group] = { n: count(r.n), confirmed: count(r.n_confirmed) };
  }
  const ids = [...categories.keys()];
  const inGroup = (id: string) => (scheme ? scheme.groupOf[id] !== undefined : ids.some((g) => g !== id && id.startsWith(`${g}_`)));
  for (const [id, services] of categories) {
    const base = inGroup(id) ? 1 : 0;
    for (const [service, row] of services) row.level = service === "" ? base : base + 1;
  }
  const rows = [...categories.values()].flatMap((services) => [...services.values()]).map((r) => ({ ...r, sub: r.level > 0 }));
  const columns = groups.map((g) => {
    const d = denominators.get(g);
    return { group: g, label: `${GROUP_LABELS[g] ?? humanise(g)}${d ? ` (n = ${d})` : ""}` };
  });
  return { columns, rows };
}

function newRow(category: string, service: string, label: string): RouteRow {
  return { category, service, label, level: 0, sub: false, cells: {}, counts: {} };
}

function cellOf(r: Record<string, string>): RouteCell {
  const n = Number(r.n);
  const d = Number(r.denominator);
  const text = r.formatted?.trim() ? r.formatted.trim() : r.n !== undefined && r.denominator !== undefined && Number.isFinite(n) && Number.isFinite(d) ? percentOf(n, d) : (r.n ?? "");
  // Only a shortfall is worth a line: "41 of 41 confirmed" on every cell would bury the figures.
  return r.n_confirmed !== undefined && r.n_confirmed !== "" && r.n_confirmed !== r.n ? { text, confirmed: r.n_confirmed } : { text };
}
