import { escapeXml } from "../../io/escape-xml.js";
import type { SeedResult } from "./simulate.js";

const W = 560;
const H = 400;
const M = { left: 56, right: 16, top: 36, bottom: 48 };
const pw = W - M.left - M.right;
const ph = H - M.top - M.bottom;
const px = (f: number) => (M.left + f * pw).toFixed(1);
const py = (r: number) => (M.top + (1 - r) * ph).toFixed(1);

/**
 * The recall curve of each seed's replay (screened fraction → recall, after the random start) beside the
 * line random order follows on average, with the 95% recall level and where the stopping rule stopped.
 * Self-contained SVG, no script, the same bytes for the same results. Pure.
 */
export function recallCurveSvg(results: readonly SeedResult[], title: string, stopAfter: number): string {
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`);
  for (let t = 0; t <= 10; t += 2) {
    const f = t / 10;
    parts.push(`<line x1="${px(f)}" y1="${py(0)}" x2="${px(f)}" y2="${py(1)}" stroke="#eeeeee"/>`, `<line x1="${px(0)}" y1="${py(f)}" x2="${px(1)}" y2="${py(f)}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${px(f)}" y="${H - M.bottom + 16}" text-anchor="middle">${t * 10}%</text>`, `<text x="${M.left - 6}" y="${py(f)}" dy="4" text-anchor="end">${t * 10}%</text>`);
  }
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#444444"/>`);
  parts.push(`<text x="${M.left + pw / 2}" y="${H - 10}" text-anchor="middle">records screened (after the random start)</text>`);
  parts.push(`<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">relevant records found (recall)</text>`);
  parts.push(`<line x1="${px(0)}" y1="${py(0.95)}" x2="${px(1)}" y2="${py(0.95)}" stroke="#999999" stroke-dasharray="2 3"/><text x="${px(1)}" y="${py(0.95)}" dx="-4" dy="-4" text-anchor="end" fill="#666666">95% recall</text>`);
  parts.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#d62728" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  for (const r of results) {
    const n = r.labels.length;
    const total = r.relevant || 1;
    let found = 0;
    const pts = [`${px(0)},${py(0)}`];
    r.labels.forEach((y, i) => {
      found += y;
      pts.push(`${px((i + 1) / n)},${py(found / total)}`);
    });
    parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="#1f77b4" stroke-width="1.2" stroke-opacity="0.8"/>`);
    if (r.stop.stopped) parts.push(`<circle cx="${px(r.stop.screened / n)}" cy="${py(r.stop.recall)}" r="3.5" fill="#ff7f0e" stroke="#ffffff"/>`);
  }
  const lx = M.left + pw - 250;
  const ly = M.top + ph - 58;
  parts.push(`<rect x="${lx}" y="${ly}" width="244" height="52" fill="#ffffff" stroke="#cccccc"/>`);
  parts.push(`<line x1="${lx + 8}" y1="${ly + 12}" x2="${lx + 32}" y2="${ly + 12}" stroke="#1f77b4" stroke-width="1.5"/><text x="${lx + 38}" y="${ly + 16}">model order (${results.length} seed${results.length === 1 ? "" : "s"})</text>`);
  parts.push(`<line x1="${lx + 8}" y1="${ly + 28}" x2="${lx + 32}" y2="${ly + 28}" stroke="#d62728" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${lx + 38}" y="${ly + 32}">random order (expected)</text>`);
  parts.push(`<circle cx="${lx + 20}" cy="${ly + 43}" r="3.5" fill="#ff7f0e"/><text x="${lx + 38}" y="${ly + 47}">stop after ${stopAfter} irrelevant in a row</text>`);
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
