import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { ARTEFACTS, artefactPath, readArtefactJson, readOwnJson, writeArtefactCsv, writeArtefactJson, type ArtefactId } from "../../src/io/artefacts.js";
import { readCsvRows } from "../../src/io/read-csv-rows.js";
import { QUOTE_COLUMNS } from "../../src/stages/code/results/quotes.js";
import { ROUTE_COLUMNS } from "../../src/stages/identify/routes.js";
import { SUMMARY_COLUMNS } from "../../src/stages/identify/summary.js";
import { FLOW_COLUMNS } from "../../src/stages/screen/consensus.js";
import { PATIENT_THEME_COLUMNS } from "../../src/stages/code/results/patient-themes.js";
import { FREQUENCY_COLUMNS } from "../../src/stages/code/results/frequencies.js";
import { COOCCURRENCE_COLUMNS } from "../../src/stages/code/results/cooccurrence.js";
import { CODER_AGREEMENT_COLUMNS } from "../../src/stages/code/coder-agreement.js";
import { EXTRACT_COLUMNS } from "../../src/stages/code/io/write-results.js";
import { TABLE1_CSV_COLUMNS } from "../../src/report/table1.js";

const temp = () => mkdtempSync(join(tmpdir(), "artefacts-"));

function put(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe("the declared artefacts", () => {
  // The stage modules that fill these files keep their own column lists; a rename on one side only fails here.
  it.each<[ArtefactId, readonly string[]]>([
    ["quotes", QUOTE_COLUMNS],
    ["routes", ROUTE_COLUMNS],
    ["routeSummary", SUMMARY_COLUMNS],
    ["flow", FLOW_COLUMNS],
    ["patientThemes", PATIENT_THEME_COLUMNS],
    ["codeFrequencies", FREQUENCY_COLUMNS],
    ["cooccurrence", COOCCURRENCE_COLUMNS],
    ["coderAgreement", CODER_AGREEMENT_COLUMNS],
    ["extracts", EXTRACT_COLUMNS],
    ["table1", TABLE1_CSV_COLUMNS],
  ])("%s declares the columns its writer writes", (id, columns) => {
    expect((ARTEFACTS[id] as { columns?: readonly string[] }).columns).toEqual([...columns]);
  });

  it("every path is unique and sits under the output folder", () => {
    const paths = Object.values(ARTEFACTS).map((a) => a.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths) expect(p).not.toMatch(/^\/|\.\./);
  });

  it("writes a CSV under its declared header and a JSON artefact that reads back", async () => {
    const out = temp();
    writeArtefactCsv(out, "sample", [["P1", "first", "adult"]]);
    const rows = await readCsvRows(artefactPath(out, "sample"), ARTEFACTS.sample.columns);
    expect(rows.map((r) => r.values)).toEqual([{ patient_id: "P1", why: "first", group: "adult" }]);
    writeArtefactJson(out, "sampleInfo", { seed: 7 });
    expect(readArtefactJson(out, "sampleInfo")).toEqual({ seed: 7 });
  });

  it("an artefact that is not there reads as undefined", () => {
    expect(readArtefactJson(temp(), "screeningAgreement")).toBeUndefined();
  });
});

describe("reading the tool's own JSON", () => {
  it.each([
    ["truncated", '{"seed": 4'],
    ["empty", ""],
    ["not JSON at all", "seed=4"],
  ])("a %s file is one error line naming the file and the stage to run again", (_name, text) => {
    const out = temp();
    const path = put(artefactPath(out, "sampleInfo"), text);
    let caught: unknown;
    try {
      readArtefactJson(out, "sampleInfo");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    const message = (caught as Error).message;
    expect(message).toBe(`${path}: not valid JSON (it is written by notes-analyse sample; run sample again)`);
    expect(message).not.toContain("\n");
  });

  it("says what the file should be and how to fix it", () => {
    const path = put(join(temp(), "x.json"), "[1,");
    expect(() => readOwnJson(path, "delete it", "a record of the last run")).toThrow(`${path}: not a record of the last run (delete it)`);
  });

  it("a file that cannot be read is an error too, never an empty record", () => {
    const dir = temp();
    expect(() => readOwnJson(dir, "run it again")).toThrow(UserError);
  });
});
