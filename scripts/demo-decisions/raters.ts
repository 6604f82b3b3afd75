/**
 * The demo's synthetic screening and route decisions, derived from its truth, seeded, in the column
 * layout of the workbooks they fill (fixtures/south-london-demo/raters/). Pure: the truth rows and the
 * demo config in, file name → CSV text out, so a test can regenerate them and compare.
 *
 * Rater 1 screens as the truth says, except a few hard cases marked `unsure` (resolved by consensus);
 * rater 2 agrees except on a few sampled patients, so the agreement figures are not trivially perfect;
 * consensus returns the truth; routes are confirmed as the truth says, with a few rater-2 differences.
 */
import { createRandom } from "../../src/core/random.js";
import { toCsv } from "../../src/io/write-csv.js";
import { drawSample } from "../../src/second-rater/plan.js";

/** The truth columns the raters read (truth/patients.csv). */
export interface TruthRow {
  patient_id: string;
  returned: string;
  eligible: string;
  exclusion_reason: string;
  exclusion_detail: string;
  route: string;
  route_detail: string;
  service: string;
}

/** The parts of the demo's config that fix the second-rater samples. */
export interface DemoConfig {
  seed?: number;
  sampling?: { first?: number; fraction?: number };
}

/** The seed the synthetic raters' own choices are drawn with (the demo's study seed). */
export const RATER_SEED = 2015;

const SCREEN_HEADER = ["patient_id", "decision", "exclusion_reason", "comment"];
const ROUTE_HEADER = ["patient_id", "final_route", "final_service"];
const OTHER_ROUTE: Record<string, string> = {
  other_service: "during_contact_historical",
  during_contact_historical: "during_contact_recent",
  during_contact_recent: "during_contact_historical",
  unknown: "during_contact_historical",
};

/** Every rater file with its CSV text, and a one-line summary. */
export function demoRaterFiles(rows: readonly TruthRow[], config: DemoConfig): { files: Record<string, string>; summary: string } {
  const truth = [...rows].sort((a, b) => (a.patient_id < b.patient_id ? -1 : 1));
  const first = config.sampling?.first ?? 10;
  const fraction = config.sampling?.fraction ?? 0.1;
  const seed = config.seed ?? RATER_SEED;
  const returned = truth.filter((t) => t.returned === "yes");
  const eligible = returned.filter((t) => t.eligible === "yes");
  const byId = new Map(returned.map((t) => [t.patient_id, t]));
  const rnd = createRandom(`${RATER_SEED}:raters`);
  const decisionOf = (t: TruthRow) => (t.eligible === "yes" ? { decision: "include", reason: "" } : { decision: "exclude", reason: t.exclusion_reason || "other" });

  // Rater 1: the truth, with a few genuinely hard cases left `unsure` for the consensus meeting.
  const hard = returned.filter((t) => t.route_detail === "suspected" || t.exclusion_reason === "negated" || t.exclusion_detail === "delusional");
  const unsure = new Set(rnd.shuffle(hard.map((t) => t.patient_id)).slice(0, 3));
  const rater1 = returned.map((t) => {
    if (unsure.has(t.patient_id)) return [t.patient_id, "unsure", "", "hard to tell from the notes; for discussion"];
    const d = decisionOf(t);
    return [t.patient_id, d.decision, d.reason, ""];
  });

  // Rater 2 sees the seeded sample the tool draws; they differ from rater 1 on a few of those patients.
  const sample = drawSample(returned.map((t) => t.patient_id), { first, fraction, seed }).map((s) => s.id);
  const flips = new Set(rnd.shuffle(sample.filter((id) => !unsure.has(id))).slice(0, 4));
  const rater2 = sample.map((id) => {
    const d = decisionOf(byId.get(id)!);
    if (!flips.has(id)) return [id, d.decision, d.reason, ""];
    return d.decision === "include" ? [id, "exclude", "other", "not convinced this is about the patient"] : [id, "include", "", "reads as a possible case to me"];
  });

  // Consensus: the raters settle on what the truth says.
  const consensus = returned.map((t) => {
    const d = decisionOf(t);
    return [t.patient_id, d.decision, d.reason, "agreed at consensus meeting"];
  });

  // Routes: rater 1 confirms every eligible patient's route as the truth says; rater 2 differs on a few.
  // Stage 3 draws its own second-rater sample the same way, over the eligible patients in id order.
  const routeSample = drawSample(eligible.map((t) => t.patient_id), { first, fraction, seed }).map((s) => s.id);
  const routeFlips = new Set(rnd.shuffle(routeSample).slice(0, 3));
  const routes2 = routeSample.map((id) => {
    const t = byId.get(id)!;
    return routeFlips.has(id) ? [id, OTHER_ROUTE[t.route] ?? t.route, ""] : [id, t.route, t.service];
  });

  return {
    files: {
      "rater1-screening.csv": toCsv(SCREEN_HEADER, rater1),
      "rater2-screening.csv": toCsv(SCREEN_HEADER, rater2),
      "consensus.csv": toCsv(["patient_id", "consensus", "consensus_reason", "comment"], consensus),
      "routes-rater1.csv": toCsv(ROUTE_HEADER, eligible.map((t) => [t.patient_id, t.route, t.service])),
      "routes-rater2.csv": toCsv(ROUTE_HEADER, routes2),
    },
    summary:
      `${returned.length} screened by rater 1 (${unsure.size} unsure), ${sample.length} by rater 2 (${flips.size} disagreements), ` +
      `${eligible.length} routes confirmed, ${routeSample.length} by rater 2 (${routeFlips.size} disagreements)`,
  };
}
