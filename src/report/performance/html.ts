import { escapeHtml as esc } from "../escape.js";
import { htmlTable, para, type HtmlCell } from "../html-parts.js";
import type { Comparison, PerformanceCard, Task } from "./compute.js";
import { kappaWords } from "./text.js";

const TASKS: [Task, string][] = [
  ["screening", "Screening"],
  ["routes", "Identification routes"],
  ["codes", "Codes"],
];

const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);

function sourceLabel(c: Comparison, card: PerformanceCard): string {
  if (c.source === "rules") return "Rules' suggestion";
  const rule = c.task === "routes" ? "the route with the highest model score" : "suggested at a model score ≥ 0.5";
  return `Model (${rule}), out-of-fold, ${card.folds}-fold cross-validation, seed ${card.seed}`;
}

function matrix(c: Comparison): string {
  const head: HtmlCell[] = [{ text: "suggested ↓ / final →" }, ...c.categories.map((cat) => ({ text: cat, cls: "num" }))];
  const rows = c.categories.map((cat, i) => ({ cells: [{ text: cat, header: true }, ...c.counts[i].map((n): HtmlCell => ({ text: String(n), cls: "num" }))] as HtmlCell[] }));
  return htmlTable(head, rows);
}

function comparisonHtml(c: Comparison, card: PerformanceCard): string {
  const k = c.kappa;
  const fig = k ? `Cohen's ${kappaWords(k)}; agreement ${pct(k.observed * c.n, c.n)} of ${c.n}` : `no decisions to compare`;
  return `<h4>${esc(sourceLabel(c, card))}</h4>\n<p>${esc(fig)}.</p>\n${matrix(c)}`;
}

/** On the page: the most-fired rules and any other that was often wrong; the full list is in report.xlsx. */
const SHOWN_RULES = 15;
const WEAK = 0.8;

function rulesHtml(card: PerformanceCard, task: Task): string {
  const all = card.rules.filter((r) => r.task === task);
  if (all.length === 0) return "";
  const rules = all.filter((r, i) => i < SHOWN_RULES || r.agreed / r.fired < WEAK);
  const more = all.length - rules.length;
  const head: HtmlCell[] = [{ text: "rule id" }, { text: "fired", cls: "num" }, { text: "final decision agreed", cls: "num" }, { text: "precision", cls: "num" }];
  const rows = rules.map((r) => ({ cells: [{ text: r.rule }, { text: String(r.fired), cls: "num" }, { text: String(r.agreed), cls: "num" }, { text: pct(r.agreed, r.fired), cls: "num" }] as HtmlCell[] }));
  const caption = `Precision of each rule id that fired${more > 0 ? ` (the ${SHOWN_RULES} most fired and any below ${100 * WEAK}%; ${more} more in report.xlsx, sheet Performance)` : ""}`;
  return htmlTable(head, rows, caption);
}

/**
 * The performance card: how the rules' and the model's suggestions agreed with this study's own final
 * decisions, task by task, and how often each rule was right when it fired. Every value escaped. Pure.
 */
export function performanceHtml(card: PerformanceCard): string {
  const parts = [
    para(
      "How far to trust the suggestions on these notes: each task's suggestions against the people's final decisions in this study. The model's figures are out-of-fold: every decision is predicted by a model fitted on the other decisions, never on its own. Suggestions, from the rules or the model, are help for the raters and never decisions.",
    ),
  ];
  for (const [task, title] of TASKS) {
    const cs = card.comparisons.filter((c) => c.task === task);
    const notes = card.notes.filter((n) => n.startsWith(`${task}:`));
    if (cs.length === 0 && notes.length === 0) continue;
    parts.push(`<h3>${esc(title)}</h3>`);
    if (cs[0]) parts.push(para(`Compared: ${cs[0].what}.`));
    for (const c of cs) parts.push(comparisonHtml(c, card));
    for (const n of notes) parts.push(para(n));
    parts.push(rulesHtml(card, task));
  }
  return parts.filter(Boolean).join("\n");
}
