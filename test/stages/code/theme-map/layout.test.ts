import { describe, expect, it } from "vitest";
import type { ThemeMapData } from "../../../../src/stages/code/theme-map/data.js";
import { layoutThemeMap, type Box, type Layout } from "../../../../src/stages/code/theme-map/layout.js";
import { textWidth } from "../../../../src/stages/code/theme-map/text.js";
import { themeMapSvg } from "../../../../src/stages/code/theme-map/svg.js";
import { themeMapDot } from "../../../../src/stages/code/theme-map/dot.js";
import { themeMapMermaid } from "../../../../src/stages/code/theme-map/mermaid.js";
import { parseXml } from "../../../../src/stages/code/refi-qda/xml.js";
import { themeMapData } from "../../../../src/stages/code/results/theme-map-data.js";
import { presetCodebook } from "../helpers.js";

const book = presetCodebook();
function mapOf(group: "adult" | "child", patients: number, count: (id: string) => number): ThemeMapData {
  const data = themeMapData(book, [], group, patients);
  return { ...data, note: undefined, themes: data.themes.map((t) => ({ ...t, patients: count(t.id), codes: t.codes.map((c) => ({ ...c, patients: count(c.id) })) })) };
}
const LONG = "A sub-theme with a very long label that goes on and on about inter-agency working across several boroughs";

const MAPS: [string, ThemeMapData][] = [
  ["the adult map of the preset", mapOf("adult", 95, (id) => id.length % 40)],
  ["the child map of the preset", mapOf("child", 35, (id) => id.length % 20)],
  ["an empty group", themeMapData(book, [], "child", 0)],
  ["one theme with one code", { group: "adult", title: "Adults", question: "Q?", patients: 3, themes: [{ id: "t", label: "Theme", patients: 1, codes: [{ id: "t.c", label: "Code", patients: 1 }] }] }],
  ["no themes at all", { group: "adult", title: "Adults", question: "What gets in the way of care?", patients: 0, themes: [] }],
  [
    "many themes, long labels, lopsided code counts",
    {
      group: "adult",
      title: "Adults",
      question: "Challenges staff faced in providing care to people who had been trafficked, as recorded in their notes",
      patients: 200,
      themes: Array.from({ length: 9 }, (_, i) => ({
        id: `t${i}`,
        label: i % 2 ? LONG : `Theme ${i}`,
        patients: 20 * i,
        codes: Array.from({ length: (i * 5) % 11 }, (_, j) => ({ id: `t${i}.c${j}`, label: j % 3 ? `Code ${j}` : LONG, patients: j })),
      })),
    },
  ],
];

const overlaps = (a: Box, b: Box, gap = 4) => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** Does the segment p→q pass through the inside of box b (shrunk a little, so touching an edge is fine)? */
function segmentHitsBox([x1, y1]: [number, number], [x2, y2]: [number, number], b: Box): boolean {
  const inset = 1;
  const [l, r, t, btm] = [b.x + inset, b.x + b.w - inset, b.y + inset, b.y + b.h - inset];
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  for (const [p, q] of [[-dx, x1 - l], [dx, r - x1], [-dy, y1 - t], [dy, btm - y1]] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const u = q / p;
      if (p < 0) t0 = Math.max(t0, u);
      else t1 = Math.min(t1, u);
      if (t0 > t1) return false;
    }
  }
  return true;
}

describe.each(MAPS)("theme map layout: %s", (_, data) => {
  const layout: Layout = layoutThemeMap(data);
  it("no two boxes overlap (with a gap), and every box is on the canvas", () => {
    for (let i = 0; i < layout.boxes.length; i++) {
      const a = layout.boxes[i];
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.w).toBeLessThanOrEqual(layout.width);
      expect(a.y + a.h).toBeLessThanOrEqual(layout.height);
      for (let j = i + 1; j < layout.boxes.length; j++) expect(overlaps(a, layout.boxes[j]), `${a.id} overlaps ${layout.boxes[j].id}`).toBe(false);
    }
  });
  it("every label line fits inside its box", () => {
    for (const b of layout.boxes) {
      for (const line of b.lines) expect(textWidth(line, b.fontSize, b.kind !== "code")).toBeLessThanOrEqual(b.w - 2 * 10);
      expect(textWidth(b.count, b.fontSize - 1.5)).toBeLessThanOrEqual(b.w - 2 * 10);
    }
  });
  it("no connector runs through a box other than the two it joins", () => {
    for (const e of layout.edges) {
      for (const b of layout.boxes) {
        if (b.id === e.from || b.id === e.to) continue;
        for (let k = 0; k + 1 < e.points.length; k++) expect(segmentHitsBox(e.points[k], e.points[k + 1], b), `${e.from}→${e.to} crosses ${b.id}`).toBe(false);
      }
    }
  });
  it("text lines stay clear of the boxes", () => {
    for (const t of layout.texts) {
      const box: Box = { id: "text", kind: "code", x: t.x, y: t.y - t.size, w: textWidth(t.text, t.size, t.bold), h: t.size * 1.3, lines: [], count: "", fontSize: t.size, weight: 0, color: "", empty: false };
      for (const b of layout.boxes) expect(overlaps(box, b, 0), `"${t.text}" overlaps ${b.id}`).toBe(false);
      expect(t.x + box.w).toBeLessThanOrEqual(layout.width);
    }
  });
  it("renders SVG that parses as XML, with one box per theme and code, and DOT and Mermaid sources", () => {
    const svg = parseXml(themeMapSvg(data), "map.svg");
    expect(svg.name).toBe("svg");
    const groups = svg.children.filter((c) => c.name === "g");
    expect(groups).toHaveLength(1 + data.themes.length + data.themes.reduce((s, t) => s + t.codes.length, 0));
    const dot = themeMapDot(data);
    expect(dot).toMatch(/^\/\/ Thematic map/);
    for (const t of data.themes) expect(dot).toContain(`"theme:${t.id}"`);
    const mmd = themeMapMermaid(data);
    expect(mmd.split("\n")[1]).toBe("flowchart LR");
    expect(mmd.match(/ --- /g)?.length ?? 0).toBe(data.themes.length + data.themes.reduce((s, t) => s + t.codes.length, 0));
  });
});

describe("theme map labels", () => {
  it("shows patients and percentages, and the group size in the centre", () => {
    const layout = layoutThemeMap(mapOf("child", 35, (id) => (id === "identity" ? 17 : 0)));
    expect(layout.boxes.find((b) => b.id === "identity")!.count).toBe("17 patients (49%)");
    expect(layout.boxes.find((b) => b.id === "centre")!.count).toBe("Children: n = 35");
    expect(layout.boxes.find((b) => b.id === "instability")!.empty).toBe(true);
  });
  it("escapes label text in every format", () => {
    const data: ThemeMapData = { group: "adult", title: "Adults", question: `Q "<&>"`, patients: 1, themes: [{ id: "t", label: `A & B <c> "d"`, patients: 1, codes: [] }] };
    expect(() => parseXml(themeMapSvg(data), "map.svg")).not.toThrow();
    expect(themeMapDot(data)).toContain(`A & B <c> \\"d\\"`);
    expect(themeMapMermaid(data)).toContain(`A & B #lt;c#gt; #quot;d#quot;`);
  });
});
