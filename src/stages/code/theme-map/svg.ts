import { escapeXml as esc } from "../../../io/escape-xml.js";
import type { ThemeMapData } from "./data.js";
import { layoutThemeMap, type Box, type Layout } from "./layout.js";

const FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";


const r1 = (n: number): string => String(Math.round(n * 10) / 10);

function boxSvg(b: Box): string {
  const fillOpacity = b.kind === "centre" ? 1 : b.empty ? 0 : 0.12 + 0.55 * b.weight;
  const fill = b.kind === "centre" ? "#FFFFFF" : b.color;
  const stroke = b.empty ? "#9A9A9A" : b.color;
  const strokeWidth = b.kind === "centre" ? 2.5 : 1 + 2.5 * b.weight;
  const dash = b.empty ? ` stroke-dasharray="5 3"` : "";
  const textColor = b.empty ? "#777777" : "#1A1A1A";
  const out = [
    `  <g class="${b.kind}" id="${esc(`${b.kind}-${b.id}`)}">`,
    `    <rect x="${r1(b.x)}" y="${r1(b.y)}" width="${r1(b.w)}" height="${r1(b.h)}" rx="${b.kind === "code" ? 5 : 9}" fill="${fill}" fill-opacity="${fillOpacity.toFixed(2)}" stroke="${stroke}" stroke-width="${strokeWidth.toFixed(2)}"${dash}/>`,
  ];
  const lineHeight = b.fontSize * 1.3;
  const countSize = b.fontSize - 1.5;
  const total = b.lines.length * lineHeight + (b.count ? countSize * 1.3 : 0);
  let y = b.y + (b.h - total) / 2 + b.fontSize;
  const cx = b.x + b.w / 2;
  const weight = b.kind === "code" ? "normal" : "bold";
  for (const line of b.lines) {
    out.push(`    <text x="${r1(cx)}" y="${r1(y)}" font-size="${b.fontSize}" font-weight="${weight}" fill="${textColor}" text-anchor="middle">${esc(line)}</text>`);
    y += lineHeight;
  }
  if (b.count) out.push(`    <text x="${r1(cx)}" y="${r1(y - lineHeight + countSize * 1.3)}" font-size="${countSize}" fill="${textColor}" text-anchor="middle" font-style="italic">${esc(b.count)}</text>`);
  out.push("  </g>");
  return out.join("\n");
}

/** Render a laid-out theme map as a standalone SVG document. */
export function renderSvg(layout: Layout, data: ThemeMapData): string {
  const edges = layout.edges.map(
    (e) => `  <polyline points="${e.points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(" ")}" fill="none" stroke="${e.color}" stroke-opacity="0.7" stroke-width="1.5"/>`,
  );
  const texts = layout.texts.map((t) => `  <text x="${r1(t.x)}" y="${r1(t.y)}" font-size="${t.size}"${t.bold ? ` font-weight="bold"` : ""} fill="#1A1A1A">${esc(t.text)}</text>`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${FONT}">`,
    `  <title>${esc(`Thematic map: ${data.title}`)}</title>`,
    `  <desc>${esc(`${data.question}. ${data.themes.map((t) => `${t.label}: ${t.patients} of ${data.patients} patients`).join("; ")}.`)}</desc>`,
    `  <rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#FFFFFF"/>`,
    ...texts,
    ...edges,
    ...layout.boxes.map(boxSvg),
    `</svg>`,
    ``,
  ].join("\n");
}

/** Lay out and render a theme map as SVG. */
export function themeMapSvg(data: ThemeMapData): string {
  return renderSvg(layoutThemeMap(data), data);
}
