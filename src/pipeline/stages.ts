import type { CommandSpec } from "../cli/command.js";
import type { PresetFile } from "../config/presets.js";
import type { ResolvedConfig } from "../config/load.js";
import { artefactPaths as files } from "../io/artefacts.js";
import { searchCommand } from "../cli/commands/search.js";
import { screenCommand } from "../cli/commands/screen.js";
import { sampleCommand } from "../cli/commands/sample.js";
import { consensusCommand } from "../cli/commands/consensus.js";
import { identifyCommand } from "../cli/commands/identify.js";
import { codeCommand } from "../cli/commands/code.js";
import { reportCommand } from "../cli/commands/report.js";

/**
 * One stage of the pipeline as `run` sees it: the command that does it, what it reads and what it
 * writes. A stage is skipped when everything it reads (files by content, settings, rule files, tool
 * version) is unchanged since its last run and everything it produces is still there.
 */
export interface StageDef {
  name: string;
  command: CommandSpec;
  /** Output-folder files that must exist before the stage can run. */
  requires: string[];
  /** Output-folder files it also reads when present (filled workbooks). */
  reads: string[];
  /** Files it reads only under some settings (screening.xlsx's decisions, with `rank`). */
  readsIf?: (config: ResolvedConfig) => string[];
  produces: string[];
  /** Reads the notes export (and so its content is part of the stage's inputs). */
  usesNotes: boolean;
  /** Reads the patients file (and so its content is part of the stage's inputs). */
  usesPatients: boolean;
  rules: PresetFile[];
  /** Config keys whose values are part of the stage's inputs. */
  settings: string[];
}

export const STAGES: StageDef[] = [
  {
    name: "search",
    command: searchCommand,
    requires: [],
    reads: [],
    // notes.jsonl: the returned patients' notes, which the later stages read instead of the export;
    // notes-source.json: the export files as search read them, which they check first.
    produces: files("returnedPatients", "hits", "searchWorkbook", "returnedNotes", "notesSource"),
    usesNotes: true,
    usesPatients: true,
    rules: ["terms"],
    settings: ["columns", "encoding", "delimiter", "kwicWidth", "childAgeCutoff", "patients", "source", "omop"],
  },
  {
    name: "screen",
    command: screenCommand,
    requires: files("returnedPatients", "returnedNotes"),
    reads: [],
    produces: files("suggestions", "screeningWorkbook"),
    readsIf: (config) => (config.rank ? files("hits", "screeningWorkbook") : []),
    usesNotes: false,
    // The patients file gives each patient's gender, which tells whom a pronoun is about.
    usesPatients: true,
    rules: ["terms", "contextRules", "documents"],
    settings: ["columns", "encoding", "delimiter", "rank"],
  },
  {
    name: "sample",
    command: sampleCommand,
    requires: files("returnedPatients", "returnedNotes"),
    reads: [],
    produces: files("sample", "sampleInfo", "secondRaterScreening"),
    usesNotes: false,
    usesPatients: false,
    rules: ["terms", "contextRules", "documents"],
    settings: ["seed", "sampling", "columns", "encoding", "delimiter"],
  },
  {
    name: "consensus",
    command: consensusCommand,
    requires: files("returnedPatients", "screeningWorkbook"),
    reads: files("sample", "sampleInfo", "secondRaterScreening", "discrepancies"),
    produces: files("eligible", "flow"),
    usesNotes: false,
    usesPatients: false,
    // The exclusion reasons: the workbooks' drop-downs and flow.csv's rows.
    rules: ["contextRules"],
    settings: [],
  },
  {
    name: "identify",
    command: identifyCommand,
    requires: files("eligible"),
    reads: files("returnedNotes", "identificationWorkbook", "secondRaterRoutes"),
    produces: files("routes", "routeSummary", "identificationWorkbook"),
    usesNotes: false,
    usesPatients: true,
    rules: ["terms", "categories", "contextRules", "documents", "topic"],
    settings: ["seed", "sampling", "patients", "childAgeCutoff", "columns", "encoding", "delimiter"],
  },
  {
    name: "code",
    command: codeCommand,
    requires: files("eligible"),
    reads: files("returnedNotes", "codedExtracts", "secondCoder"),
    produces: files("extracts", "patientThemes", "codedExtracts"),
    usesNotes: false,
    usesPatients: true,
    rules: ["terms", "codebook", "documents"],
    settings: ["seed", "sampling", "patients", "childAgeCutoff", "columns", "encoding", "delimiter"],
  },
  {
    name: "report",
    command: reportCommand,
    requires: files("eligible"),
    reads: [
      ...files("flow", "screeningAgreement", "routeSummary", "routeAgreement", "codeFrequencies", "quotes", "themeMapAdult", "themeMapChild", "coderAgreement"),
      // The performance card compares the suggestions with the final decisions.
      ...files("hits", "suggestions", "screeningWorkbook", "routes", "extracts"),
    ],
    produces: files("reportHtml", "reportWorkbook", "table1", "flowSvg"),
    usesNotes: false,
    usesPatients: true,
    // The study's words: reasons' labels, categories' labels and groups, the topic, Table 1.
    rules: ["contextRules", "categories", "topic", "table1"],
    settings: ["patients", "childAgeCutoff", "seed", "columns", "encoding", "delimiter"],
  },
];

export function stageNames(): string[] {
  return STAGES.map((s) => s.name);
}
