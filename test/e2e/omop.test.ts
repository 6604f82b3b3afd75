import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { readNotes } from "../../src/io/read-notes.js";
import { readCsv } from "../helpers/csv.js";
import { filesUnder } from "../helpers/files.js";
import { cli, ensureBuilt, ROOT, tempDir } from "../helpers/cli.js";
import { postgresBin, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const DEMO = join(ROOT, "fixtures", "south-london-demo");
const BIN = postgresBin();
if (!BIN) console.warn("OMOP source tests skipped: no PostgreSQL server programs (apt-get install postgresql)");
const PASSWORD = "n0t-to-be-shown";

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

interface Study {
  dir: string;
  eligible: string;
}

/**
 * The demo with OMOP's whole-number ids (P000042 → 42; notes numbered in export order), written as a
 * CSV export and a patients file of what the CDM's person table holds (gender, age), and loaded into an
 * OMOP-shaped schema `cdm`: note, person, observation_period and concept (note types and genders).
 */
async function loadDemo(server: TestPostgres): Promise<Study> {
  const dir = tempDir("na-omop-");
  const person = (id: string) => String(Number(id.replace(/^P/, "")));
  const notes: { patientId: string; noteId: string; date: string; noteType: string; text: string }[] = [];
  for await (const n of readNotes([join(DEMO, "notes.csv")], ROOT, { encoding: "auto", columns: {}, warn: () => undefined })) {
    notes.push({ patientId: person(n.patientId), noteId: String(notes.length + 1), date: n.date, noteType: n.noteType ?? "", text: n.text });
  }
  writeFileSync(join(dir, "notes.csv"), `patient_id,note_id,date,note_type,text\n${notes.map((n) => [n.patientId, n.noteId, n.date, n.noteType, n.text].map(quote).join(",")).join("\n")}\n`);
  const patients = readCsv(join(DEMO, "patients.csv")).map((p) => ({ id: person(p.patient_id), gender: p.gender, age: p.age_at_first_contact }));
  writeFileSync(join(dir, "patients.csv"), `patient_id,gender,age_at_first_contact\n${patients.map((p) => [p.id, p.gender, p.age].join(",")).join("\n")}\n`);
  const eligible = readCsv(join(DEMO, "truth", "patients.csv")).filter((p) => p.eligible === "yes").map((p) => person(p.patient_id));
  writeFileSync(join(dir, "eligible.csv"), `patient_id\n${eligible.join("\n")}\n`);

  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE demo");
  await admin.end();
  const db = new pg.Client({ connectionString: server.url("demo") });
  await db.connect();
  try {
    await fillDemo(db, notes, patients);
  } finally {
    await db.end();
  }
  return { dir, eligible: join(dir, "eligible.csv") };
}

async function fillDemo(db: pg.Client, notes: { patientId: string; noteId: string; date: string; noteType: string; text: string }[], patients: { id: string; gender: string; age: string }[]): Promise<void> {
  await db.query(`CREATE SCHEMA cdm;
    CREATE TABLE cdm.note (note_id bigint PRIMARY KEY, person_id bigint NOT NULL, note_date date NOT NULL, note_datetime timestamp,
      note_type_concept_id integer NOT NULL, note_class_concept_id integer NOT NULL DEFAULT 0, note_title varchar(250), note_text text NOT NULL,
      encoding_concept_id integer NOT NULL DEFAULT 0, language_concept_id integer NOT NULL DEFAULT 0);
    CREATE INDEX idx_note_person_id ON cdm.note (person_id);
    CREATE TABLE cdm.person (person_id bigint PRIMARY KEY, gender_concept_id integer NOT NULL, year_of_birth integer, month_of_birth integer,
      day_of_birth integer, birth_datetime timestamp, race_concept_id integer NOT NULL DEFAULT 0, ethnicity_concept_id integer NOT NULL DEFAULT 0,
      person_source_value varchar(50), gender_source_value varchar(50));
    CREATE TABLE cdm.observation_period (observation_period_id bigint PRIMARY KEY, person_id bigint NOT NULL,
      observation_period_start_date date NOT NULL, observation_period_end_date date NOT NULL, period_type_concept_id integer NOT NULL DEFAULT 0);
    CREATE TABLE cdm.concept (concept_id integer PRIMARY KEY, concept_name varchar(255) NOT NULL, domain_id varchar(20) NOT NULL,
      vocabulary_id varchar(20) NOT NULL, concept_class_id varchar(20) NOT NULL, concept_code varchar(50) NOT NULL);`);
  const types = [...new Set(notes.map((n) => n.noteType))].sort();
  const typeId = new Map(types.map((t, i) => [t, 2_000_000_001 + i]));
  await db.query("INSERT INTO cdm.concept VALUES (8507, 'MALE', 'Gender', 'Gender', 'Gender', 'M'), (8532, 'FEMALE', 'Gender', 'Gender', 'Gender', 'F')");
  for (const [t, id] of typeId) await db.query("INSERT INTO cdm.concept VALUES ($1, $2, 'Type Concept', 'Note Type', 'Note Type', $3)", [id, t, String(id)]);
  const insert = async (table: string, rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const width = batch[0].length;
      const values = batch.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`).join(", ");
      await db.query(`INSERT INTO cdm.${table} VALUES ${values}`, batch.flat());
    }
  };
  // Rows in another order than the patients', as a table's rows may be.
  const shuffled = notes.map((n, i) => ({ n, key: (i * 7919) % notes.length })).sort((a, b) => a.key - b.key).map((x) => x.n);
  await insert("note", shuffled.map((n) => [n.noteId, n.patientId, n.date, null, typeId.get(n.noteType), 0, null, n.text, 0, 0]));
  // Born on the 15 June `age` years before a first observation on 15 June 2010: that age at first contact.
  await insert("person", patients.map((p) => [p.id, p.gender === "Female" ? 8532 : p.gender === "Male" ? 8507 : 0, p.age === "" ? null : 2010 - Number(p.age), 6, 15, null, 0, 0, null, p.gender === "Female" || p.gender === "Male" ? null : p.gender]));
  await insert("observation_period", patients.map((p) => [p.id, p.id, "2010-06-15", "2015-12-31", 0]));
}

const STAGES = (eligible: string) => [["search"], ["screen"], ["sample"], ["identify", "--eligible", eligible], ["code", "--eligible", eligible], ["report", "--eligible", eligible]];

describe.skipIf(!BIN)("notes from an OMOP CDM database in PostgreSQL", () => {
  let server: TestPostgres;
  let study: Study;
  beforeAll(async () => {
    ensureBuilt();
    server = await startPostgres(BIN!);
    study = await loadDemo(server);
  }, 180_000);
  afterAll(() => server?.stop());

  it("gives every stage byte for byte the outputs the same notes give as a CSV export", () => {
    const { dir, eligible } = study;
    const common = ["--preset", "south-london-2015", "--seed", "2015", "--quiet"];
    const fromCsv = ["--notes", "notes.csv", "--patients", "patients.csv", "--out", "csv", ...common];
    const fromDb = ["--source", "omop", "--omop-url", server.url("demo", PASSWORD), "--omop-schema", "cdm", "--out", "db", ...common];
    for (const stage of STAGES(eligible)) {
      for (const args of [fromCsv, fromDb]) {
        const r = cli([...stage, ...args], dir);
        expect(r.code, `${stage[0]}: ${r.stderr}`).toBe(0);
        expect(r.stderr).not.toContain(PASSWORD);
      }
    }
    const csv = filesUnder(join(dir, "csv"));
    const db = filesUnder(join(dir, "db"));
    expect([...db.keys()]).toEqual([...csv.keys()]);
    expect(csv.size).toBeGreaterThan(25);
    for (const [path, bytes] of csv) {
      if (path === "01-search/notes-source.json") continue;
      expect(db.get(path)!.equals(bytes), path).toBe(true);
    }
    expect(readCsv(join(dir, "db", "01-search", "patients.csv"))).toHaveLength(691);
    const source = JSON.parse(readFileSync(join(dir, "db", "01-search", "notes-source.json"), "utf8"));
    expect(source).toEqual({ kind: "omop", database: `postgresql://${server.user}@127.0.0.1:${server.port}/demo`, schema: "cdm" });
    for (const [path, bytes] of db) expect(bytes.includes(PASSWORD), path).toBe(false);
  }, 600_000);

  it("reads the connection from the PG environment variables, and names a missing table without the password", () => {
    const { dir } = study;
    const env = { PGHOST: "127.0.0.1", PGPORT: String(server.port), PGUSER: server.user, PGDATABASE: "demo", PGPASSWORD: PASSWORD };
    const r = cli(["search", "--source", "omop", "--omop-schema", "cdm", "--preset", "south-london-2015", "--out", "env", "--json", "--quiet"], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ notes: readCsv(join(ROOT, "fixtures", "south-london-demo", "notes.csv")).length, returned: 691 });
    expect(readFileSync(join(dir, "env", "01-search", "notes.jsonl")).equals(readFileSync(join(dir, "db", "01-search", "notes.jsonl")))).toBe(true);

    const wrong = cli(["search", "--source", "omop", "--omop-url", server.url("demo", PASSWORD), "--omop-schema", "nowhere", "--preset", "south-london-2015", "--out", "bad"], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`postgresql://${server.user}@127.0.0.1:${server.port}/demo nowhere.note: relation "nowhere.note" does not exist`);
    expect(wrong.stderr).not.toContain(PASSWORD);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);

    const down = cli(["search", "--source", "omop", "--omop-url", `postgresql://${server.user}:${PASSWORD}@127.0.0.1:1/demo`, "--preset", "south-london-2015", "--out", "bad"], dir);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(`postgresql://${server.user}@127.0.0.1:1/demo: connect ECONNREFUSED`);
    expect(down.stderr).not.toContain(PASSWORD);
  }, 300_000);
});
