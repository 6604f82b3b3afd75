import { describe, expect, it } from "vitest";
import { flowRows, FLOW_COLUMNS, NO_REASON, resolveConsensus, type ConsensusInput, type Decision } from "../../../src/stages/screen/consensus.js";

const returned = [
  { patientId: "P1", group: "adult" },
  { patientId: "P2", group: "child" },
  { patientId: "P3", group: "adult" },
  { patientId: "P4", group: "unknown" },
  { patientId: "P5", group: "adult" },
];
const d = (decision: string, reason = ""): Decision => ({ decision, reason });
const decisions = (entries: Record<string, Decision>) => new Map(Object.entries(entries));

/** Rater 1 decided everyone; rater 2 rated the sample P1–P3; P2 is a disagreement and P4 rater 1 unsure. */
function input(overrides: Partial<ConsensusInput> = {}): ConsensusInput {
  return {
    returned,
    rater1: decisions({ P1: d("include"), P2: d("include"), P3: d("exclude", "drug_trafficking"), P4: d("unsure"), P5: d("exclude") }),
    rater2: decisions({ P1: d("include"), P2: d("exclude", "other"), P3: d("exclude", "other") }),
    sample: ["P1", "P2", "P3"],
    consensus: new Map(),
    ...overrides,
  };
}

describe("resolveConsensus", () => {
  it("sends a sampled disagreement and every rater-1 unsure to consensus, in returned order", () => {
    const r = resolveConsensus(input());
    expect(r.discrepancies).toEqual([
      { patientId: "P2", group: "child", why: "disagreement", rater1: d("include"), rater2: d("exclude", "other") },
      { patientId: "P4", group: "unknown", why: "rater 1 unsure", rater1: d("unsure") },
    ]);
    expect(r.missingConsensus).toEqual(["P2", "P4"]);
    expect(r.missingRater1).toEqual([]);
    expect(r.missingRater2).toEqual([]);
  });

  it("counts the same decision with different exclusion reasons as agreement", () => {
    expect(resolveConsensus(input()).discrepancies.map((x) => x.patientId)).not.toContain("P3");
  });

  it("ignores rater 2's decisions outside the sample", () => {
    const r = resolveConsensus(input({ rater2: decisions({ P1: d("include"), P2: d("include"), P3: d("exclude"), P5: d("include") }) }));
    expect(r.discrepancies.map((x) => x.patientId)).toEqual(["P4"]);
  });

  it("keeps rater 2's view beside a sampled rater-1 unsure: a disagreement when rater 2 decided otherwise", () => {
    const both = resolveConsensus(input({ sample: ["P4"], rater2: decisions({ P4: d("unsure") }) }));
    expect(both.discrepancies.find((x) => x.patientId === "P4")).toEqual({ patientId: "P4", group: "unknown", why: "rater 1 unsure", rater1: d("unsure"), rater2: d("unsure") });
    const differ = resolveConsensus(input({ sample: ["P4"], rater2: decisions({ P4: d("include") }) }));
    expect(differ.discrepancies.find((x) => x.patientId === "P4")).toEqual({ patientId: "P4", group: "unknown", why: "disagreement", rater1: d("unsure"), rater2: d("include") });
  });

  it("lists empty rater-1 cells over every returned patient and empty rater-2 cells over the sample", () => {
    const r = resolveConsensus(input({ rater1: decisions({ P1: d("include"), P3: d(""), P4: d("exclude"), P5: d("exclude") }), rater2: decisions({ P1: d(""), P3: d("include") }) }));
    expect(r.missingRater1).toEqual(["P2", "P3"]);
    expect(r.missingRater2).toEqual(["P1", "P2"]);
  });

  it("applies consensus decisions over rater 1's, and leaves out what is still undecided", () => {
    const partial = resolveConsensus(input({ consensus: decisions({ P2: d("exclude", "other") }) }));
    expect(partial.missingConsensus).toEqual(["P4"]);
    expect(partial.final.map((f) => [f.patientId, f.decision, f.decidedBy])).toEqual([
      ["P1", "include", "rater1"],
      ["P2", "exclude", "consensus"],
      ["P3", "exclude", "rater1"],
      ["P5", "exclude", "rater1"],
    ]);

    const done = resolveConsensus(input({ consensus: decisions({ P2: d("exclude", "other"), P4: d("include") }) }));
    expect(done.missingConsensus).toEqual([]);
    expect(done.final.map((f) => f.patientId)).toEqual(["P1", "P2", "P3", "P4", "P5"]);
    expect(done.final.find((f) => f.patientId === "P4")).toEqual({ patientId: "P4", group: "unknown", decision: "include", reason: "", decidedBy: "consensus" });
  });

  it("records an exclusion without a reason as not given, and an inclusion with none", () => {
    const r = resolveConsensus(input({ rater1: decisions({ P1: d("include", "stray"), P2: d("exclude"), P3: d("exclude", "drug_trafficking"), P4: d("include"), P5: d("include") }), sample: [], rater2: new Map() }));
    expect(r.final.map((f) => [f.patientId, f.reason])).toEqual([
      ["P1", ""],
      ["P2", NO_REASON],
      ["P3", "drug_trafficking"],
      ["P4", ""],
      ["P5", ""],
    ]);
  });

  it("works from rater 1 alone when there is no sample", () => {
    const r = resolveConsensus(input({ sample: [], rater2: new Map() }));
    expect(r.discrepancies.map((x) => x.why)).toEqual(["rater 1 unsure"]);
    expect(r.missingRater2).toEqual([]);
  });
});

describe("flowRows", () => {
  const final = resolveConsensus(input({ consensus: decisions({ P2: d("exclude", "other"), P4: d("include") }) })).final;

  it("counts returned → excluded (all, then by reason in the given order, zeros kept) → included, by group and in total", () => {
    expect(FLOW_COLUMNS).toEqual(["step", "reason", "adult", "child", "unknown", "total"]);
    expect(flowRows(returned, final, ["drug_trafficking", "other", "not_about_patient"])).toEqual([
      ["returned", "", 3, 1, 1, 5],
      ["excluded", "all", 2, 1, 0, 3],
      ["excluded", "drug_trafficking", 1, 0, 0, 1],
      ["excluded", "other", 0, 1, 0, 1],
      ["excluded", "not_about_patient", 0, 0, 0, 0],
      ["excluded", NO_REASON, 1, 0, 0, 1],
      ["included", "", 1, 0, 1, 2],
    ]);
  });

  it("adds the not-given row only when an exclusion had no reason", () => {
    const withReasons = final.map((f) => (f.reason === NO_REASON ? { ...f, reason: "other" } : f));
    expect(flowRows(returned, withReasons, ["drug_trafficking", "other"]).map((r) => r[1])).toEqual(["", "all", "drug_trafficking", "other", ""]);
  });
});
