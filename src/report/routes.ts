import { humanise, percentOf } from "./format.js";
import type { CsvTable } from "./report-inputs.js";

/** Labels of the preset's identification categories and services; other ids are humanised. */
const LABELS: Readonly<Record<string, string>> = {
  other_service: "Informed by another service",
  during_contact: "Identified during contact",
  during_contact_historical: "During contact: past experiences disclosed",
  during_contact_recent: "During contact: recent exploitation disclosed or suspected",
  unknown: "Unknown",
  voluntary_sector: "Voluntary sector",
  gp: "GP",
  police: "Police",
  social_services: "Social services",
  other_health: "Other health service",
  a_and_e: "A&E",
  home_office_or_legal: "Home Office or legal",
  unspecified: "Service not given",
};

export const routeLabel = (id: string) => LABELS[id] ?? humanise(id);

const GROUP_LABELS: Readonly<Record<string, string>> = { adult: "Adults", child: "Children", total: "Total", unknown: "Age unknown" };

export interface RouteCell {
  text: string;
  /** How many of them a rater confirmed, when the summary says and it is not all of them. */
  confirmed?: string;
}

export interface RoutesView {
  columns: { group: string; label: string }[];
  rows: { label: string; sub: boolean; cells: Record<string, RouteCell> }[];
}

/**
 * The identification routes by group in the study's style (`43% (41/95)`), from 03-identification/
 * summary.csv: one row per category (and per service under it, when the file has them), one column per
 * group. Uses the file's `formatted` cell when there is one. Null when the file lacks `group` or
 * `category`, so the report shows the file as it is instead. Pure.
 */
export function routesView(table: CsvTable): RoutesView | null {
  if (!table.columns.includes("group") || !table.columns.includes("category")) return null;
  const groups: string[] = [];
  for (const g of ["adult", "child"]) if (table.rows.some((r) => r.group === g)) groups.push(g);
  for (const r of table.rows) if (!groups.includes(r.group)) groups.push(r.group);
  const denominators = new Map<string, string>();
  for (const r of table.rows) if (r.denominator && !denominators.has(r.group)) denominators.set(r.group, r.denominator);
  // Categories in the order the file first names them, each followed by its services.
  const categories = new Map<string, Map<string, RoutesView["rows"][number]>>();
  for (const r of table.rows) {
    const service = (r.service ?? "").trim();
    let services = categories.get(r.category);
    if (!services) categories.set(r.category, (services = new Map([["", { label: routeLabel(r.category), sub: false, cells: {} }]])));
    let row = services.get(service);
    if (!row) services.set(service, (row = { label: routeLabel(service), sub: true, cells: {} }));
    row.cells[r.group] = cellOf(r);
  }
  // A category named after a reporting group (during_contact_historical under during_contact) sits under it.
  const ids = [...categories.keys()];
  for (const [id, services] of categories) if (ids.some((g) => g !== id && id.startsWith(`${g}_`))) services.get("")!.sub = true;
  const rows = [...categories.values()].flatMap((services) => [...services.values()]);
  const columns = groups.map((g) => {
    const d = denominators.get(g);
    return { group: g, label: `${GROUP_LABELS[g] ?? humanise(g)}${d ? ` (n = ${d})` : ""}` };
  });
  return { columns, rows };
}

function cellOf(r: Record<string, string>): RouteCell {
  const n = Number(r.n);
  const d = Number(r.denominator);
  const text = r.formatted?.trim() ? r.formatted.trim() : r.n !== undefined && r.denominator !== undefined && Number.isFinite(n) && Number.isFinite(d) ? percentOf(n, d) : (r.n ?? "");
  // Only a shortfall is worth a line: "41 of 41 confirmed" on every cell would bury the figures.
  return r.n_confirmed !== undefined && r.n_confirmed !== "" && r.n_confirmed !== r.n ? { text, confirmed: r.n_confirmed } : { text };
}
