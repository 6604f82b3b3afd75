import type { Flow, ReasonLabel } from "./flow.js";
import { textWidth, wrapText } from "./text-width.js";
import { thousands } from "../core/message.js";

/** One line of text placed in a box; `x` is its start, or its middle when `anchor` is middle. */
export interface PlacedLine {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  bold: boolean;
  anchor: "start" | "middle";
}

export interface FlowBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: PlacedLine[];
}

/** A connector through `points`, with an arrowhead at the last point when `head`. */
export interface FlowArrow {
  points: [number, number][];
  head: boolean;
}

export interface FlowLayout {
  width: number;
  height: number;
  fontSize: number;
  boxes: FlowBox[];
  arrows: FlowArrow[];
}

const WIDTH = 760;
const MARGIN = 20;
const SIZE = 13;
const LINE = 18;
const PAD = 10;
const MAIN_W = 340;
const SIDE_X = 400;
const SIDE_W = WIDTH - MARGIN - SIDE_X;
const GAP_X = 30;

interface Para {
  text: string;
  bold?: boolean;
  bullet?: boolean;
}

// Non-breaking spaces keep "(n = 80)" on one line.
const n = (k: number) => `(n\u00a0=\u00a0${thousands(k)})`;

/** Wrap paragraphs into a box of width `w` at (x, y); centred text unless `left`. */
function box(id: string, x: number, y: number, w: number, paras: Para[], left = false): FlowBox {
  const inner = w - 2 * PAD;
  const lines: PlacedLine[] = [];
  for (const p of paras) {
    // Bold is measured like regular: the width table is already the bold face's.
    const indent = p.bullet ? textWidth("• ", SIZE) : 0;
    wrapText(p.text, inner - indent, SIZE).forEach((t, i) => {
      const text = p.bullet && i === 0 ? `• ${t}` : t;
      lines.push({ text, x: left ? x + PAD + (p.bullet && i > 0 ? indent : 0) : x + w / 2, y: 0, bold: Boolean(p.bold), anchor: left ? "start" : "middle" });
    });
  }
  lines.forEach((l, i) => (l.y = y + PAD + i * LINE + SIZE));
  return { id, x, y, w, h: 2 * PAD + lines.length * LINE, lines };
}

function shift(b: FlowBox, dy: number): FlowBox {
  return { ...b, y: b.y + dy, lines: b.lines.map((l) => ({ ...l, y: l.y + dy })) };
}

/**
 * A PRISMA/RECORD-style flow chart of screening: returned → (excluded, by reason, on the side) →
 * included → adults / children (and age unknown, when any), each reason under the study's label for it.
 * Every text line is wrapped to fit its box by the width estimate of text-width.ts. Pure.
 */
export function layoutFlow(flow: Flow, childAgeCutoff: number, reasonLabel: ReasonLabel): FlowLayout {
  const cx = MARGIN + MAIN_W / 2;
  const returned = box("returned", MARGIN, MARGIN, MAIN_W, [{ text: `Patients whose notes matched the search terms ${n(flow.returned.total)}`, bold: true }]);
  const undecided = flow.returned.total - flow.excluded.total - flow.included.total;
  const reasons = flow.reasons.filter((r) => r.count.total > 0).map((r): Para => ({ text: `${reasonLabel(r.reason)} ${n(r.count.total)}`, bullet: true }));
  if (undecided > 0) reasons.push({ text: `Not yet decided ${n(undecided)}`, bullet: true });
  let excluded = box("excluded", SIDE_X, 0, SIDE_W, [{ text: `Excluded on screening ${n(flow.excluded.total)}`, bold: true }, ...reasons], true);

  const gap = Math.max(60, excluded.h + 40);
  const top = returned.y + returned.h;
  excluded = shift(excluded, top + (gap - excluded.h) / 2);
  const included = box("included", MARGIN, top + gap, MAIN_W, [{ text: `Included in the analysis ${n(flow.included.total)}`, bold: true }]);

  const groups: [string, string, number][] = [
    ["adult", `Adults, ${childAgeCutoff} or over at first contact ${n(flow.included.adult)}`, flow.included.adult],
    ["child", `Children, under ${childAgeCutoff} at first contact ${n(flow.included.child)}`, flow.included.child],
  ];
  if (flow.included.unknown > 0) groups.push(["unknown", `Age at first contact unknown ${n(flow.included.unknown)}`, flow.included.unknown]);
  const bw = (WIDTH - 2 * MARGIN - (groups.length - 1) * GAP_X) / groups.length;
  const splitY = included.y + included.h + 50;
  let split = groups.map(([id, text], i) => box(id, MARGIN + i * (bw + GAP_X), splitY, bw, [{ text }]));
  // Boxes of one row share a height, so the row reads as one level of the chart.
  const h = Math.max(...split.map((b) => b.h));
  split = split.map((b) => {
    const dy = (h - b.h) / 2;
    return { ...shift(b, dy), y: b.y, h };
  });

  const exclMid = excluded.y + excluded.h / 2;
  const barY = included.y + included.h + 25;
  const centres = split.map((b) => b.x + b.w / 2);
  const arrows: FlowArrow[] = [
    { points: [[cx, top], [cx, included.y]], head: true },
    { points: [[cx, exclMid], [SIDE_X, exclMid]], head: true },
    { points: [[cx, included.y + included.h], [cx, barY]], head: false },
    { points: [[Math.min(cx, ...centres), barY], [Math.max(cx, ...centres), barY]], head: false },
    ...centres.map((x): FlowArrow => ({ points: [[x, barY], [x, splitY]], head: true })),
  ];
  return { width: WIDTH, height: splitY + h + MARGIN, fontSize: SIZE, boxes: [returned, excluded, included, ...split], arrows };
}
