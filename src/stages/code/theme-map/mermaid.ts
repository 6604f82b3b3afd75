import { countLabel, type ThemeMapData } from "./data.js";

/** A Mermaid label of several lines; quotes and markup in the text become entity codes, so any text is safe. */
const label = (...lines: string[]): string => `"${lines.map((s) => s.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;")).join("<br/>")}"`;
const safeId = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, "_");

/**
 * The theme map as Mermaid flowchart source (paste into any Mermaid renderer, GitHub, or
 * `mmdc -i theme-map-adult.mmd -o map.svg`): question → themes → codes, each with its patient count.
 */
export function themeMapMermaid(data: ThemeMapData): string {
  const root = `q_${safeId(data.group)}`;
  const out = [
    `%% Thematic map: ${data.title} (n = ${data.patients})${data.note ? `. ${data.note}` : ""}`.replace(/\n/g, " "),
    "flowchart LR",
    `  ${root}(${label(data.question, `${data.title}: n = ${data.patients}`)})`,
  ];
  const styles: string[] = [];
  for (const t of data.themes) {
    const tid = `t_${safeId(t.id)}`;
    out.push(`  ${root} --- ${tid}[${label(t.label, countLabel(t.patients, data.patients))}]`);
    for (const c of t.codes) out.push(`  ${tid} --- c_${safeId(c.id)}[${label(c.label, countLabel(c.patients, data.patients))}]`);
    if (t.color) styles.push(`  style ${tid} stroke:${t.color},stroke-width:${t.patients > 0 ? 3 : 1}px${t.patients === 0 ? ",stroke-dasharray:5 3" : ""}`);
  }
  out.push(...styles, "");
  return out.join("\n");
}
