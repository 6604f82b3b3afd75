import { accuracy, confusion, pct, perLabel, setScores, type Pair, type Scores } from "./metrics.js";

/** One row of the truth file (truth/patients.csv), by column name. */
export type Row = Readonly<Record<string, string>>;

const yes = (r: Row): boolean => r.eligible === "yes";

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
}

function labelTable(pairs: readonly Pair[]): string[] {
  return table(["label", "truth", "suggested", "precision", "recall"], perLabel(pairs).map((s) => [s.label, s.support, s.predicted, pct(s.precision), pct(s.recall)]));
}

function confusionTable(pairs: readonly Pair[]): string[] {
  const c = confusion(pairs);
  return ["  rows: truth, columns: suggested", ...table(["", ...c.cols], c.rows.map((t) => [t, ...c.cols.map((p) => c.count(t, p))]))];
}

/** Stage 1 as numbers: the search's returned patients against the truly returned ones. */
export function searchFigures(truth: readonly Row[], returned: readonly Row[]): Scores {
  const ids = new Set(truth.map((r) => r.patient_id));
  return setScores(new Set(truth.filter((r) => r.returned === "yes").map((r) => r.patient_id)), new Set(returned.map((r) => r.patient_id).filter((id) => ids.has(id))));
}

/** Stage 1: which patients the search returned. */
export function evaluateSearch(truth: readonly Row[], returned: readonly Row[]): string[] {
  const s = searchFigures(truth, returned);
  return [`returned ${s.tp + s.fp} (truth ${s.tp + s.fn}): precision ${pct(s.precision)}, recall ${pct(s.recall)} (${s.fp} extra, ${s.fn} missed)`];
}

function truthScreen(r: Row): string {
  return yes(r) ? "include" : r.exclusion_detail === "not_analysed" ? "not_analysed" : `exclude:${r.exclusion_reason}`;
}

function suggested(r: Row): string {
  return r.suggestion === "exclude" ? `exclude:${r.reason || "?"}` : r.suggestion;
}

/** Stage 2 as numbers. */
export interface ScreeningFigures {
  /** Eligible patients with a suggestion, and those suggested `exclude` (the worst error), by id. */
  eligible: number;
  eligibleOut: string[];
  /** Truly excluded patients with a suggestion, and those suggested `exclude` with the truth's reason. */
  excluded: number;
  rightReason: number;
}

/** Stage 2 as numbers: eligible patients suggested exclude, and excluded ones given the right reason. */
export function screeningFigures(truth: readonly Row[], suggestions: readonly Row[]): ScreeningFigures {
  const byId = new Map(truth.map((r) => [r.patient_id, r]));
  const rows = suggestions.filter((s) => byId.has(s.patient_id)).map((s) => [byId.get(s.patient_id)!, s] as const);
  const excluded = rows.filter(([t]) => !yes(t) && t.exclusion_detail !== "not_analysed");
  return {
    eligible: rows.filter(([t]) => yes(t)).length,
    eligibleOut: rows.filter(([t, s]) => yes(t) && s.suggestion === "exclude").map(([t]) => t.patient_id),
    excluded: excluded.length,
    rightReason: excluded.filter(([t, s]) => s.suggestion === "exclude" && s.reason === t.exclusion_reason).length,
  };
}

/** Stage 2: screening suggestions against eligibility and exclusion reason. */
export function evaluateScreening(truth: readonly Row[], suggestions: readonly Row[]): string[] {
  const byId = new Map(truth.map((r) => [r.patient_id, r]));
  const rows = suggestions.filter((s) => byId.has(s.patient_id)).map((s) => [byId.get(s.patient_id)!, s] as const);
  const f = screeningFigures(truth, suggestions);
  const coarse: Pair[] = rows.filter(([t]) => t.exclusion_detail !== "not_analysed").map(([t, s]) => [yes(t) ? "include" : "exclude", s.suggestion]);
  const fine: Pair[] = rows.map(([t, s]) => [truthScreen(t), suggested(s)]);
  return [
    `patients with a suggestion: ${rows.length}${suggestions.length > rows.length ? ` (${suggestions.length - rows.length} not in the truth)` : ""}`,
    `eligible patients suggested exclude: ${f.eligibleOut.length} (must be 0)${f.eligibleOut.length ? `: ${f.eligibleOut.join(", ")}` : ""}`,
    `truly excluded suggested exclude with the right reason: ${pct(f.excluded ? f.rightReason / f.excluded : null)} (${f.rightReason}/${f.excluded})`,
    "include/exclude/unsure:",
    ...labelTable(coarse),
    "by reason:",
    ...labelTable(fine),
    ...confusionTable(fine),
  ];
}

/** Stage 3 as (truth, suggested) pairs: routes of eligible patients, services of those told by another service. */
export interface RouteFigures {
  eligible: number;
  pairs: Pair[];
  services: Pair[];
}

