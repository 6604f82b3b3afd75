import { countLabel, type ThemeMapData } from "./data.js";
import { textWidth as measure, wrapText } from "./text.js";

export type BoxKind = "centre" | "theme" | "code";

/** A labelled box; x, y is the top-left corner. */
export interface Box {
  id: string;
  kind: BoxKind;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Wrapped label lines, then the count line. */
  lines: string[];
  count: string;
  fontSize: number;
  /** 0–1: the share of the group's patients it touches (drives fill and border weight). */
  weight: number;
  color: string;
  empty: boolean;
}

/** A connector: a polyline from one box to another. */
export interface Edge {
  from: string;
  to: string;
  points: [number, number][];
  color: string;
}

export interface Layout {
  width: number;
  height: number;
  boxes: Box[];
  edges: Edge[];
  /** Title and note lines at the top, with their baseline positions. */
  /** Title, note and footnote lines, each with its baseline position. */
  texts: { text: string; x: number; y: number; size: number; bold: boolean }[];
}

const PALETTE = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF"];
const PAD = { x: 12, y: 9 };
const LINE = 1.3;
const SIZE = { centre: 15, theme: 13.5, code: 11.5 };
const WRAP = { centre: 210, theme: 170, code: 210 };
const GAP = { codes: 8, blocks: 26, centreToTheme: 70, themeToCodes: 44, bulge: 70, margin: 28 };
/** Measured widths are for DejaVu Sans; other fonts get this much extra room. */
const SLACK = 1.06;
const FOOTNOTE = "Counts are patients with at least one extract coded with the theme or code (a coder's final codes, else the suggestions); percentages are of the group's eligible patients. Heavier boxes touch more patients; dashed boxes none.";

function sizeBox(id: string, kind: BoxKind, label: string, count: string, weight: number, color: string, empty: boolean, bold: boolean): Box {
  const fontSize = SIZE[kind];
  const lines = wrapText(label, WRAP[kind], fontSize, bold);
  const countLines = count ? wrapText(count, WRAP[kind], fontSize - 1.5) : [];
  const widest = Math.max(...[...lines, ...countLines].map((l) => measure(l, l === count ? fontSize - 1.5 : fontSize, bold && l !== count)));
  const w = Math.ceil(widest * SLACK + 2 * PAD.x);
  const h = Math.ceil((lines.length * fontSize + countLines.length * (fontSize - 1.5)) * LINE + 2 * PAD.y);
  return { id, kind, x: 0, y: 0, w, h, lines, count: countLines.join(" "), fontSize, weight, color, empty };
}

/**
 * Lay out a theme map: the question in the centre, themes on two sides of it (clockwise from the top
 * right, those nearer the middle further out, as on a circle), and each theme's codes in a column on
 * its outer side. Blocks never share a band of height, columns never share a band of width, so no two
 * boxes overlap and no connector crosses a box. Pure and deterministic.
 */
