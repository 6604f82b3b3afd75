import type { DecisionRow, DecisionSheet } from "../../../io/decision-workbook.js";
import type { RichRun, SheetColumn } from "../../../io/workbook.js";
import { percentText } from "../../../second-rater/plan.js";
import { codingValues } from "../codebook/compile.js";
import { NO_CODE, type Codebook } from "../codebook/types.js";
import { formatLearned } from "../learn/format.js";
import type { CoderDecision, Extract, LearnedCode } from "../types.js";

const CODES_SHEET: SheetColumn[] = [
  { header: "code", key: "code", width: 34 },
  { header: "level", key: "level", width: 8 },
  { header: "theme", key: "theme", width: 14 },
  { header: "label", key: "label", width: 40, wrap: true },
  { header: "description", key: "description", width: 60, wrap: true },
  { header: "include", key: "inclusion", width: 40, wrap: true },
  { header: "exclude", key: "exclusion", width: 40, wrap: true },
  { header: "example", key: "example", width: 50, wrap: true },
  { header: "groups", key: "groups", width: 12 },
];

/** The "Codes" sheet: every value a coder may enter, with what it means. */
export function codesSheet(book: Codebook): NonNullable<DecisionSheet["extraSheets"]>[number] {
  const rows = book.themes.flatMap((t) => [
    { code: t.id, level: "theme", theme: t.id, label: t.label, description: t.description, inclusion: "", exclusion: "", example: "", groups: t.groups.join(", ") },
    ...t.codes.map((c) => ({ code: c.id, level: "code", theme: t.id, label: c.label, description: c.description, inclusion: c.inclusion ?? "", exclusion: c.exclusion ?? "", example: c.example ?? "", groups: c.groups.join(", ") })),
  ]);
  rows.push({ code: NO_CODE, level: "", theme: "", label: "None of the codes", description: "The extract was read and holds none of the codes (an empty cell means not coded yet).", inclusion: "", exclusion: "", example: "", groups: "" });
  return { name: "Codes", columns: CODES_SHEET, rows };
}

/** The coders' workbook, `coded-extracts.xlsx`: evidence locked, `final_codes` and `memo` to fill in. */
export function codedExtractsSpec(book: Codebook, seed: number): DecisionSheet {
  return {
    sheet: "Extracts",
    idColumn: "extract_id",
    evidence: [
      { header: "patient_id", key: "patient_id", width: 12 },
      { header: "group", key: "group", width: 8 },
      { header: "note_id", key: "note_id", width: 12 },
      { header: "date", key: "date", width: 11 },
      { header: "text", key: "text", width: 90, wrap: true },
      { header: "suggested_codes", key: "suggested_codes", width: 30, wrap: true },
      { header: "rules", key: "rules", width: 40, wrap: true },
      { header: "learned_codes", key: "learned_codes", width: 30, wrap: true },
      { header: "status", key: "status", width: 14 },
    ],
    decisions: [
      { header: "final_codes", key: "final_codes", width: 34, allowed: codingValues(book), multiple: true },
      { header: "memo", key: "memo", width: 40 },
    ],
    about: [
      "Coded extracts: passages of eligible patients' notes pulled out by the theme retrieval terms and the codebook's patterns (notes-analyse code).",
      "Read each extract and enter its codes in final_codes: code ids from the Codes sheet separated by ';' (a theme id codes at theme level; 'none' means none apply).",
      "An empty final_codes cell means the extract is not coded yet: results then use the suggestions. Write anything you want to remember in memo.",
      "`notes-analyse run` waits until every extract has final_codes (or carries on with `--accept-suggestions`, and the report then says DRAFT). To accept the suggested codes, copy them into final_codes.",
      "suggested_codes and rules show what the codebook's patterns suggested and which pattern fired; learned_codes what a classifier trained on your codes suggests (with its confidence).",
      "Only final_codes and memo may be edited. Rerunning notes-analyse code keeps every decision and backs up this file; a passage you coded is never cut or merged.",
      `Seed for the second-coder sample: ${seed}.`,
    ],
    extraSheets: [codesSheet(book)],
  };
}

