import ExcelJS from "exceljs";
import { cellText } from "../../src/io/workbook.js";

/**
 * Fill decision cells of a workbook the way a person would in Excel: by column header and row id.
 * `values` maps id → header → value.
 */
export async function fillWorkbook(path: string, sheet: string, idHeader: string, values: Record<string, Record<string, string>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet)!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => col.set(cellText(c), i));
  for (let r = 2; r <= ws.rowCount; r++) {
    const id = cellText(ws.getRow(r).getCell(col.get(idHeader)!));
    for (const [h, v] of Object.entries(values[id] ?? {})) ws.getRow(r).getCell(col.get(h)!).value = v;
  }
  await wb.xlsx.writeFile(path);
}

/** Read one column of a sheet by header, keyed by the id column. */
export async function readColumn(path: string, sheet: string, idHeader: string, header: string): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet)!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => col.set(cellText(c), i));
  const out: Record<string, string> = {};
  for (let r = 2; r <= ws.rowCount; r++) out[cellText(ws.getRow(r).getCell(col.get(idHeader)!))] = cellText(ws.getRow(r).getCell(col.get(header)!));
  return out;
}
