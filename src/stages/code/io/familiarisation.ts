import type { Note, Patient } from "../../../core/types.js";
import { groupFor } from "../../../core/patients.js";
import { writeDecisionWorkbook } from "../../../io/decision-workbook.js";
import { familiarisationSample } from "../familiarise.js";

/**
 * Write `familiarisation.xlsx`: `n` whole notes of eligible patients drawn with the seed, for reading
 * while the coding framework is built, with memo and candidate-codes cells kept across re-runs.
 * Returns how many notes were written.
 */
export async function writeFamiliarisation(
  path: string,
  notes: ReadonlyMap<string, readonly Note[]>,
  patients: ReadonlyMap<string, Patient>,
  n: number,
  seed: number,
  opts: { force: boolean; now: () => Date },
): Promise<number> {
  const sample = familiarisationSample(notes, n, seed);
  await writeDecisionWorkbook(
    path,
    {
      sheet: "Notes",
      idColumn: "note_key",
      evidence: [
        { header: "patient_id", key: "patient_id", width: 12 },
        { header: "group", key: "group", width: 8 },
        { header: "date", key: "date", width: 11 },
        { header: "note_type", key: "note_type", width: 14 },
        { header: "text", key: "text", width: 110, wrap: true },
        { header: "status", key: "status", width: 14 },
      ],
      decisions: [
        { header: "memo", key: "memo", width: 50 },
        { header: "candidate_codes", key: "candidate_codes", width: 40 },
      ],
      about: [
        "Familiarisation sample: whole notes of eligible patients, for reading before and while building the coding framework.",
        "Write first impressions in memo and ideas for codes in candidate_codes; both are kept when the sample is drawn again.",
        `${sample.length} notes drawn at random with seed ${seed} (notes-analyse code --familiarise ${n} --seed ${seed} draws the same ones).`,
      ],
    },
    sample.map((note) => ({
      id: `${note.patientId}/${note.noteId}`,
      evidence: { patient_id: note.patientId, group: groupFor(patients, note.patientId), date: note.date, note_type: note.noteType ?? "", text: note.text.replace(/\r\n?/g, "\n"), status: "" },
    })),
    { ...opts, statusColumn: "status" },
  );
  return sample.length;
}
