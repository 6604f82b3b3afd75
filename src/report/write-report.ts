import { rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.js";
import { addTableSheet, createWorkbook, writeWorkbook } from "../io/workbook.js";
import { writeCsv } from "../io/write-csv.js";
import { layoutFlow } from "./flow-layout.js";
import { flowSvg } from "./flow-svg.js";
import { renderReportHtml } from "./html-page.js";
import { isThere, type ReportInputs } from "./report-inputs.js";
import { reportSheets, type SheetModel } from "./report-sheets.js";
import { table1CsvRows, TABLE1_CSV_COLUMNS } from "./table1.js";

/** Write report.xlsx from its sheet models. */
export async function writeReportWorkbook(path: string, sheets: readonly SheetModel[]): Promise<void> {
  const wb = createWorkbook();
  for (const s of sheets) addTableSheet(wb, s.name, s.columns, s.rows);
  await writeWorkbook(wb, path);
}

/**
 * Write the report files into `dir`: report.html, report.xlsx, table1.csv and flow.svg (flow.svg only
 * when the flow counts exist; a stale one is removed). Returns the file names written.
 */
export async function writeReport(dir: string, inputs: ReportInputs): Promise<string[]> {
  const svg = isThere(inputs.flow) ? flowSvg(layoutFlow(inputs.flow.data, inputs.childAgeCutoff, inputs.vocabulary.reasonLabel)) : undefined;
  writeCsv(join(dir, "table1.csv"), TABLE1_CSV_COLUMNS, table1CsvRows(inputs.table1.table));
  if (svg) writeFileAtomic(join(dir, "flow.svg"), svg);
  else rmSync(join(dir, "flow.svg"), { force: true });
  writeFileAtomic(join(dir, "report.html"), renderReportHtml(inputs, svg));
  await writeReportWorkbook(join(dir, "report.xlsx"), reportSheets(inputs));
  return ["report.html", "report.xlsx", "table1.csv", ...(svg ? ["flow.svg"] : [])];
}
