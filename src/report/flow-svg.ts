import { escapeHtml as esc } from "./escape.js";
import type { FlowArrow, FlowLayout } from "./flow-layout.js";
import { FIGURE_FONT } from "./text-width.js";

const r = (v: number) => String(Math.round(v * 10) / 10);

function arrowSvg(a: FlowArrow): string {
  const pts = a.points.map(([x, y]) => `${r(x)},${r(y)}`).join(" ");
  let out = `<polyline points="${pts}" fill="none" stroke="#333" stroke-width="1.5"/>`;
  if (a.head) {
    // A drawn triangle rather than a <marker>: markers need ids, and ids clash once several SVGs share a page.
    const [[x1, y1], [x2, y2]] = a.points.slice(-2);
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
    const [bx, by] = [x2 - 9 * ux, y2 - 9 * uy];
    out += `<polygon points="${r(x2)},${r(y2)} ${r(bx - 4.5 * uy)},${r(by + 4.5 * ux)} ${r(bx + 4.5 * uy)},${r(by - 4.5 * ux)}" fill="#333"/>`;
  }
  return out;
}

/**
 * The flow chart as a standalone SVG document (valid XML, no XML declaration, so the same text can be
 * written to flow.svg and placed inline in report.html).
 */
export function flowSvg(layout: FlowLayout, title = "Flow of patients through screening"): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${r(layout.height)}" viewBox="0 0 ${layout.width} ${r(layout.height)}" role="img" font-family="${esc(FIGURE_FONT)}" font-size="${layout.fontSize}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  for (const a of layout.arrows) parts.push(arrowSvg(a));
  for (const b of layout.boxes) {
    const fill = b.id === "excluded" ? "#f6f6f6" : "#fff";
    parts.push(`<g class="box-${esc(b.id)}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="3" fill="${fill}" stroke="#333" stroke-width="1.5"/>`);
    for (const l of b.lines) {
      const anchor = l.anchor === "middle" ? ` text-anchor="middle"` : "";
      const weight = l.bold ? ` font-weight="bold"` : "";
      parts.push(`<text x="${r(l.x)}" y="${r(l.y)}"${anchor}${weight}>${esc(l.text)}</text>`);
    }
    parts.push(`</g>`);
  }
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}
