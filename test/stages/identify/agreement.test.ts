import { describe, expect, it } from "vitest";
import { routeAgreement } from "../../../src/stages/identify/agreement.js";

describe("routeAgreement", () => {
  const r1 = new Map([
    ["A", { final_route: "other_service", final_service: "gp" }],
    ["B", { final_route: "unknown" }],
    ["C", { final_route: "during_contact_recent" }],
    ["D", { final_route: "other_service", final_service: "police" }],
  ]);
  const r2 = new Map([
    ["A", { final_route: "other_service", final_service: "police" }],
    ["B", { final_route: "unknown" }],
    ["C", { final_route: "during_contact_historical" }],
    ["D", {}],
  ]);

  it("compares the sampled patients both raters decided, on routes and on route with service", () => {
    const a = routeAgreement(["A", "B", "C", "D"], r1, r2, "other_service")!;
    expect(a.route).toMatchObject({ items: 4, items_compared: 3, observed_agreement: 2 / 3 });
    expect(a.route_and_service.observed_agreement).toBeCloseTo(1 / 3, 12);
    expect(a.route_and_service.categories).toEqual(["during_contact_historical", "during_contact_recent", "other_service:gp", "other_service:police", "unknown"]);
  });

  it("is undefined until both raters decided at least one sampled patient", () => {
    expect(routeAgreement(["D"], r1, r2, "other_service")).toBeUndefined();
    expect(routeAgreement(["A"], r1, new Map(), "other_service")).toBeUndefined();
  });
});
