import { pairRatings, sampleRatings } from "../../second-rater/compare.js";
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
  if (pairRatings(sample, rater1, rater2, (d) => label(d, false) !== null).pairs.length === 0) return undefined;
  const report = (detailed: boolean): AgreementReport => summariseAgreement(mergeRaters(sampleRatings(sample, rater1, rater2, (d) => label(d, detailed))), options);
  return { route: report(false), route_and_service: report(true) };
}
