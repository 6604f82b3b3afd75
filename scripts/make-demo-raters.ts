/**
 * Derive the demo's synthetic human decisions from its truth files, seeded, in the column layout of the
 * workbooks they fill (fixtures/south-london-demo/raters/). `run --demo` applies them to the workbooks
 * the stages write, filling only empty cells, exactly as a person's filled-in workbook is read.
 *
 *   npm run demo-raters            # rewrite the rater files (byte-identical for the same truth and seed)
 *
 * Rater 1 screens as the truth says, except a few hard cases marked `unsure` (resolved by consensus);
 * rater 2 agrees except on a few sampled patients, so the agreement figures are not trivially perfect;
 * consensus returns the truth; routes are confirmed as the truth says, with a few rater-2 differences.
 * Codes for extracts come from `make-demo-coders.ts`, which needs the extraction's output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { createRandom } from "../src/core/random.js";
import { writeCsv } from "../src/io/write-csv.js";
import { drawSample } from "../src/stages/sample/draw-sample.js";

const DEMO = join(import.meta.dirname, "..", "fixtures", "south-london-demo");
const OUT = join(DEMO, "raters");
const SEED = 2015;

interface Truth {
  patient_id: string;
  group: string;
  returned: string;
  eligible: string;
  exclusion_reason: string;
  exclusion_detail: string;
  route: string;
  route_detail: string;
  service: string;
}

const truth = (parse(readFileSync(join(DEMO, "truth", "patients.csv"), "utf8"), { columns: true }) as Truth[]).sort((a, b) => (a.patient_id < b.patient_id ? -1 : 1));
const config = JSON.parse(readFileSync(join(DEMO, "notes-analyse.config.json"), "utf8")) as { seed?: number; sampling?: { first?: number; fraction?: number } };
const returned = truth.filter((t) => t.returned === "yes");
const eligible = returned.filter((t) => t.eligible === "yes");
const rnd = createRandom(`${SEED}:raters`);

const decisionOf = (t: Truth) => (t.eligible === "yes" ? { decision: "include", reason: "" } : { decision: "exclude", reason: t.exclusion_reason || "other" });

// Rater 1: the truth, with a few genuinely hard cases left `unsure` for the consensus meeting.
const hard = returned.filter((t) => t.route_detail === "suspected" || t.exclusion_reason === "negated" || t.exclusion_detail === "delusional");
const unsure = new Set(rnd.shuffle(hard.map((t) => t.patient_id)).slice(0, 3));
writeCsv(
  join(OUT, "rater1-screening.csv"),
  ["patient_id", "decision", "exclusion_reason", "comment"],
  returned.map((t) => {
    if (unsure.has(t.patient_id)) return [t.patient_id, "unsure", "", "hard to tell from the notes; for discussion"];
    const d = decisionOf(t);
    return [t.patient_id, d.decision, d.reason, ""];
  }),
);

// Rater 2 sees the seeded sample the tool draws; they differ from rater 1 on a few of those patients.
const sample = drawSample(
  returned.map((t) => t.patient_id),
  config.sampling?.first ?? 10,
  config.sampling?.fraction ?? 0.1,
  config.seed ?? SEED,
).map((s) => s.id);
const flips = new Set(rnd.shuffle(sample.filter((id) => !unsure.has(id))).slice(0, 4));
const byId = new Map(returned.map((t) => [t.patient_id, t]));
writeCsv(
  join(OUT, "rater2-screening.csv"),
  ["patient_id", "decision", "exclusion_reason", "comment"],
  sample.map((id) => {
    const d = decisionOf(byId.get(id)!);
    if (!flips.has(id)) return [id, d.decision, d.reason, ""];
    return d.decision === "include" ? [id, "exclude", "other", "not convinced this is about the patient"] : [id, "include", "", "reads as a possible case to me"];
  }),
);

// Consensus: the raters settle on what the truth says.
writeCsv(
  join(OUT, "consensus.csv"),
  ["patient_id", "consensus", "consensus_reason", "comment"],
  returned.map((t) => {
    const d = decisionOf(t);
    return [t.patient_id, d.decision, d.reason, "agreed at consensus meeting"];
  }),
);

// Routes: rater 1 confirms every eligible patient's route as the truth says; rater 2 differs on a few.
writeCsv(
  join(OUT, "routes-rater1.csv"),
  ["patient_id", "final_route", "final_service"],
  eligible.map((t) => [t.patient_id, t.route, t.service]),
);
// Stage 3 draws its own second-rater sample the same way, over the eligible patients in id order.
const routeSample = drawSample(
  eligible.map((t) => t.patient_id),
  config.sampling?.first ?? 10,
  config.sampling?.fraction ?? 0.1,
  config.seed ?? SEED,
).map((s) => s.id);
const routeFlips = new Set(rnd.shuffle(routeSample).slice(0, 3));
const otherRoute: Record<string, string> = {
  other_service: "during_contact_historical",
  during_contact_historical: "during_contact_recent",
  during_contact_recent: "during_contact_historical",
  unknown: "during_contact_historical",
};
writeCsv(
  join(OUT, "routes-rater2.csv"),
  ["patient_id", "final_route", "final_service"],
  routeSample.map((id) => {
    const t = byId.get(id)!;
    return routeFlips.has(id) ? [id, otherRoute[t.route] ?? t.route, ""] : [id, t.route, t.service];
  }),
);

process.stderr.write(
  `demo raters: ${returned.length} screened by rater 1 (${unsure.size} unsure), ${sample.length} by rater 2 (${flips.size} disagreements), ${eligible.length} routes confirmed, ${routeSample.length} by rater 2 (${routeFlips.size} disagreements) → ${OUT}\n`,
);