export function layoutThemeMap(data: ThemeMapData): Layout {
  const max = Math.max(1, data.patients, ...data.themes.map((t) => t.patients));
  const centre = sizeBox("centre", "centre", data.question, `${data.title}: n = ${data.patients}`, 1, "#333333", data.patients === 0, true);
  const blocks = data.themes.map((t, i) => {
    const color = t.color ?? PALETTE[i % PALETTE.length];
    const theme = sizeBox(t.id, "theme", t.label, countLabel(t.patients, data.patients), t.patients / max, color, t.patients === 0, true);
    const codes = t.codes.map((c) => sizeBox(c.id, "code", c.label, countLabel(c.patients, data.patients), c.patients / max, color, c.patients === 0, false));
    const codesHeight = codes.reduce((s, c) => s + c.h, 0) + GAP.codes * Math.max(0, codes.length - 1);
    return { theme, codes, height: Math.max(theme.h, codesHeight), codesHeight };
  });
  const sideHeight = (side: typeof blocks) => side.reduce((s, b) => s + b.height, 0) + GAP.blocks * Math.max(0, side.length - 1);
  // Keep the codebook's order clockwise from the top right, splitting where the two sides are most even.
  let nRight = Math.ceil(blocks.length / 2);
  for (let k = 1; k < blocks.length; k++) {
    const worst = (n: number) => Math.max(sideHeight(blocks.slice(0, n)), sideHeight(blocks.slice(n)));
    if (worst(k) < worst(nRight)) nRight = k;
  }
  const right = blocks.slice(0, nRight);
  const left = blocks.slice(nRight).reverse();
  const headerLines = 2 + (data.note ? 1 : 0);
  const top = GAP.margin + headerLines * 22 + 10;
  const bodyHeight = Math.max(sideHeight(right), sideHeight(left), centre.h);
  const cy = top + bodyHeight / 2;

  const placeSide = (side: typeof blocks, dir: 1 | -1): number => {
    let y = top + (bodyHeight - sideHeight(side)) / 2;
    let extent = 0;
    for (const b of side) {
      const midY = y + b.height / 2;
      const t = Math.min(1, Math.abs(midY - cy) / Math.max(1, bodyHeight / 2));
      const offset = centre.w / 2 + GAP.centreToTheme + GAP.bulge * Math.sqrt(1 - t * t);
      b.theme.y = midY - b.theme.h / 2;
      b.theme.x = dir === 1 ? offset : -offset - b.theme.w;
      const codesX = dir === 1 ? b.theme.x + b.theme.w + GAP.themeToCodes : b.theme.x - GAP.themeToCodes;
      let codeY = midY - b.codesHeight / 2;
      for (const c of b.codes) {
        c.y = codeY;
        c.x = dir === 1 ? codesX : codesX - c.w;
        codeY += c.h + GAP.codes;
        extent = Math.max(extent, dir === 1 ? c.x + c.w : -c.x);
      }
      extent = Math.max(extent, dir === 1 ? b.theme.x + b.theme.w : -b.theme.x);
      y += b.height + GAP.blocks;
    }
    return Math.max(extent, centre.w / 2);
  };
  const rightExtent = placeSide(right, 1);
  const leftExtent = placeSide(left, -1);
  const cx = GAP.margin + leftExtent;
  const boxes: Box[] = [];
  centre.x = cx - centre.w / 2;
  centre.y = cy - centre.h / 2;
  boxes.push(centre);
  const edges: Edge[] = [];
  for (const [side, dir] of [[right, 1], [left, -1]] as const) {
    for (const b of side) {
      b.theme.x += cx;
      for (const c of b.codes) c.x += cx;
      boxes.push(b.theme, ...b.codes);
      const tIn: [number, number] = [dir === 1 ? b.theme.x : b.theme.x + b.theme.w, b.theme.y + b.theme.h / 2];
      const cOut: [number, number] = [dir === 1 ? centre.x + centre.w : centre.x, Math.min(centre.y + centre.h - 6, Math.max(centre.y + 6, tIn[1]))];
      edges.push({ from: "centre", to: b.theme.id, points: [cOut, tIn], color: b.theme.color });
      const tOut: [number, number] = [dir === 1 ? b.theme.x + b.theme.w : b.theme.x, b.theme.y + b.theme.h / 2];
      const spine = tOut[0] + (dir * GAP.themeToCodes) / 2;
      for (const c of b.codes) {
        const cIn: [number, number] = [dir === 1 ? c.x : c.x + c.w, c.y + c.h / 2];
        edges.push({ from: b.theme.id, to: c.id, points: [tOut, [spine, tOut[1]], [spine, cIn[1]], cIn], color: b.theme.color });
      }
    }
  }
  const width = Math.max(640, Math.ceil(cx + rightExtent + GAP.margin));
  const textWidthMax = width - 2 * GAP.margin;
  const texts: Layout["texts"] = [];
  let y = GAP.margin;
  const add = (text: string, size: number, bold: boolean) => {
    for (const line of wrapText(text, textWidthMax, size, bold)) {
      y += size * LINE;
      texts.push({ text: line, x: GAP.margin, y, size, bold });
    }
  };
  add(`Thematic map: ${data.title} (n = ${data.patients})`, 17, true);
  if (data.note) add(data.note, 13, false);
  // The body was placed below a fixed header height; push it down if the header wrapped further.
  const shift = Math.max(0, y + 14 - top);
  if (shift > 0) {
    for (const b of boxes) b.y += shift;
    for (const e of edges) for (const p of e.points) p[1] += shift;
  }
  y = top + shift + bodyHeight + 16;
  add(FOOTNOTE, 10.5, false);
  const height = Math.ceil(y + GAP.margin);
  return { width, height, boxes, edges, texts };
}
