import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { genderOf } from "../../../src/stages/screen/about-whom.js";
import { screenPatient, type ScreenedPatient } from "../../../src/stages/screen/screen-patient.js";
import { compileMatcher } from "../../../src/text/terms/match.js";
import { parseTerms } from "../../../src/text/terms/parse-terms.js";
import { readDocumentRules } from "../../../src/text/documents/read-rules.js";
import { DEFAULT_REASON_IDS as EXCLUSION_REASONS } from "../../../src/text/context/reasons.js";
import { rules } from "./rules.js";
import { scenarioNotes, scenarioRows, type Row } from "../../helpers/scenario-files.js";

// A hand-written scenario of fictional records (fixtures/scenarios/screening-hard-cases): 60 patients who
// were, or may have been, trafficked, written in the ways that tempt rules to exclude them, and 30 who
// were not. Screening must never suggest `exclude` for the first 60; the 30 are only counted.

const PRESET = fileURLToPath(new URL("../../../src/presets/south-london-2015/", import.meta.url));
const SCENARIO = fileURLToPath(new URL("../../../fixtures/scenarios/screening-hard-cases/", import.meta.url));
const caseMatcher = compileMatcher(parseTerms(readFileSync(`${PRESET}terms.txt`, "utf8"), "terms.txt").filter((t) => t.group === "case"));
const documents = readDocumentRules(`${PRESET}documents.json`);

const patients = new Map(scenarioRows(SCENARIO, "patients.csv").map((record) => [record.patient_id, record]));
const gold = scenarioRows(SCENARIO, "gold.csv");

const notesByPatient = scenarioNotes(SCENARIO);

const screened = new Map<string, ScreenedPatient>(
  gold.map((g) => [
    g.patient_id,
    screenPatient(g.patient_id, notesByPatient.get(g.patient_id) ?? [], caseMatcher, rules, { documents, gender: genderOf(patients.get(g.patient_id)?.gender) }),
  ]),
);
const eligible = gold.filter((g) => g.eligible === "yes");
const distractors = gold.filter((g) => g.eligible === "no");

describe("screening hard cases (fictional records written by hand)", () => {
  it("the scenario is whole: 60 eligible, 30 distractors, each with notes, a gender and a case-finding mention", () => {
    expect(eligible).toHaveLength(60);
    expect(distractors).toHaveLength(30);
    const incomplete = gold.filter((g) => !notesByPatient.get(g.patient_id)?.length || !genderOf(patients.get(g.patient_id)?.gender) || screened.get(g.patient_id)!.mentions.length === 0);
    expect(incomplete.map((g) => g.patient_id)).toEqual([]);
  });

  it("never suggests exclude for a patient who was or may have been trafficked", () => {
    const wronglyExcluded = eligible
      .map((g) => ({ id: g.patient_id, s: screened.get(g.patient_id)!.suggestion }))
      .filter(({ s }) => s.suggestion === "exclude")
      .map(({ id, s }) => `${id} (${s.reason}, ${s.rule || "no rule"}, evidence ${s.evidence.noteId})`);
    expect(wronglyExcluded, `eligible patients suggested exclude: ${wronglyExcluded.join("; ")}`).toEqual([]);
  });

  it("counts the distractors suggested exclude with their written reason (reported, not asserted)", () => {
    // Only the gold file is checked here; how well distractors are excluded is a figure to watch, not a gate.
    expect(distractors.filter((g) => !(EXCLUSION_REASONS as readonly string[]).includes(g.exclusion_reason)).map((g) => g.patient_id)).toEqual([]);
    const label = (id: string) => {
      const s = screened.get(id)!.suggestion;
      return s.reason ? `${s.suggestion}/${s.reason}` : s.suggestion;
    };
    const right = distractors.filter((g) => label(g.patient_id) === `exclude/${g.exclusion_reason}`);
    const rest = distractors.filter((g) => !right.includes(g)).map((g) => `${g.patient_id} ${label(g.patient_id)} (gold ${g.exclusion_reason})`);
    console.log(`screening hard cases: ${right.length} of ${distractors.length} distractors suggested exclude with the right reason; the others: ${rest.join("; ") || "none"}`);
  });
});
