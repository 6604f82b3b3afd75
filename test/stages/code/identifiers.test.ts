import { describe, expect, it } from "vitest";
import { findIdentifiers, formatFlags, validNhsNumber } from "../../../src/stages/code/identifiers.js";

// Planted identifiers: each must be flagged with its kind, pointing at the identifier.
const PLANTED: [string, string, string][] = [
  ["name_after_title", "Seen with Mrs Okafor in clinic.", "Okafor"],
  ["name_after_title", "letter from dr Patel re meds", "Patel"],
  ["name_after_title", "Ms ZZZZZ Adeyemi attended.", "ZZZZZ Adeyemi"],
  ["date_of_birth", "DOB: 03/11/1994, seen today.", "DOB: 03/11/1994"],
  ["date_of_birth", "She was born on 4 March 1990 in ZZZZZ.", "born on 4 March 1990"],
  ["date_of_birth", "Date of birth 1990-03-04 per GP.", "Date of birth 1990-03-04"],
  ["nhs_number", "NHS no 943 476 5919 on file.", "943 476 5919"],
  ["nhs_number", "NHS 9434765919.", "9434765919"],
  ["postcode", "Moved to SE5 8AZ last week.", "SE5 8AZ"],
  ["postcode", "address ends sw9 9sl.", "sw9 9sl"],
  ["phone", "Call her on 07700 900123 after 5.", "07700 900123"],
  ["phone", "Team line 020 7123 4567.", "020 7123 4567"],
  ["phone", "Mobile +44 7700 900123.", "+44 7700 900123"],
  ["email", "Emailed jane.doe@example.org today.", "jane.doe@example.org"],
];

// De-identified or harmless text that must not be flagged.
const CLEAN = [
  "Seen with Mr ZZZZZ and Dr ZZZZZ ZZZZZ.",
  "DOB ZZZZZ. Date of assessment 12/03/2010.",
  "NHS number ZZZZZ; reference 1234567890 is not an NHS number.",
  "Took 10 mg at 0800, BP 120/80, weight 64 kg.",
  "Dr to review on Monday. Mr and Mrs ZZZZZ attended.",
  "Lives in ZZZZZ (South London), near the A23.",
  "Phoned the duty line, no answer.",
];

describe("findIdentifiers", () => {
  it.each(PLANTED)("flags %s in %j", (kind, text, what) => {
    const flags = findIdentifiers(text);
    expect(flags.map((f) => [f.kind, text.slice(f.start, f.end)])).toContainEqual([kind, what]);
  });
  it.each(CLEAN)("leaves masked or harmless text alone: %j", (text) => expect(findIdentifiers(text)).toEqual([]));
  it("formats flags with offsets, never the identifier", () => {
    const text = "Mrs Okafor, 07700 900123";
    expect(formatFlags(findIdentifiers(text))).toBe("name_after_title@4-10; phone@12-24");
  });
});

describe("validNhsNumber", () => {
  it.each([
    ["9434765919", true],
    ["4010232137", true],
    ["9434765918", false],
    ["1234567890", false],
    ["943476591", false],
  ])("%s → %s", (n, ok) => expect(validNhsNumber(n)).toBe(ok));
});
