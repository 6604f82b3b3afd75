import { mergeRaters } from "../../stats/agreement/raters.js";
import { summariseAgreement, type AgreementOptions, type AgreementReport } from "../../stats/agreement/summarise.js";
import type { RouteDecision } from "./routes.js";

export interface RouteAgreement {
  /** Agreement on the route category (nominal). */
  route: AgreementReport;
  /** Agreement on route and service together (`other_service:gp`, `unknown` …). */
  route_and_service: AgreementReport;
}

/**
 * Agreement between rater 1 and rater 2 on the sampled patients: an empty final route is a missing
 * rating, so only patients both raters decided are compared. Undefined when no patient has both. Pure.
 */
export function routeAgreement(
  sample: readonly string[],
  rater1: ReadonlyMap<string, RouteDecision>,
  rater2: ReadonlyMap<string, RouteDecision>,
  serviceCategory: string,
  options: AgreementOptions = {},
): RouteAgreement | undefined {
  const label = (d: RouteDecision | undefined, detailed: boolean): string | null => {
    if (!d?.final_route) return null;
    return detailed && d.final_route === serviceCategory ? `${d.final_route}:${d.final_service || "unspecified"}` : d.final_route;
  };
  const both = sample.filter((id) => label(rater1.get(id), false) !== null && label(rater2.get(id), false) !== null);
  if (both.length === 0) return undefined;
  const report = (detailed: boolean): AgreementReport =>
    summariseAgreement(
      mergeRaters([
        { name: "rater1", ratings: new Map(sample.map((id) => [id, label(rater1.get(id), detailed)])) },
        { name: "rater2", ratings: new Map(sample.map((id) => [id, label(rater2.get(id), detailed)])) },
      ]),
      options,
    );
  return { route: report(false), route_and_service: report(true) };
}
