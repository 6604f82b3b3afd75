import { describe, expect, it } from "vitest";
import { summariseAgreement } from "../../../src/stats/agreement/summarise.js";
import { perCodeAgreement } from "../../../src/stats/agreement/per-code.js";
import { toRatings, vectors } from "./load-vectors.js";

const TOL = vectors.tolerance;

/** Numbers within the tolerance, everything else equal, recursively. */
function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    expect(Math.abs((actual as number) - expected), `${path}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(TOL);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => close((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [k, e] of Object.entries(expected)) close((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe("agreement figures match the reference implementations to 1e-9", () => {
  it("has the datasets the generator writes", () => {
    expect(vectors.datasets.length).toBeGreaterThanOrEqual(20);
    expect(vectors.datasets.filter((d) => d.options.weights).length).toBeGreaterThanOrEqual(3);
    expect(TOL).toBe(1e-9);
  });

  it.each(vectors.datasets.map((d) => [d.name, d] as const))("%s", (_name, d) => {
    const got = summariseAgreement(toRatings(d.raters), d.options) as unknown as Record<string, unknown>;
    expect(Object.keys(got).sort()).toEqual(Object.keys(d.expected).sort());
    for (const [key, want] of Object.entries(d.expected)) {
      // The generator lists which intervals have a method and which figures are undefined; the tool
      // adds the wording, which is its own.
      if (key === "methods" || key === "why_undefined") {
        expect(Object.keys(got[key] as object).sort(), key).toEqual([...(want as string[])].sort());
        for (const text of Object.values(got[key] as object)) expect(String(text)).not.toBe("");
      } else close(got[key], want, key);
    }
  });
});

describe("per-code agreement matches scikit-learn and NLTK", () => {
  it.each(vectors.per_code.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    const got = perCodeAgreement(v.extracts);
    expect(got.map((g) => g.code)).toEqual(v.expected.map((e) => e.code));
    got.forEach((g, i) => {
      const e = v.expected[i];
      for (const key of Object.keys(e)) close((g as unknown as Record<string, unknown>)[key], e[key], `${g.code}.${key}`);
      expect(g.both + g.firstOnly + g.secondOnly + g.neither).toBe(v.extracts.length);
    });
  });
});
