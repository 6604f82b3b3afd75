import { describe, expect, it } from "vitest";
import { parseFlow, reasonLabeller, type Flow, type FlowCount } from "../../src/report/flow.js";
import { DEFAULT_REASONS } from "../../src/text/context/reasons.js";
import { layoutFlow, type FlowBox } from "../../src/report/flow-layout.js";
import { flowSvg } from "../../src/report/flow-svg.js";
import { textWidth } from "../../src/report/text-width.js";
import { xmlProblems } from "./xml.js";

const c = (adult: number, child: number, unknown = 0): FlowCount => ({ adult, child, unknown, total: adult + child + unknown });

const STUDY: Flow = {
  returned: c(636, 55),
  excluded: c(541, 20),
  reasons: [
    { reason: "drug_trafficking", count: c(230, 0) },
    { reason: "traffic_accident", count: c(107, 3) },
    { reason: "interest_in_issue", count: c(71, 9) },
    { reason: "negated", count: c(47, 3) },
    { reason: "other_person", count: c(56, 4) },
    { reason: "other", count: c(30, 1) },
  ],
  included: c(95, 35),
};

const LONG: Flow = {
  returned: c(120000, 45000, 3000),
  excluded: c(119000, 44000, 2996),
  reasons: [
    { reason: "a_very_long_reason_id_nobody_gave_a_label_to_because_it_came_from_a_custom_rule_file", count: c(1000, 1000, 1000) },
    { reason: "Supercalifragilisticexpialidociousunbreakablewordwithoutanyspaces", count: c(5, 0) },
    { reason: "negated", count: c(0, 0) },
    { reason: "drug_trafficking", count: c(117995, 43000, 1996) },
  ],
  included: c(1000, 1000, 4),
};

const LABEL = reasonLabeller(DEFAULT_REASONS);

const overlap = (a: FlowBox, b: FlowBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("layoutFlow", () => {
  it.each([
    ["the study's flow", STUDY, 18],
    ["long labels, big numbers and an unknown age group", LONG, 16],
  ])("%s: no boxes overlap, every line fits inside its box, everything inside the picture", (_name, flow, cutoff) => {
    const layout = layoutFlow(flow, cutoff, LABEL);
    for (const [i, a] of layout.boxes.entries()) for (const b of layout.boxes.slice(i + 1)) expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    for (const b of layout.boxes) {
      expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= layout.width && b.y + b.h <= layout.height, `${b.id} inside the picture`).toBe(true);
      for (const l of b.lines) {
        const w = textWidth(l.text, layout.fontSize);
        const [left, right] = l.anchor === "middle" ? [l.x - w / 2, l.x + w / 2] : [l.x, l.x + w];
        // Inside the box with a margin: text touching the border reads as overflowing.
        expect(left >= b.x + 5 && right <= b.x + b.w - 5, `"${l.text}" fits across ${b.id}`).toBe(true);
        expect(l.y - layout.fontSize >= b.y && l.y + 0.3 * layout.fontSize <= b.y + b.h, `"${l.text}" fits down ${b.id}`).toBe(true);
      }
    }
  });

  it("lists each exclusion reason with its count, skips empty ones, and splits included by group", () => {
    const layout = layoutFlow(LONG, 16, LABEL);
    const text = (id: string) => layout.boxes.find((b) => b.id === id)!.lines.map((l) => l.text.replace("• ", "")).join(" ");
    expect(text("excluded")).toContain("Drug trafficking (n\u00a0=\u00a0162,991)");
    expect(text("excluded")).not.toContain("denied");
    expect(layout.boxes.map((b) => b.id)).toEqual(["returned", "excluded", "included", "adult", "child", "unknown"]);
    expect(text("child")).toContain("under 16");
    expect(layoutFlow(STUDY, 18, LABEL).boxes.map((b) => b.id)).not.toContain("unknown");
  });

  it("says how many returned patients have no decision yet", () => {
    const layout = layoutFlow({ ...STUDY, included: c(92, 35) }, 18, LABEL);
    expect(layout.boxes.find((b) => b.id === "excluded")!.lines.map((l) => l.text).join(" ")).toContain("Not yet decided (n\u00a0=\u00a03)");
  });

  it("draws arrows that start and end on the chart's boxes", () => {
    const layout = layoutFlow(STUDY, 18, LABEL);
    const onEdge = (x: number, y: number) => layout.boxes.some((b) => x >= b.x - 0.01 && x <= b.x + b.w + 0.01 && (Math.abs(y - b.y) < 0.01 || Math.abs(y - b.y - b.h) < 0.01 || (y > b.y && y < b.y + b.h && (Math.abs(x - b.x) < 0.01 || Math.abs(x - b.x - b.w) < 0.01))));
    for (const a of layout.arrows.filter((a) => a.head)) expect(onEdge(...a.points[a.points.length - 1])).toBe(true);
  });
});

describe("flowSvg", () => {
  it("is well-formed XML with every label escaped", () => {
    const svg = flowSvg(layoutFlow({ ...LONG, reasons: [{ reason: "<script>&x", count: c(1, 1) }] }, 18, LABEL));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("&lt;script&gt;&amp;x");
    expect(svg).not.toContain("<script");
    expect(svg.startsWith("<svg ")).toBe(true);
  });

  it("is the same text for the same flow", () => {
    expect(flowSvg(layoutFlow(STUDY, 18, LABEL))).toBe(flowSvg(layoutFlow(STUDY, 18, LABEL)));
  });
});

describe("parseFlow", () => {
  const row = (line: number, step: string, reason: string, ...n: string[]) => ({ line, values: { step, reason, adult: n[0], child: n[1], unknown: n[2], total: n[3] } });
  it("reads returned, excluded (all, then by reason) and included", () => {
    const flow = parseFlow([row(2, "returned", "", "3", "2", "0", "5"), row(3, "excluded", "all", "2", "0", "0", "2"), row(4, "excluded", "negated", "2", "0", "0", "2"), row(5, "included", "", "1", "2", "0", "3")], "flow.csv");
    expect(flow.returned.total).toBe(5);
    expect(flow.reasons).toEqual([{ reason: "negated", count: c(2, 0) }]);
    expect(flow.included).toEqual(c(1, 2));
  });
  it.each([
    ["a count that is not a whole number", [row(2, "returned", "", "3", "x", "0", "5")], "flow.csv:2: column child: expected a whole number"],
    ["an unknown step", [row(2, "screened", "", "3", "2", "0", "5")], "flow.csv:2: column step: expected returned, excluded or included"],
    ["no included row", [row(2, "returned", "", "3", "2", "0", "5")], "flow.csv: no 'included' row"],
  ])("names file and line for %s", (_name, rows, message) => expect(() => parseFlow(rows, "flow.csv")).toThrow(message));
});
