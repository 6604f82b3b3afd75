import { existsSync } from "node:fs";
import { join } from "node:path";
import { readCsvRows } from "../../io/read-csv-rows.js";
import { writeCsv } from "../../io/write-csv.js";
import { readCaseHits } from "../../learn/relevance/read-documents.js";
import { routeSecondOpinion, type RouteRow } from "./routes.js";

export const ROUTE_OPINION_COLUMNS = ["patient_id", "model_route", "model_score", "basis", "suggested_route", "final_route"];

/** Routes.csv rows with the words around each patient's case-finding hits. */
export async function readRouteRows(out: string): Promise<RouteRow[]> {
  const file = join(out, "03-identification", "routes.csv");
  if (!existsSync(file)) return [];
  const hitsDir = join(out, "01-search");
  const hits = existsSync(join(hitsDir, "hits.csv")) ? await readCaseHits(hitsDir) : new Map();
  return (await readCsvRows(file, ["patient_id", "suggested_route", "final_route"])).map((r) => {
    const v = r.values;
    return {
      patientId: v.patient_id,
      suggestedRoute: v.suggested_route,
      suggestedService: v.suggested_service ?? "",
      rule: v.rule ?? "",
      evidence: v.evidence ?? "",
      finalRoute: v.final_route.trim(),
      contexts: (hits.get(v.patient_id) ?? []).map((h: { left: string; match: string; right: string }) => `${h.left} ${h.match} ${h.right}`),
    };
  });
}

/**
 * `03-identification/route-model.csv`: the model's second opinion on each eligible patient's route, once
 * raters have confirmed enough, from the routes.csv just written. Returns how many it covered and how
 * many unconfirmed ones differ from the rules, or undefined when there are too few confirmed routes.
 */
export async function writeRouteOpinion(out: string, seed: number): Promise<{ patients: number; unconfirmed: number; differ: number } | undefined> {
  const rows = await readRouteRows(out);
  const opinion = routeSecondOpinion(rows, seed);
  if (!opinion) return undefined;
  writeCsv(
    join(out, "03-identification", "route-model.csv"),
    ROUTE_OPINION_COLUMNS,
    opinion.map((o, i) => [o.patientId, o.route, o.score.toFixed(3), o.basis, rows[i].suggestedRoute, rows[i].finalRoute]),
  );
  const open = opinion.filter((o) => o.basis === "confirmed routes");
  return { patients: opinion.length, unconfirmed: open.length, differ: open.filter((o) => o.route !== rows[opinion.indexOf(o)].suggestedRoute).length };
}
