import { displayValue } from "./agreement-view.js";
import { escapeHtml as esc } from "./escape.js";
import type { CsvTable, Part } from "./report-inputs.js";

/** A table cell: text (escaped when rendered), or trusted markup built by the report itself. */
export type HtmlCell = string | { text?: string; html?: string; cls?: string; colspan?: number; header?: boolean };

/**
 * Text with break opportunities after the separators inside a long id (`other_service:social_services`,
 * `instability.no_recourse`), so a narrow column wraps it there and never inside a word.
 */
export function breakable(text: string): string {
  return text
    .split(/(\s+)/)
    .map((part) => (part.length > 14 && !/\s/.test(part) ? esc(part).replace(/([_:./])(?=[^\s])/g, "$1<wbr>") : esc(part)))
    .join("");
}

function cell(c: HtmlCell, tag: "td" | "th", scope: "col" | "row" = "row"): string {
  const o = typeof c === "string" ? { text: c } : c;
  const t = o.header ? "th" : tag;
  const attrs = `${o.cls ? ` class="${esc(o.cls)}"` : ""}${o.colspan ? ` colspan="${o.colspan}"` : ""}${t === "th" && !o.colspan ? ` scope="${scope}"` : ""}`;
  return `<${t}${attrs}>${o.html ?? breakable(o.text ?? "")}</${t}>`;
}

/** An HTML table; `rowClass` marks whole rows (e.g. a characteristic's heading row). */
export function htmlTable(head: HtmlCell[], rows: { cells: HtmlCell[]; cls?: string }[], caption?: string): string {
  const thead = `<thead><tr>${head.map((h) => cell(h, "th", "col")).join("")}</tr></thead>`;
  const body = rows.map((r) => `<tr${r.cls ? ` class="${esc(r.cls)}"` : ""}>${r.cells.map((c) => cell(c, "td")).join("")}</tr>`).join("\n");
  return `<table>${caption ? `<caption>${esc(caption)}</caption>` : ""}${thead}<tbody>\n${body}\n</tbody></table>`;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A CSV another stage wrote, shown as it is (long decimals shortened), numbers right-aligned. */
export function csvTableHtml(table: CsvTable, caption?: string): string {
  if (table.rows.length === 0) return `<p class="note">${esc(table.file)} has no rows.</p>`;
  const numeric = table.columns.map((c) => table.rows.every((r) => r[c] === "" || NUMERIC.test(r[c] ?? "")));
  return htmlTable(
    table.columns.map((c, i) => ({ text: c, cls: numeric[i] ? "num" : undefined })),
    table.rows.map((r) => ({ cells: table.columns.map((c, i) => ({ text: displayValue(r[c] ?? ""), cls: numeric[i] ? "num" : undefined })) })),
    caption,
  );
}

/** A heading (none when `title` is empty), where the figures come from, and the body; or the note saying which command makes them. */
export function block<T>(title: string, level: 2 | 3, part: Part<T>, body: (data: T) => string): string {
  const inner = "missing" in part ? `<p class="missing">${esc(part.missing)}</p>` : `<p class="source">From ${esc(part.source)}</p>\n${body(part.data)}`;
  return title ? `<h${level}>${esc(title)}</h${level}>\n${inner}` : inner;
}

/** A section of the report (each starts a new page when printed). */
export function section(id: string, title: string, ...blocks: string[]): string {
  return `<section id="${esc(id)}">\n<h2>${esc(title)}</h2>\n${blocks.filter((b) => b !== "").join("\n")}\n</section>`;
}

export const para = (text: string, cls = "note") => `<p class="${cls}">${esc(text)}</p>`;
