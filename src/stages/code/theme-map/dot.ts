import { countLabel, type ThemeMapData } from "./data.js";

const q = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
const nodeId = (kind: string, id: string): string => q(`${kind}:${id}`);

/**
 * The theme map as Graphviz DOT source a researcher can edit and re-render
 * (`twopi -Tsvg theme-map-adult.dot -o map.svg`): the question at the root, themes, then codes,
 * each labelled with its patient count; line weight grows with the count.
 */
export function themeMapDot(data: ThemeMapData): string {
  const max = Math.max(1, data.patients);
  const width = (n: number) => (1 + (3 * n) / max).toFixed(2);
  const out = [
    `// Thematic map: ${data.title} (n = ${data.patients}). Render with: twopi -Tsvg this.dot -o map.svg`,
    `digraph ${q(`theme_map_${data.group}`)} {`,
    `  graph [layout=twopi, root=${nodeId("centre", data.group)}, ranksep=2.2, overlap=false, splines=true, fontname="DejaVu Sans", label=${q(`Thematic map: ${data.title} (n = ${data.patients})${data.note ? `\n${data.note}` : ""}`)}, labelloc=t];`,
    `  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fillcolor="#FFFFFF"];`,
    `  edge [arrowhead=none];`,
    `  ${nodeId("centre", data.group)} [label=${q(`${data.question}\n${data.title}: n = ${data.patients}`)}, penwidth=2.5, fontsize=15];`,
  ];
  for (const t of data.themes) {
    const color = t.color ?? "#555555";
    out.push(`  ${nodeId("theme", t.id)} [label=${q(`${t.label}\n${countLabel(t.patients, data.patients)}`)}, color=${q(color)}, fillcolor=${q(`${color}33`)}, penwidth=${width(t.patients)}, fontsize=13${t.patients === 0 ? ", style=\"rounded,dashed\"" : ""}];`);
    out.push(`  ${nodeId("centre", data.group)} -> ${nodeId("theme", t.id)} [color=${q(color)}, penwidth=${width(t.patients)}];`);
    for (const c of t.codes) {
      out.push(`  ${nodeId("code", c.id)} [label=${q(`${c.label}\n${countLabel(c.patients, data.patients)}`)}, color=${q(color)}, penwidth=${width(c.patients)}, fontsize=11${c.patients === 0 ? ", style=\"rounded,dashed\"" : ""}];`);
      out.push(`  ${nodeId("theme", t.id)} -> ${nodeId("code", c.id)} [color=${q(color)}];`);
    }
  }
  out.push("}", "");
  return out.join("\n");
}
