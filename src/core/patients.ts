import type { Group, Patient } from "./types.js";

export const UNKNOWN = "Unknown";

/** `child` when age at first contact is below the cutoff, `adult` otherwise, `unknown` without an age. */
export function groupOf(age: number | null, childAgeCutoff: number): Group {
  if (age === null) return "unknown";
  return age < childAgeCutoff ? "child" : "adult";
}

/** The group of a patient id, `unknown` for a patient not in the patients file. */
export function groupFor(patients: ReadonlyMap<string, Patient>, patientId: string): Group {
  return patients.get(patientId)?.group ?? "unknown";
}
