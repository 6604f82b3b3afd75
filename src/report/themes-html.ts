import { QUOTE_TEXT_COLUMN } from "../io/artefacts.js";
import { escapeHtml as esc } from "./escape.js";
import { humanise } from "./format.js";
import { csvTableHtml, htmlTable, para, type HtmlCell } from "./html-parts.js";
import { FLAGS_COLUMN, type CsvTable } from "./report-inputs.js";
import { sanitiseSvg } from "./sanitise-svg.js";

const GROUP_NAMES: Readonly<Record<string, string>> = { adult: "Adults", child: "Children" };
const groupName = (g: string) => GROUP_NAMES[g] ?? humanise(g);

/** The theme maps, sanitised and inline. */
export function themeMapsHtml(maps: readonly { group: string; file: string; svg: string }[]): string {
  return maps
    .map((m, i) => {
      const clean = sanitiseSvg(m.svg, `theme-map-${m.group}`);
      if (!clean.svg.startsWith("<svg")) return para(`${m.file} is not an SVG drawing; run notes-analyse code again.`);
      const removed = clean.removed.length > 0 ? para(`Removed from ${m.file} before showing it: ${clean.removed.join(", ")}.`) : "";
      return `<figure>\n${clean.svg}\n<figcaption>Figure ${i + 2}. Thematic map: ${esc(groupName(m.group))} (${esc(m.file)}).</figcaption>\n</figure>${removed}`;
    })
    .join("\n");
}

const FREQ_NEEDS = ["level", "label", "patients_adult", "patients_child", "extracts_adult", "extracts_child"];

/**
 * Code frequencies: themes with their codes under them, patients (with the share of the group's
 * patients when the file gives it) and extracts for adults and children. A file of another shape is
 * shown as written.
 */
export function frequenciesHtml(table: CsvTable): string {
  if (!FREQ_NEEDS.every((c) => table.columns.includes(c))) return csvTableHtml(table, "Codes and themes: patients and extracts");
  const patients = (r: Record<string, string>, g: string) => (r[`pct_patients_${g}`] ? `${r[`patients_${g}`]} (${r[`pct_patients_${g}`]}%)` : r[`patients_${g}`]);
  const num = (text: string): HtmlCell => ({ text, cls: "num" });
  const rows = table.rows.map((r) => {
    const theme = r.level === "theme";
    const label = r.label || r.id || "";
    return {
      cls: theme ? "group" : undefined,
      cells: [theme ? { text: label, header: true } : { text: label, cls: "sub" }, ...["adult", "child"].flatMap((g) => [num(patients(r, g)), num(r[`extracts_${g}`])])],
    };
  });
  const head = ["Theme / code", num("Adults: patients (%)"), num("Adults: extracts"), num("Children: patients (%)"), num("Children: extracts")];
  return `${htmlTable(head, rows, "Themes and codes: patients and extracts by group")}\n${para("Percentages are of the included patients of each group.")}`;
}

interface Flag {
  kind: string;
  start?: number;
  end?: number;
}

/** `name_after_title@12-20; date_of_birth@30-45` (the code stage's form) or plain `name; date`. */
export function parseFlags(cell: string): Flag[] {
  return cell
    .split(/[;,|]/)
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => {
      const m = /^([\w-]+)@(\d+)-(\d+)$/.exec(f);
      return m ? { kind: m[1], start: Number(m[2]), end: Number(m[3]) } : { kind: f };
    });
}

/** The quote, escaped, with each flagged span marked so a reader sees exactly what to check. */
export function markedQuote(text: string, flags: readonly Flag[]): string {
  const spans = flags
    .filter((f): f is Required<Flag> => f.start !== undefined && f.end !== undefined && f.start < f.end && f.end <= text.length)
    .sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping spans: the first one marks the text
    out += esc(text.slice(at, s.start)) + `<mark title="${esc(humanise(s.kind))}">${esc(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return out + esc(text.slice(at));
}

/** Exemplar quotes by group and theme, as escaped text; identifier flags shown above each quote and marked in it. */
export function quotesHtml(table: CsvTable, themeLabels: ReadonlyMap<string, string> = new Map()): string {
  const textCol = QUOTE_TEXT_COLUMN;
  if (!table.columns.includes(textCol)) return `${para(`${table.file} has no quote text column (${textCol}); shown as written.`)}\n${csvTableHtml(table)}`;
  if (table.rows.length === 0) return para(`${table.file} has no quotes.`);
  const about = table.columns.filter((c) => ![textCol, FLAGS_COLUMN, "group", "theme", "needs_review"].includes(c));
  const flagged = table.rows.filter((r) => (r[FLAGS_COLUMN] ?? "").trim() !== "").length;
  const out = [
    flagged > 0
      ? para(`${flagged} of ${table.rows.length} quotes carry identifier flags: check and mask them before any quote leaves the secure environment.`, "warn")
      : para(`${table.rows.length} quotes; none carries an identifier flag.`),
  ];
  let group: string | undefined;
  let theme: string | undefined;
  for (const r of table.rows) {
    if (r.group !== undefined && r.group !== group) {
      [group, theme] = [r.group, undefined];
      out.push(`<h3>${esc(groupName(group))}</h3>`);
    }
    if (r.theme !== undefined && r.theme !== theme) {
      theme = r.theme;
      out.push(`<h4>${esc(themeLabels.get(theme) ?? humanise(theme))}</h4>`);
    }
    const text = r[textCol] ?? "";
    const flags = parseFlags(r[FLAGS_COLUMN] ?? "");
    const flagHtml = flags.length > 0 ? `<p class="flags">⚠ Possible identifier: ${flags.map((f) => `<span class="flag">${esc(humanise(f.kind))}</span>`).join("")}</p>` : "";
    const meta = about.filter((c) => (r[c] ?? "") !== "").map((c) => `${esc(c)}: ${esc(r[c].replace(/;(?=\S)/g, "; "))}`).join(" · ");
    out.push(`<div class="quote${flags.length > 0 ? " flagged" : ""}">${flagHtml}<blockquote>${markedQuote(text, flags)}</blockquote><div class="about">${meta}</div></div>`);
  }
  return out.join("\n");
}

/** Theme ids → labels, from code-frequencies.csv when it has them. */
export function themeLabelsOf(table: CsvTable | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of table?.rows ?? []) if (r.level === "theme" && r.id && r.label) out.set(r.id, r.label);
  return out;
}
