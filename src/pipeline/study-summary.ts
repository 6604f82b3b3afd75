import { existsSync, readFileSync } from "node:fs";
import { artefactPath, readArtefactJson } from "../io/artefacts.js";
import { parse } from "csv-parse/sync";
import type { AgreementReport } from "../stats/agreement/summarise.js";
import { agreedOf, figureText } from "../stats/agreement/wording.js";

export interface StudySummary {
  returned?: number;
  excluded?: number;
  included?: { adult: number; child: number; total: number };
  screening_kappa?: number | null;
  screening_agreement?: number;
  screening_agreed?: { agreed: number; compared: number };
  screening_kappa_why?: string;
  routes?: Record<string, Record<string, string>>;
  themes?: Record<string, string[]>;
}

function csv(path: string): Record<string, string>[] {
  return existsSync(path) ? (parse(readFileSync(path, "utf8"), { columns: true, bom: true }) as Record<string, string>[]) : [];
}

/** The headline figures of a study's outputs, read from whichever stage files exist. */
export function readStudySummary(out: string): StudySummary {
  const s: StudySummary = {};
  const flow = csv(artefactPath(out, "flow"));
  const row = (step: string, reason = "") => flow.find((r) => r.step === step && r.reason === reason);
  if (flow.length) {
    s.returned = Number(row("returned")?.total ?? 0);
    s.excluded = Number(row("excluded", "all")?.total ?? 0);
    const inc = row("included");
    s.included = { adult: Number(inc?.adult ?? 0), child: Number(inc?.child ?? 0), total: Number(inc?.total ?? 0) };
  }
  const a = readArtefactJson(out, "screeningAgreement") as AgreementReport | undefined;
  if (a) {
    s.screening_kappa = a.cohen_kappa;
    s.screening_agreement = a.observed_agreement;
    if (a.items_agreed !== undefined) s.screening_agreed = { agreed: a.items_agreed, compared: a.items_compared };
    if (a.why_undefined?.cohen_kappa) s.screening_kappa_why = a.why_undefined.cohen_kappa;
  }
  const routes = csv(artefactPath(out, "routeSummary"));
  if (routes.length && "formatted" in routes[0]) {
    s.routes = {};
    for (const r of routes) {
      if (r.service) continue;
      (s.routes[r.group] ??= {})[r.category] = r.formatted;
    }
  }
  const themes = csv(artefactPath(out, "patientThemes"));
  if (themes.length) {
    s.themes = {};
    for (const t of themes) {
      const list = (s.themes[t.group] ??= []);
      if (!list.includes(t.theme)) list.push(t.theme);
    }
    for (const list of Object.values(s.themes)) list.sort();
  }
  return s;
}

/** The summary as a few lines for a person. */
export function summaryLines(s: StudySummary): string[] {
  const lines: string[] = [];
  if (s.returned !== undefined) {
    lines.push(`returned ${s.returned}, excluded ${s.excluded}, included ${s.included?.total} (${s.included?.adult} adults, ${s.included?.child} children)`);
  }
  if (s.screening_kappa !== undefined) {
    const agreed = s.screening_agreed ? agreedOf(s.screening_agreed.agreed, s.screening_agreed.compared) : `observed agreement ${figureText(s.screening_agreement)}`;
    lines.push(`screening, second-rater sample: ${agreed}, Cohen's kappa ${figureText(s.screening_kappa, s.screening_kappa_why)}`);
  }
  for (const [group, cats] of Object.entries(s.routes ?? {})) {
    lines.push(`identification (${group}): ${Object.entries(cats).map(([c, f]) => `${c} ${f}`).join("; ")}`);
  }
  for (const [group, list] of Object.entries(s.themes ?? {})) lines.push(`themes (${group}): ${list.join(", ")}`);
  return lines;
}
