import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { suggestRoute } from "../../../src/stages/identify/suggest-route.js";
import type { RouteSuggestion } from "../../../src/stages/identify/types.js";
import { caseMatcher, categories, context, documents } from "./preset.js";
import { scenarioNotes, scenarioRows, type Row } from "../../helpers/scenario-files.js";

// A hand-written scenario of fictional records (fixtures/scenarios/identification-routes): 70 trafficked
// patients, each with the way the team first came to know written down by hand (gold.csv). The preset's
// suggestions are scored against it; the figures are printed so a change of rules shows what it moves.

const SCENARIO = fileURLToPath(new URL("../../../fixtures/scenarios/identification-routes/", import.meta.url));
const PATIENTS = 70;
const MIN_ROUTE_ACCURACY = 0.8;
const MIN_SERVICE_ACCURACY = 0.7;

const patients = scenarioRows(SCENARIO, "patients.csv");
const gold = new Map(scenarioRows(SCENARIO, "gold.csv").map((record) => [record.patient_id, record]));

const notesByPatient = scenarioNotes(SCENARIO);

interface Outcome {
  id: string;
  gold: Row;
  suggestion: RouteSuggestion;
}

const outcomes: Outcome[] = patients.map((p) => ({
  id: p.patient_id,
  gold: gold.get(p.patient_id)!,
  suggestion: suggestRoute(notesByPatient.get(p.patient_id) ?? [], categories, caseMatcher, context, documents),
}));

/** Rows gold, columns suggested, over the scheme's categories (and any other value either side uses). */
function confusionMatrix(pairs: Array<[string, string]>, labels: string[]): string {
  const all = [...labels, ...new Set(pairs.flat().filter((l) => !labels.includes(l)))];
  const width = Math.max(...all.map((l) => l.length), 6);
  const head = ["gold \\ suggested".padEnd(width), ...all.map((l) => l.padStart(width))].join(" ");
  const rows = all.map((g) => [g.padEnd(width), ...all.map((s) => String(pairs.filter(([a, b]) => a === g && b === s).length).padStart(width))].join(" "));
  return [head, ...rows].join("\n");
}

describe("identification routes scenario (hand-written, fictional)", () => {
  it("is complete: every patient has notes and a gold route", () => {
    expect(patients).toHaveLength(PATIENTS);
    expect(gold.size).toBe(PATIENTS);
    const routes = new Set(categories.categories.map((c) => c.id));
    const services = new Set(categories.services.map((s) => s.id));
    for (const p of patients) {
      const notes = notesByPatient.get(p.patient_id) ?? [];
      const g = gold.get(p.patient_id);
      expect(notes.length, p.patient_id).toBeGreaterThanOrEqual(2);
      expect(g, p.patient_id).toBeDefined();
      expect(routes.has(g!.route), `${p.patient_id} route ${g!.route}`).toBe(true);
      if (g!.route === categories.serviceCategory) expect(services.has(g!.service), `${p.patient_id} service ${g!.service}`).toBe(true);
      else expect(g!.service, p.patient_id).toBe("");
      expect(notes.map((n) => n.noteId), p.patient_id).toContain(g!.first_note_id);
    }
    expect(new Set([...notesByPatient.keys()])).toEqual(new Set(patients.map((p) => p.patient_id)));
  });

  it(`suggests the route for at least ${MIN_ROUTE_ACCURACY * 100}% and the informing service for at least ${MIN_SERVICE_ACCURACY * 100}%`, () => {
    const routeRight = outcomes.filter((o) => o.suggestion.route === o.gold.route);
    const byService = outcomes.filter((o) => o.gold.route === categories.serviceCategory);
    const serviceRight = byService.filter((o) => o.suggestion.route === o.gold.route && o.suggestion.service === o.gold.service);
    const noteRight = outcomes.filter((o) => o.suggestion.noteId === o.gold.first_note_id);
    const routeAccuracy = routeRight.length / outcomes.length;
    const serviceAccuracy = serviceRight.length / byService.length;

    const wrong = outcomes
      .filter((o) => o.suggestion.route !== o.gold.route || (o.gold.route === categories.serviceCategory && o.suggestion.service !== o.gold.service))
      .map((o) => {
        const g = o.gold.service ? `${o.gold.route}/${o.gold.service}` : o.gold.route;
        const s = o.suggestion.service ? `${o.suggestion.route}/${o.suggestion.service}` : o.suggestion.route;
        return `  ${o.id}: gold ${g} (${o.gold.first_note_id}), suggested ${s} (${o.suggestion.noteId || "-"}) by ${o.suggestion.rule}`;
      });
    const serviceLabels = categories.services.map((s) => s.id);
    console.log(
      [
        `identification-routes: route accuracy ${routeRight.length}/${outcomes.length} = ${routeAccuracy.toFixed(3)}`,
        `identification-routes: informing-service accuracy ${serviceRight.length}/${byService.length} = ${serviceAccuracy.toFixed(3)}`,
        `identification-routes: identification note as gold ${noteRight.length}/${outcomes.length}`,
        "route confusion (rows gold, columns suggested):",
        confusionMatrix(outcomes.map((o) => [o.gold.route, o.suggestion.route]), categories.categories.map((c) => c.id)),
        "service confusion over gold other-service patients (rows gold, columns suggested; '' = not suggested as a service):",
        confusionMatrix(byService.map((o) => [o.gold.service, o.suggestion.route === categories.serviceCategory ? o.suggestion.service || "''" : "''"]), serviceLabels),
        `wrong (${wrong.length}):`,
        ...wrong,
      ].join("\n"),
    );

    expect(routeAccuracy).toBeGreaterThanOrEqual(MIN_ROUTE_ACCURACY);
    expect(serviceAccuracy).toBeGreaterThanOrEqual(MIN_SERVICE_ACCURACY);
  });
});