/** Stage 3 as pairs, for accuracy and the confusion matrix. */
export function routeFigures(truth: readonly Row[], routes: readonly Row[]): RouteFigures {
  const byId = new Map(truth.filter(yes).map((r) => [r.patient_id, r]));
  const rows = routes.filter((r) => byId.has(r.patient_id)).map((r) => [byId.get(r.patient_id)!, r] as const);
  return {
    eligible: byId.size,
    pairs: rows.map(([t, r]) => [t.route, r.suggested_route || "(none)"]),
    services: rows.filter(([t]) => t.route === "other_service").map(([t, r]) => [t.service, r.suggested_service || "(none)"]),
  };
}

/** Informing services of the patients truly told by another service: truth × suggested. */
export function serviceConfusion(truth: readonly Row[], routes: readonly Row[]): string[] {
  const { services } = routeFigures(truth, routes);
  return services.length ? ["informing services:", ...confusionTable(services)] : [];
}

/** Route accuracy by how the route note is written (truth `route_shape`), where the truth records it. */
export function routesByShape(truth: readonly Row[], routes: readonly Row[]): string[] {
  const shapes = [...new Set(truth.filter(yes).map((r) => r.route_shape ?? "").filter(Boolean))].sort();
  if (shapes.length === 0) return [];
  return [
    "route accuracy by how the route note is written:",
    ...table(
      ["route_shape", "right", "of", "accuracy"],
      shapes.map((shape) => {
        const f = routeFigures(truth.filter((r) => r.route_shape === shape), routes);
        const right = f.pairs.filter(([t, p]) => t === p).length;
        return [shape, right, f.pairs.length, pct(accuracy(f.pairs))];
      }),
    ),
  ];
}

/** Stage 3: suggested identification route and service for eligible patients. */
export function evaluateRoutes(truth: readonly Row[], routes: readonly Row[]): string[] {
  const { eligible, pairs, services } = routeFigures(truth, routes);
  return [
    `eligible patients with a suggested route: ${pairs.length} of ${eligible}`,
    `route accuracy: ${pct(accuracy(pairs))} (${pairs.filter(([t, p]) => t === p).length}/${pairs.length})`,
    ...labelTable(pairs),
    ...confusionTable(pairs),
    `service accuracy (truly told by another service): ${pct(accuracy(services))} (${services.filter(([t, p]) => t === p).length}/${services.length})`,
  ];
}

/** Stage 4 as numbers: patient × theme pairs (theme ids) from suggested codes against the truth's themes. */
export function themeFigures(truth: readonly Row[], patientThemes: readonly Row[]): Scores {
  const eligible = truth.filter(yes);
  const ids = new Set(eligible.map((r) => r.patient_id));
  const truthPairs = new Set(eligible.flatMap((r) => r.themes.split(";").filter(Boolean).map((t) => `${r.patient_id}|${t}`)));
  return setScores(truthPairs, new Set(patientThemes.filter((r) => ids.has(r.patient_id)).map((r) => `${r.patient_id}|${r.theme.split(".")[0]}`)));
}

/** Stage 4: themes per patient (a theme id or a sub-theme code in the file's `theme` column). */
export function evaluateThemes(truth: readonly Row[], patientThemes: readonly Row[]): string[] {
  const eligible = truth.filter(yes);
  const ids = new Set(eligible.map((r) => r.patient_id));
  const rows = patientThemes.filter((r) => ids.has(r.patient_id));
  const codes = rows.some((r) => r.theme.includes("."));
  const truthPairs = new Set(eligible.flatMap((r) => (codes ? r.codes : r.themes).split(";").filter(Boolean).map((t) => `${r.patient_id}|${t}`)));
  const predicted = new Set(rows.map((r) => `${r.patient_id}|${r.theme}`));
  const labels = [...new Set([...truthPairs, ...predicted].map((k) => k.split("|")[1]))].sort();
  const lines = table(
    [codes ? "code" : "theme", "truth", "suggested", "precision", "recall", "F1"],
    labels.map((l) => {
      const s = setScores(new Set([...truthPairs].filter((k) => k.endsWith(`|${l}`))), new Set([...predicted].filter((k) => k.endsWith(`|${l}`))));
      return [l, s.tp + s.fn, s.tp + s.fp, pct(s.precision), pct(s.recall), pct(s.f1)];
    }),
  );
  const all = setScores(truthPairs, predicted);
  return [`patient × ${codes ? "code" : "theme"} pairs: precision ${pct(all.precision)}, recall ${pct(all.recall)}, F1 ${pct(all.f1)}`, ...lines];
}

/**
 * Patient × theme pairs from the tool's *suggested* codes in extracts.csv (not coders' final codes,
 * which in the demo come from the truth itself), as rows evaluateThemes reads.
 */
export function suggestedPatientThemes(extracts: readonly Row[]): Row[] {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const x of extracts) {
    for (const code of (x.suggested_codes ?? "").split(/[;,]/).map((c) => c.trim()).filter((c) => c && c !== "none")) {
      const theme = code.split(".")[0];
      const key = `${x.patient_id}|${theme}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ patient_id: x.patient_id, group: x.group, theme });
    }
  }
  return out;
}
