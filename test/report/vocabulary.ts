import { join } from "node:path";
import { readTopic } from "../../src/config/topic.js";
import { reasonLabeller } from "../../src/report/flow.js";
import type { ReportVocabulary } from "../../src/report/report-inputs.js";
import { routeSchemeOf } from "../../src/report/routes.js";
import { readTable1Spec } from "../../src/report/table1-spec.js";
import { readCategories } from "../../src/stages/identify/read-categories.js";
import { readContextRules } from "../../src/text/context/index.js";
import { ROOT } from "../helpers/cli.js";

const PRESET = join(ROOT, "src", "presets", "south-london-2015");

/** The south-london-2015 preset's Table 1. */
export const PRESET_TABLE1 = readTable1Spec(join(PRESET, "table1.json"));

/** The south-london-2015 preset's words, as the report command reads them. */
export const PRESET_VOCABULARY: ReportVocabulary = {
  topic: readTopic(join(PRESET, "topic.json")),
  reasonLabel: reasonLabeller(readContextRules(join(PRESET, "context-rules.json")).reasons.all),
  routes: routeSchemeOf(readCategories(join(PRESET, "categories.json"))),
};
