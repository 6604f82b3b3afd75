import { describe, expect, it } from "vitest";
import { routeDocument, routeSecondOpinion, type RouteRow } from "../../src/stages/second-opinion/routes.js";

// Sentences written for this test.
const TEXT: Record<string, string> = {
  other_service: "Referral letter from the GP says she was trafficked and asks for an assessment.",
  during_contact_historical: "In session he told me he had been trafficked years ago as a teenager.",
};
const row = (i: number, route: string, confirmed: boolean): RouteRow => ({
  patientId: `P${String(i).padStart(2, "0")}`, suggestedRoute: "unknown", suggestedService: "", rule: "no-cue", evidence: `${TEXT[route]} (${i})`, finalRoute: confirmed ? route : "", contexts: [],
});

describe("route second opinion", () => {
  const routes = ["other_service", "during_contact_historical"];
  const rows = Array.from({ length: 16 }, (_, i) => row(i, routes[i % 2], i < 12));
  it("waits for 10 confirmed routes of two kinds", () => {
    expect(routeSecondOpinion(rows.map((r, i) => (i < 9 ? r : { ...r, finalRoute: "" })), 1)).toBeUndefined();
    expect(routeSecondOpinion(rows.map((r) => ({ ...r, finalRoute: r.finalRoute && "other_service" })), 1)).toBeUndefined();
  });
  it("learns the routes from the words, out-of-fold for the confirmed, deterministically", () => {
    const o = routeSecondOpinion(rows, 1)!;
    expect(o.map((x) => x.basis)).toEqual([...Array(12).fill("out-of-fold"), ...Array(4).fill("confirmed routes")]);
    o.forEach((x, i) => expect(x.route).toBe(routes[i % 2]));
    for (const x of o) expect(x.score).toBeGreaterThan(0.5);
    expect(routeSecondOpinion(rows, 1)).toEqual(o);
  });
  it("reads the evidence, the words around the hits and the rules' suggestion as tokens", () =>
    expect(routeDocument({ ...row(1, "other_service", true), suggestedService: "gp", contexts: ["a b c"] })).toEqual({ text: `${TEXT.other_service} (1)\na b c`, tokens: ["suggest:unknown", "service:gp", "rule:no-cue"] }));
});
