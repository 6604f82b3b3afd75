import { describe, expect, it } from "vitest";
import { countedRoute, type PatientRoute } from "../../../src/stages/identify/routes.js";
import { formatShare, summariseRoutes, type CountedRoute } from "../../../src/stages/identify/summary.js";
import { categories } from "./preset.js";

describe("formatShare", () => {
  it.each([
    [41, 95, "43.2", "43% (41/95)"],
    [47, 95, "49.5", "49% (47/95)"],
    [7, 95, "7.4", "7.4% (7/95)"], // 7.37%: the paper prints 7.3%; rounding half up gives 7.4%
    [9, 95, "9.5", "9.5% (9/95)"],
    [23, 35, "65.7", "66% (23/35)"],
    [1, 35, "2.9", "2.9% (1/35)"],
    [1, 8, "12.5", "13% (1/8)"], // half up
    [1, 200, "0.5", "0.5% (1/200)"],
    [199, 2000, "10.0", "10% (199/2000)"], // 9.95% shows as a whole 10%, not "10.0%"
    [0, 95, "0.0", "0% (0/95)"],
    [3, 3, "100.0", "100% (3/3)"],
    [0, 0, "", "– (0/0)"],
  ])("%i of %i → %s, %s", (n, d, percent, formatted) => {
    expect(formatShare(n, d)).toEqual({ percent, formatted });
  });
});

const r = (group: string, route: string, service = "", confirmed = false): CountedRoute => ({ group, route, service, confirmed });

describe("summariseRoutes", () => {
  const routes = [
    r("adult", "other_service", "gp", true),
    r("adult", "other_service", "police"),
    r("adult", "during_contact_historical"),
    r("adult", "during_contact_recent", "", true),
    r("child", "other_service", ""),
    r("child", "unknown"),
  ];
  const rows = summariseRoutes(routes, categories);
  const get = (g: string, c: string, s = "") => rows.find((x) => x.group === g && x.category === c && x.service === s)!;

  it("gives each group (adult, child, total) every category, the reporting group before its members, and each service", () => {
    expect([...new Set(rows.map((x) => x.group))]).toEqual(["adult", "child", "total"]);
    expect(rows.filter((x) => x.group === "adult").map((x) => `${x.category}${x.service ? `/${x.service}` : ""}`)).toEqual([
      "other_service", "other_service/voluntary_sector", "other_service/gp", "other_service/police", "other_service/social_services",
      "other_service/other_health", "other_service/a_and_e", "other_service/home_office_or_legal",
      "during_contact", "during_contact_historical", "during_contact_recent", "unknown",
    ]);
  });

  it("counts with the group's denominator and how many a rater confirmed", () => {
    expect(get("adult", "other_service")).toMatchObject({ n: 2, denominator: 4, formatted: "50% (2/4)", n_confirmed: 1 });
    expect(get("adult", "during_contact")).toMatchObject({ n: 2, formatted: "50% (2/4)", n_confirmed: 1 });
    expect(get("total", "other_service", "gp")).toMatchObject({ n: 1, denominator: 6, formatted: "17% (1/6)" });
    expect(get("child", "other_service", "unspecified")).toMatchObject({ n: 1, formatted: "50% (1/2)" });
    expect(rows.some((x) => x.group === "adult" && x.service === "unspecified")).toBe(false);
  });

  it("adds an unknown-age group only when there is one", () => {
    expect(summariseRoutes([r("unknown", "unknown")], categories).map((x) => x.group)).toContain("unknown");
  });
});

describe("countedRoute: the final decision where given, else the suggestion", () => {
  const p = (suggested: [string, string], decision: PatientRoute["decision"]): PatientRoute => ({
    patientId: "P1",
    group: "adult",
    decision,
    suggestion: { route: suggested[0], service: suggested[1], rule: "x", noteId: "n", date: "", evidence: "", bold: [], start: 0, end: 0 },
  });
  it.each([
    ["no decision", ["other_service", "gp"], {}, ["other_service", "gp", false]],
    ["route confirmed, service kept", ["other_service", "gp"], { final_route: "other_service" }, ["other_service", "gp", true]],
    ["service changed", ["other_service", "gp"], { final_route: "other_service", final_service: "police" }, ["other_service", "police", true]],
    ["route changed to other_service without a service", ["unknown", ""], { final_route: "other_service" }, ["other_service", "", true]],
    ["route changed away from other_service", ["other_service", "gp"], { final_route: "unknown" }, ["unknown", "", true]],
    ["a service alone does not confirm", ["unknown", ""], { final_service: "gp" }, ["unknown", "", false]],
  ] as const)("%s", (_why, suggested, decision, [route, service, confirmed]) => {
    expect(countedRoute(p([...suggested], decision), categories)).toEqual({ group: "adult", route, service, confirmed });
  });
});
