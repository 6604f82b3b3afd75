import type { Pair, Scores } from "./metrics.js";
import { routeFigures, screeningFigures, searchFigures, themeFigures, type Row, type ScreeningFigures } from "./stages.js";

/** What the pipeline suggested for one labelled set: the rows of its output files (any may be absent). */
export interface Outputs {
  returned?: readonly Row[];
  suggestions?: readonly Row[];
  routes?: readonly Row[];
  patientThemes?: readonly Row[];
}

/** Every figure of one column of the evaluation table (a set, or part of one). */
export interface Column {
  name: string;
  eligible: number;
  excluded: number;
  search?: Scores;
  screening?: ScreeningFigures;
  routes?: { pairs: Pair[]; services: Pair[] };
  themes?: Scores;
}

/** The figures of `outputs` scored against `truth` (truth/patients.csv rows, or a gold set turned into them). */
export function columnFigures(name: string, truth: readonly Row[], outputs: Outputs): Column {
  const ids = new Set(truth.map((r) => r.patient_id));
  const only = (rows: readonly Row[] | undefined): Row[] | undefined => rows?.filter((r) => ids.has(r.patient_id));
  const returned = only(outputs.returned);
  const suggestions = only(outputs.suggestions);
  const routes = only(outputs.routes);
  const themes = only(outputs.patientThemes);
  return {
    name,
    eligible: truth.filter((r) => r.eligible === "yes").length,
    excluded: truth.filter((r) => r.eligible !== "yes" && r.returned === "yes" && r.exclusion_detail !== "not_analysed").length,
    search: returned && searchFigures(truth, returned),
    screening: suggestions && screeningFigures(truth, suggestions),
    routes: routes && routeFigures(truth, routes),
    themes: themes && themeFigures(truth, themes),
  };
}

/** True when any eligible patient was suggested for exclusion (the error the evaluation must fail on). */
export function anyEligibleExcluded(columns: readonly Column[]): boolean {
  return columns.some((c) => (c.screening?.eligibleOut.length ?? 0) > 0);
}

/** `right/of` as a percentage with the counts, or "n/a". */
export function share(right: number, of: number): string {
  return of === 0 ? "n/a" : `${((100 * right) / of).toFixed(1)}% (${right}/${of})`;
}

/** Route and service accuracy as "n% (k/N)". */
export function routeShares(c: Column): { route: string; service: string } {
  if (!c.routes) return { route: "n/a", service: "n/a" };
  const right = (pairs: readonly Pair[]): number => pairs.filter(([t, p]) => t === p).length;
  return { route: share(right(c.routes.pairs), c.routes.pairs.length), service: share(right(c.routes.services), c.routes.services.length) };
}

