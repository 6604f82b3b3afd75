import type { CountedRoute } from "./summary.js";
import type { CompiledCategories, RouteSuggestion } from "./types.js";

/** `03-identification/routes.csv`: the SPEC §5 columns first, then where the evidence sits. */
export const ROUTE_COLUMNS = [
  "patient_id", "group", "suggested_route", "suggested_service", "evidence", "final_route", "final_service",
  "rule", "note_id", "date", "start", "end", "confirmed",
] as const;

/** A rater's decision on one patient, as read from a workbook. */
export interface RouteDecision {
  final_route?: string;
  final_service?: string;
}

export interface PatientRoute {
  patientId: string;
  group: string;
  suggestion: RouteSuggestion;
  decision: RouteDecision;
}

/**
 * The route a patient counts under: the rater's final route where given, else the suggestion. The
 * service is the rater's final service, else the suggested one when the route is unchanged, else ''
 * (counted as unspecified); a service only ever belongs to the service category.
 */
export function countedRoute(p: PatientRoute, scheme: CompiledCategories): CountedRoute {
  const finalRoute = p.decision.final_route ?? "";
  const route = finalRoute || p.suggestion.route;
  let service = "";
  if (route === scheme.serviceCategory) {
    service = p.decision.final_service || (route === p.suggestion.route ? p.suggestion.service : "");
  }
  return { group: p.group, route, service, confirmed: finalRoute !== "" };
}

/** The routes.csv row of one patient. */
export function routeRow(p: PatientRoute): (string | number)[] {
  const s = p.suggestion;
  return [
    p.patientId, p.group, s.route, s.service, s.evidence, p.decision.final_route ?? "", p.decision.final_service ?? "",
    s.rule, s.noteId, s.date, s.noteId ? s.start : "", s.noteId ? s.end : "", p.decision.final_route ? "yes" : "no",
  ];
}

/** Decisions that do not fit together (a service given for a route that has none), one line each, naming the patient. */
export function decisionProblems(routes: readonly PatientRoute[], scheme: CompiledCategories, where: string): string[] {
  const out: string[] = [];
  for (const p of routes) {
    const route = p.decision.final_route || p.suggestion.route;
    if (p.decision.final_service && route !== scheme.serviceCategory) {
      out.push(`${where} (patient_id ${p.patientId}): final_service "${p.decision.final_service}" is ignored because the route is ${route}, not ${scheme.serviceCategory}`);
    }
  }
  return out;
}
