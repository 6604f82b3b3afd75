import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPatients } from "../../src/io/read-patients.js";
import { tempDir } from "../helpers/cli.js";

function file(text: string): string {
  const p = join(tempDir(), "patients.csv");
  writeFileSync(p, text);
  return p;
}

const opts = { encoding: "auto" as const, childAgeCutoff: 18, warn: () => undefined };

describe("readPatients", () => {
  it("derives the group from age at first contact, or from date of birth and first contact", async () => {
    const p = await readPatients(
      file("patient_id,gender,age_at_first_contact,date_of_birth,first_contact_date,ward\nA,Female,17,,,x\nB,Male,18,,,\nC,,,2000-06-02,2018-06-01,\nD,,,,,\n"),
      opts,
    );
    expect([...p.values()].map((x) => [x.patientId, x.age, x.group, x.gender])).toEqual([
      ["A", 17, "child", "Female"],
      ["B", 18, "adult", "Male"],
      ["C", 17, "child", "Unknown"],
      ["D", null, "unknown", "Unknown"],
    ]);
    expect(p.get("A")!.attributes).toEqual({ ward: "x" });
  });

  it("keeps every other column as an attribute, under the name the columns mapping gives it", async () => {
    const warnings: string[] = [];
    const p = await readPatients(file("BrcId;Sex;Age;Ethnic Group;Borough\nA;F;30;White British;Lambeth\n"), {
      ...opts,
      warn: (m) => warnings.push(m),
      columns: { patient_id: "BrcId", gender: "Sex", age_at_first_contact: "Age", ethnicity: "Ethnic Group", region_of_origin: "Region" },
    });
    expect(p.get("A")).toMatchObject({ gender: "F", age: 30, attributes: { ethnicity: "White British", Borough: "Lambeth" } });
    // A mapped attribute the file lacks is said, so a misspelt name does not pass unseen.
    expect(warnings).toEqual([expect.stringContaining('no column "Region" for the attribute "region_of_origin" under "columns"')]);
  });

  it("honours a different child age cutoff", async () => {
    const p = await readPatients(file("patient_id,age_at_first_contact\nA,16\n"), { ...opts, childAgeCutoff: 16 });
    expect(p.get("A")!.group).toBe("adult");
  });

  it.each([
    ["id,age\n1,2\n", "missing column patient_id"],
    ["patient_id,age_at_first_contact\nA,old\n", "patients.csv:2: column age_at_first_contact"],
    ["patient_id\nA\nA\n", "patients.csv:3: patient A appears twice"],
  ])("rejects %j", async (text, message) => {
    await expect(readPatients(file(text), opts)).rejects.toThrow(message);
  });
});
