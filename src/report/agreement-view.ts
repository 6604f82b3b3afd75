import { agreedOf, figureText, fixed, intervalText, undefinedText } from "../stats/agreement/wording.js";
import type { AgreementSource } from "./report-inputs.js";

/** One measure of the agreement table: its text per source (HTML) and its cells per source (workbook). */
export interface AgreementRow {
  measure: string;
  /** As read: "0.857 (0.069)", "75 of 79 agreed (0.949)", "undefined (why)", `–` where a source lacks it. */
  values: string[];
}

/** One workbook row: numbers rounded to 3 places, text for counts and undefined figures, "" where absent. */
export interface AgreementCellRow {
  measure: string;
  values: (number | string)[];
}

export interface AgreementView {
  sources: string[];
  /** One row per figure any source has. */
  rows: AgreementRow[];
  /** The same figures for the workbook: estimate, SE and interval ends each in a row of its own. */
  cells: AgreementCellRow[];
  matrices: { source: string; categories: string[]; counts: number[][] }[];
  /** How each interval was computed ("Cohen's kappa: kappa ± 1.96·SE …"), once each. */
  methods: string[];
}

type Report = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const round3 = (x: number) => Number(fixed(x));
const whyOf = (r: Report, key: string): string | undefined => (r.why_undefined as Record<string, string> | undefined)?.[key];

/** A figure with an optional SE and interval, under the JSON keys of SPEC §7. */
interface Spread {
  key: string;
  name: string;
  se?: string;
  ci?: string;
}

const SPREADS: Spread[] = [
  { key: "cohen_kappa", name: "Cohen's kappa", se: "cohen_kappa_se", ci: "cohen_kappa_ci95" },
  { key: "weighted_kappa", name: "Weighted kappa", se: "weighted_kappa_se", ci: "weighted_kappa_ci95" },
  { key: "pabak", name: "PABAK" },
  { key: "gwet_ac1", name: "Gwet's AC1", se: "gwet_ac1_se", ci: "gwet_ac1_ci95" },
  { key: "krippendorff_alpha", name: "Krippendorff's alpha (nominal)", ci: "krippendorff_alpha_ci95" },
  { key: "fleiss_kappa", name: "Fleiss' kappa" },
  { key: "prevalence_index", name: "Prevalence index" },
  { key: "bias_index", name: "Bias index" },
];

const METHOD_NAMES: Record<string, string> = {
  cohen_kappa_ci95: "Cohen's kappa",
  weighted_kappa_ci95: "Weighted kappa",
  gwet_ac1_ci95: "Gwet's AC1",
  krippendorff_alpha_ci95: "Krippendorff's alpha",
};

function sample(r: Report): string | undefined {
  return num(r.sampled) !== undefined ? `first ${r.first ?? "?"} + ${Math.round(100 * (num(r.fraction) ?? 0))}% at random, seed ${r.seed ?? "?"}: ${r.sampled} patients` : undefined;
}

function agreed(r: Report): string | undefined {
  const n = num(r.items_compared);
  const a = num(r.items_agreed);
  if (n !== undefined && a !== undefined) return agreedOf(a, n);
  return r.observed_agreement !== undefined ? figureText(num(r.observed_agreement)) : undefined;
}

/**
 * The agreement figures of every agreement.json side by side, with each confusion matrix, its
 * categories shown by `labelOf` (the study's labels). Pure.
 */
export function agreementView(sources: readonly AgreementSource[], labelOf: (id: string) => string = (id) => id): AgreementView {
  const reports = sources.map((s) => s.report);
  const rows: AgreementRow[] = [];
  const cells: AgreementCellRow[] = [];
  const add = (measure: string, text: (r: Report) => string | undefined) => {
    if (!reports.some((r) => text(r) !== undefined)) return;
    rows.push({ measure, values: reports.map((r) => text(r) ?? "–") });
  };
  const addCells = (measure: string, cell: (r: Report) => number | string | undefined) => {
    if (reports.some((r) => cell(r) !== undefined)) cells.push({ measure, values: reports.map((r) => cell(r) ?? "") });
  };
  const both = (measure: string, text: (r: Report) => string | undefined, cell: (r: Report) => number | string | undefined) => {
    add(measure, text);
    addCells(measure, cell);
  };

  both("Raters", (r) => (num(r.raters) !== undefined ? String(r.raters) : undefined), (r) => num(r.raters));
  both("Second-rater sample", sample, sample);
  both("Items rated by both (compared)", (r) => (num(r.items_compared) !== undefined ? `${r.items_compared} of ${r.items ?? "?"}` : undefined), (r) => num(r.items_compared));
  add("Observed agreement", agreed);
  addCells("Items agreed", (r) => num(r.items_agreed));
  addCells("Observed agreement", (r) => (num(r.observed_agreement) !== undefined ? round3(num(r.observed_agreement)!) : undefined));

  for (const s of SPREADS) {
    const present = (r: Report) => r[s.key] !== undefined;
    const value = (r: Report) => (present(r) ? figureText(num(r[s.key]) ?? null, whyOf(r, s.key)) : undefined);
    const name = (r: Report) => (s.key === "weighted_kappa" && typeof r.weights === "string" ? `${s.name} (${r.weights})` : s.name);
    const label = reports.map(name).find((n) => n !== s.name) ?? s.name;
    const se = s.se;
    const ci = s.ci;
    add(se ? `${label} (SE)` : label, (r) => {
      const v = value(r);
      const e = se ? num(r[se]) : undefined;
      return v !== undefined && e !== undefined && num(r[s.key]) !== undefined ? `${v} (${fixed(e)})` : v;
    });
    if (ci) add(`${label} 95% CI`, (r) => (present(r) && num(r[s.key]) !== undefined && r[ci] !== undefined ? intervalText(r[ci] as [number, number] | null, whyOf(r, ci)) : undefined));
    addCells(label, (r) => (present(r) ? (num(r[s.key]) !== undefined ? round3(num(r[s.key])!) : undefinedText(whyOf(r, s.key))) : undefined));
    if (se) addCells(`${label} SE`, (r) => (num(r[s.key]) !== undefined && num(r[se]) !== undefined ? round3(num(r[se])!) : undefined));
    if (ci) {
      const end = (i: 0 | 1) => (r: Report) => {
        if (num(r[s.key]) === undefined || r[ci] === undefined) return undefined;
        const v = r[ci] as [number, number] | null;
        return v ? round3(v[i]) : undefinedText(whyOf(r, ci));
      };
      addCells(`${label} 95% CI lower`, end(0));
      addCells(`${label} 95% CI upper`, end(1));
    }
  }

  const matrices = sources.flatMap((s) => {
    const m = s.report.confusion_matrix;
    if (!m || typeof m !== "object") return [];
    const matrix = m as Record<string, Record<string, unknown>>;
    const categories = Array.isArray(s.report.categories) ? (s.report.categories as unknown[]).map(String) : Object.keys(matrix);
    return [{ source: s.label, categories: categories.map(labelOf), counts: categories.map((a) => categories.map((b) => num(matrix[a]?.[b]) ?? 0)) }];
  });
  const methods = [
    ...new Set(
      reports.flatMap((r) => Object.entries((r.methods as Record<string, string> | undefined) ?? {}).map(([k, how]) => `${METHOD_NAMES[k] ?? k}: ${how}.`)),
    ),
  ];
  return { sources: sources.map((s) => s.label), rows, cells, matrices, methods };
}

/** A value of a CSV written by another stage, for display: long decimals shortened to 3 places. */
export function displayValue(value: string): string {
  return /^-?\d+\.\d{4,}$/.test(value) ? fixed(Number(value)) : value;
}