/** The blinded second coder's workbook: text only, no suggestions and no first coder's codes. */
export function secondCoderSpec(book: Codebook, seed: number, fraction: number): DecisionSheet {
  return {
    sheet: "Extracts",
    idColumn: "extract_id",
    evidence: [
      { header: "group", key: "group", width: 8 },
      { header: "date", key: "date", width: 11 },
      { header: "text", key: "text", width: 100, wrap: true },
      { header: "status", key: "status", width: 14 },
    ],
    decisions: [
      { header: "codes", key: "codes", width: 34, allowed: codingValues(book), multiple: true },
      { header: "memo", key: "memo", width: 40 },
    ],
    about: [
      "Second coder: code each extract independently, without looking at the first coder's workbook.",
      "Enter code ids from the Codes sheet in codes, separated by ';' ('none' when none apply). Leave it empty if you did not code the extract.",
      `This is a random ${percentText(fraction)} of the extracts, drawn with seed ${seed}; agreement per code is written to coder-agreement.csv once both coders have coded.`,
    ],
    extraSheets: [codesSheet(book)],
  };
}

/** The text of an extract with the pattern hits in bold, for the workbook. */
export function highlighted(e: Extract): RichRun[] {
  const runs: RichRun[] = [];
  let at = e.start;
  const spans = e.highlights.filter((h) => h.start >= e.start && h.end <= e.end).sort((a, b) => a.start - b.start || b.end - a.end);
  for (const h of spans) {
    if (h.start < at) continue;
    if (h.start > at) runs.push({ text: e.text.slice(at - e.start, h.start - e.start) });
    runs.push({ text: e.text.slice(h.start - e.start, h.end - e.start), bold: true });
    at = h.end;
  }
  if (at < e.end) runs.push({ text: e.text.slice(at - e.start) });
  // A run that starts like a formula would be neutralised mid-text (a quote added inside the note);
  // hand such leading characters to the run before.
  for (let i = 1; i < runs.length; i++) {
    while (/^[=+\-@\t\r]/.test(runs[i].text)) {
      runs[i - 1] = { ...runs[i - 1], text: runs[i - 1].text + runs[i].text[0] };
      runs[i] = { ...runs[i], text: runs[i].text.slice(1) };
    }
  }
  // Line ends shown as \n: a bare CR does not survive a round trip through every spreadsheet program.
  const kept = runs.map((r) => ({ ...r, text: r.text.replace(/\r\n?/g, "\n") })).filter((r) => r.text.length > 0);
  return kept.length > 0 ? kept : [{ text: e.text.replace(/\r\n?/g, "\n") }];
}

export function codedExtractRows(extracts: readonly Extract[], learned: ReadonlyMap<string, LearnedCode[]>): DecisionRow[] {
  return extracts.map((e) => ({
    id: e.extractId,
    evidence: {
      patient_id: e.patientId,
      group: e.group,
      note_id: e.noteId,
      date: e.date,
      text: highlighted(e),
      suggested_codes: e.suggested.join("; "),
      rules: e.rules.join("\n"),
      learned_codes: formatLearned(learned.get(e.extractId) ?? []),
      status: "",
    },
  }));
}

/** Decisions read from a workbook as coder decisions by extract id. */
export function toCoderDecisions(decisions: ReadonlyMap<string, Record<string, string>>, codesKey: string): Map<string, CoderDecision> {
  const out = new Map<string, CoderDecision>();
  for (const [id, d] of decisions) {
    const codes = (d[codesKey] ?? "").split(";").map((s) => s.trim()).filter(Boolean);
    out.set(id, { codes, memo: d.memo ?? "" });
  }
  return out;
}
