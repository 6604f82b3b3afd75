/** The report's only stylesheet, inlined: readable on screen, A4 on paper, no web fonts or images. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --soft: #f4f4f4; --warn: #a40000; --warn-bg: #fff1f0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 15px/1.45 "DejaVu Sans", "Segoe UI", Verdana, Arial, Helvetica, sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 22px 0 6px; }
h4 { font-size: 15px; margin: 16px 0 4px; }
p.meta, p.source, p.note, figcaption, .muted { color: var(--muted); }
p.meta { margin: 0 0 12px; }
p.source { font-size: 13px; margin: 0 0 10px; }
p.note { font-size: 13px; margin: 6px 0; }
p.warn { color: var(--warn); font-weight: bold; font-size: 14px; }
p.draft { padding: 8px 14px; color: var(--warn); background: var(--warn-bg); border-left: 4px solid var(--warn); font-weight: bold; }
p.missing { padding: 10px 14px; background: var(--soft); border-left: 4px solid var(--muted); font-style: italic; }
nav ol { margin: 8px 0 0; padding-left: 22px; columns: 2; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 14px; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 6px; }
th, td { padding: 4px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); border-top: 2px solid var(--ink); }
td.num, th.num { text-align: right; white-space: nowrap; }
/* Headers wrap between words only: a narrow column never splits a word. */
th { overflow-wrap: normal; word-break: normal; hyphens: manual; }
thead th.num { white-space: normal; }
td.num.wrap { white-space: normal; }
td.measure { min-width: 11em; }
td.undefined { white-space: normal; min-width: 8em; max-width: 18em; text-align: left; font-size: 12px; color: var(--muted); }
tr.group th, tr.group td { padding-top: 10px; background: var(--soft); font-weight: bold; }
td.sub { padding-left: 26px; }
td.sub2 { padding-left: 46px; }
small.confirmed { display: block; color: var(--muted); font-size: 12px; }
figure { margin: 12px 0 18px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; margin-top: 6px; }
.quote { margin: 10px 0 14px; padding: 10px 14px; border-left: 4px solid var(--rule); background: #fafafa; }
.quote blockquote { margin: 0; white-space: pre-wrap; font-style: italic; }
.quote .about { font-size: 12px; color: var(--muted); margin-top: 6px; }
.quote.flagged { border-left-color: var(--warn); background: var(--warn-bg); }
.quote mark { background: #ffd6d1; color: inherit; border-bottom: 2px solid var(--warn); font-style: normal; }
.flags { margin: 0 0 6px; font-size: 13px; font-weight: bold; color: var(--warn); }
.flags .flag { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border: 1px solid var(--warn); border-radius: 3px; background: #fff; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  h2, h3, h4, caption { break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, figure, .quote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
