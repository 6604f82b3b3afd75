import type { CommandSpec } from "../cli/command.js";
import type { PresetFile } from "../config/presets.js";
import type { ResolvedConfig } from "../config/load.js";
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
    produces: ["01-search/patients.csv", "01-search/hits.csv", "01-search/search.xlsx", "01-search/notes.jsonl", "01-search/notes-source.json"],
    usesNotes: true,
    usesPatients: true,
    rules: ["terms"],
    settings: ["columns", "encoding", "delimiter", "kwicWidth", "childAgeCutoff", "patients", "source", "omop"],
  },
  {
    name: "screen",
    command: screenCommand,
    requires: ["01-search/patients.csv", "01-search/notes.jsonl"],
    reads: [],
    produces: ["02-screening/suggestions.csv", "02-screening/screening.xlsx"],
    readsIf: (config) => (config.rank ? ["01-search/hits.csv", "02-screening/screening.xlsx"] : []),
    usesNotes: false,
    // The patients file gives each patient's gender, which tells whom a pronoun is about.
    usesPatients: true,
    rules: ["terms", "contextRules", "documents"],
    settings: ["columns", "encoding", "delimiter", "rank"],
  },
  {
    name: "sample",
    command: sampleCommand,
    requires: ["01-search/patients.csv", "01-search/notes.jsonl"],
    reads: [],
    produces: ["02-screening/sample.csv", "02-screening/sample.json", "02-screening/second-rater.xlsx"],
    usesNotes: false,
    usesPatients: false,
    rules: ["terms", "contextRules", "documents"],
    settings: ["seed", "sampling", "columns", "encoding", "delimiter"],
  },
  {
    name: "consensus",
    command: consensusCommand,
    requires: ["01-search/patients.csv", "02-screening/screening.xlsx"],
    reads: ["02-screening/sample.csv", "02-screening/sample.json", "02-screening/second-rater.xlsx", "02-screening/discrepancies.xlsx"],
    produces: ["02-screening/eligible.csv", "02-screening/flow.csv"],
    usesNotes: false,
    usesPatients: false,
    // The exclusion reasons: the workbooks' drop-downs and flow.csv's rows.
    rules: ["contextRules"],
    settings: [],
  },
  {
    name: "identify",
    command: identifyCommand,
    requires: ["02-screening/eligible.csv"],
    reads: ["01-search/notes.jsonl", "03-identification/identification.xlsx", "03-identification/second-rater.xlsx"],
    produces: ["03-identification/routes.csv", "03-identification/summary.csv", "03-identification/identification.xlsx"],
    usesNotes: false,
    usesPatients: true,
    rules: ["terms", "categories", "contextRules", "documents", "topic"],
    settings: ["seed", "sampling", "patients", "childAgeCutoff", "columns", "encoding", "delimiter"],
  },
  {
    name: "code",
    command: codeCommand,
    requires: ["02-screening/eligible.csv"],
    reads: ["01-search/notes.jsonl", "04-themes/coded-extracts.xlsx", "04-themes/second-coder.xlsx"],
    produces: ["04-themes/extracts.csv", "04-themes/patient-themes.csv", "04-themes/coded-extracts.xlsx"],
    usesNotes: false,
    usesPatients: true,
    rules: ["terms", "codebook", "documents"],
    settings: ["seed", "sampling", "patients", "childAgeCutoff", "columns", "encoding", "delimiter"],
  },
  {
    name: "report",
    command: reportCommand,
    requires: ["02-screening/eligible.csv"],
    reads: [
      "02-screening/flow.csv",
      "02-screening/agreement.json",
      "03-identification/summary.csv",
      "03-identification/agreement.json",
      "04-themes/code-frequencies.csv",
      "04-themes/quotes.csv",
      "04-themes/theme-map-adult.svg",
      "04-themes/theme-map-child.svg",
      "04-themes/coder-agreement.csv",
      // The performance card compares the suggestions with the final decisions.
      "01-search/hits.csv",
      "02-screening/suggestions.csv",
      "02-screening/screening.xlsx",
      "03-identification/routes.csv",
      "04-themes/extracts.csv",
    ],
    produces: ["report/report.html", "report/report.xlsx", "report/table1.csv", "report/flow.svg"],
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
