import { groupOf, UNKNOWN } from "../../core/patients.js";
import type { Patient } from "../../core/types.js";
import type { OmopSettings } from "../../io/omop/settings.js";
import { yearsBetween } from "../dates.js";
import { connectOmop, databaseError, databaseName, quoteName } from "./connect.js";
import { personIds } from "./read-notes.js";

interface PersonRow {
  patient_id: string;
  gender: string | null;
  birth: string | null;
  first_contact: string | null;
}

/**
 * Patients from the OMOP CDM `person` table (all, or the given ones): gender from gender_source_value
 * (else the gender concept's name), age at first contact from the date of birth (birth_datetime, else
 * year, month and day of birth) to the start of the person's first observation period. The study's
 * own attributes are not in the CDM: none (Table 1 counts them as missing).
 */
export async function readOmopPatients(settings: OmopSettings, childAgeCutoff: number, patientIds?: ReadonlySet<string>): Promise<Map<string, Patient>> {
  const where = `${databaseName(settings)} ${settings.schema}.person`;
  const client = await connectOmop(settings);
  try {
    const schema = quoteName(settings.schema);
    const vocabulary = quoteName(settings.vocabularySchema ?? settings.schema);
    const exists = async (table: string) => (await client.query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [table])).rows[0].ok;
    const concepts = await exists(`${vocabulary}.concept`);
    const periods = await exists(`${schema}.observation_period`);
    const sql = [
      "SELECT p.person_id::text AS patient_id,",
      `  COALESCE(NULLIF(p.gender_source_value, ''), ${concepts ? "g.concept_name" : "NULL"}) AS gender,`,
      "  to_char(COALESCE(p.birth_datetime::date, make_date(p.year_of_birth, COALESCE(p.month_of_birth, 1), COALESCE(p.day_of_birth, 1))), 'YYYY-MM-DD') AS birth,",
      `  ${periods ? "to_char(o.first_contact, 'YYYY-MM-DD')" : "NULL"} AS first_contact`,
      `FROM ${schema}.person p`,
      concepts ? `LEFT JOIN ${vocabulary}.concept g ON g.concept_id = p.gender_concept_id` : "",
      periods ? `LEFT JOIN (SELECT person_id, MIN(observation_period_start_date) AS first_contact FROM ${schema}.observation_period GROUP BY person_id) o ON o.person_id = p.person_id` : "",
      patientIds ? "WHERE p.person_id = ANY($1::bigint[])" : "",
    ]
      .filter(Boolean)
      .join("\n");
    const rows = (await client.query<PersonRow>(sql, patientIds ? [personIds(patientIds)] : [])).rows;
    const out = new Map<string, Patient>();
    for (const r of rows) {
      const age = r.birth && r.first_contact ? yearsBetween(r.birth, r.first_contact) : null;
      out.set(r.patient_id, {
        patientId: r.patient_id,
        age,
        group: groupOf(age, childAgeCutoff),
        gender: r.gender && r.gender.trim() !== "" ? r.gender.trim() : UNKNOWN,
        attributes: {},
      });
    }
    return out;
  } catch (err) {
    throw databaseError(where, err);
  } finally {
    await client.end().catch(() => undefined);
  }
}
