import { withAtomicFile } from "./atomic-write.js";
import { cellText, exceljs, workbookBytes } from "./workbook.js";

/**
 * Fill decision cells of a workbook by row id and column header, as a person would in Excel. Only
 * empty cells are filled: a decision already there is never replaced. Returns the number of cells filled.
 */
export async function fillEmptyDecisions(path: string, sheet: string, idHeader: string, values: ReadonlyMap<string, Record<string, string>>): Promise<number> {
  const wb = new (exceljs().Workbook)();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`${path}: no sheet ${sheet}`);
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => col.set(cellText(c).trim(), i));
  const idCol = col.get(idHeader);
  if (!idCol) throw new Error(`${path}: no column ${idHeader}`);
  let filled = 0;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const v = values.get(cellText(row.getCell(idCol)).trim());
    if (!v) continue;
    for (const [header, value] of Object.entries(v)) {
      const c = col.get(header);
      if (!c || value === "" || cellText(row.getCell(c)).trim() !== "") continue;
      row.getCell(c).value = value;
      filled++;
    }
  }
  if (filled > 0) await withAtomicFile(path, () => workbookBytes(wb));
  return filled;
}
