import { closeSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { streamFileAtomic } from "./atomic-write.js";
import { escapeXml } from "./escape-xml.js";
import { neutralise } from "./neutralise.js";
import { columnWidth, dateValue, FIXED_DATE, isDateColumn, rowHeight, type SheetColumn, type SheetValue } from "./workbook.js";
import { ZipFileWriter } from "./zip.js";

/** One sheet of a streamed workbook: the same table addTableSheet makes. */
export interface StreamedSheet {
  name: string;
  columns: SheetColumn[];
  rows: Iterable<Record<string, SheetValue>>;
}

/**
 * Write a workbook of table sheets straight to the file as SpreadsheetML, row by row, so the workbook
 * is never whole in memory. The sheets read back as addTableSheet's do (bold frozen header, autofilter,
 * column widths, wrapped and top-aligned text, dates as dates, row heights, page setup); text is
 * neutralised as there, and written inline (no shared-strings table to hold). Every part is dated
 * FIXED_DATE, so the same rows give the same bytes. Written atomically.
 *
 * Written here rather than by the workbook library's streaming writer: loading that writer alone took a
 * tenth of a second, a fixed cost of every search (`npm run bench`); reading workbooks, and writing the
 * decision workbooks with their drop-downs, stay with the library.
 */
export async function writeStreamedWorkbook(path: string, sheets: readonly StreamedSheet[]): Promise<void> {
  sheets.forEach((s, i) => checkSheetName(s.name, sheets.slice(0, i)));
  await streamFileAtomic(path, async (tmp) => {
    const fd = openSync(tmp, "w");
    try {
      const zip = new ZipFileWriter(fd);
      zip.add("[Content_Types].xml", [contentTypes(sheets.length)]);
      zip.add("_rels/.rels", [ROOT_RELS]);
      zip.add("docProps/app.xml", [appProperties(sheets)]);
      zip.add("docProps/core.xml", [CORE_PROPERTIES]);
      zip.add("xl/workbook.xml", [workbookXml(sheets)]);
      zip.add("xl/_rels/workbook.xml.rels", [workbookRels(sheets.length)]);
      zip.add("xl/styles.xml", [STYLES]);
      zip.add("xl/theme/theme1.xml", [theme()]);
      sheets.forEach((s, i) => zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)));
      zip.finish();
    } finally {
      closeSync(fd);
    }
  });
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Sheet names Excel accepts: 1–31 characters, none of `[]:*?/\`, not quoted, distinct ignoring case. */
function checkSheetName(name: string, before: readonly StreamedSheet[]): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new Error(`workbook sheet name not allowed by spreadsheet programs: ${JSON.stringify(name)}`);
  }
  if (before.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`workbook sheet named twice: ${JSON.stringify(name)}`);
}

function contentTypes(sheets: number): string {
  const type = (part: string, t: string) => `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-${t}"/>`;
  const parts = [
    type("/xl/workbook.xml", "officedocument.spreadsheetml.sheet.main+xml"),
    ...Array.from({ length: sheets }, (_, i) => type(`/xl/worksheets/sheet${i + 1}.xml`, "officedocument.spreadsheetml.worksheet+xml")),
    type("/xl/theme/theme1.xml", "officedocument.theme+xml"),
    type("/xl/styles.xml", "officedocument.spreadsheetml.styles+xml"),
    type("/docProps/core.xml", "package.core-properties+xml"),
    type("/docProps/app.xml", "officedocument.extended-properties+xml"),
  ];
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `${parts.join("")}</Types>`
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const CORE_PROPERTIES = (() => {
  const when = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>notes-analyse</dc:creator><cp:lastModifiedBy>notes-analyse</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
})();

function appProperties(sheets: readonly StreamedSheet[]): string {
  const names = sheets.map((s) => `<vt:lpstr>${escapeXml(s.name)}</vt:lpstr>`).join("");
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>notes-analyse</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts></Properties>`
  );
}

/** Each sheet prints its header row on every page: a print-titles name per sheet. */
function workbookXml(sheets: readonly StreamedSheet[]): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`).join("");
  const titles = sheets.map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`'${s.name.replace(/'/g, "''")}'!$1:$1`)}</definedName>`).join("");
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets>${sheets.length > 0 ? `<definedNames>${titles}</definedNames>` : ""}<calcPr calcId="171027"/></workbook>`;
}

function workbookRels(sheets: number): string {
  const rel = (id: number, type: string, target: string) => `<Relationship Id="rId${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
  const sheetRels = Array.from({ length: sheets }, (_, i) => rel(i + 3, "worksheet", `worksheets/sheet${i + 1}.xml`)).join("");
  return `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELS}">${rel(1, "styles", "styles.xml")}${rel(2, "theme", "theme/theme1.xml")}${sheetRels}</Relationships>`;
}

/**
 * The cell formats, by index: what a cell of a column (top-aligned; wrapped; a date) or of the header
 * row (bold, centred vertically) needs. Font 0 is the theme's body font, as spreadsheet programs write it.
 */
const STYLE = { top: 1, topWrap: 2, header: 3, date: 4, dateWrap: 5, dateHeader: 6 } as const;
const STYLES = (() => {
  const xf = (numFmt: number, font: number, alignment: string) =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""} applyAlignment="1"><alignment ${alignment}/></xf>`;
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    xf(0, 0, 'vertical="top"'),
    xf(0, 0, 'vertical="top" wrapText="1"'),
    xf(0, 1, 'vertical="center"'),
    xf(164, 0, 'vertical="top"'),
    xf(164, 0, 'vertical="top" wrapText="1"'),
    xf(164, 1, 'vertical="center"'),
  ];
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>'
  );
})();

let themeXml: string | undefined;

/**
 * The Office theme the fonts refer to (body font, text colour), as the workbook library ships it: a
 * workbook without one shows in other fonts and colours in some spreadsheet programs.
 */
function theme(): string {
  themeXml ??= readFileSync(createRequire(import.meta.url).resolve("exceljs/lib/xlsx/xml/theme1.xml"), "utf8");
  return themeXml;
}

/** A column's letters: 1 → A, 27 → AA. */
function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A spreadsheet's day number of a yyyy-mm-dd text (see dateValue), or undefined for other text. */
function daySerial(v: string): number | undefined {
  const d = dateValue(v);
  return d instanceof Date ? (d.getTime() - EXCEL_EPOCH) / 86_400_000 : undefined;
}

const text = (t: string) => `<t xml:space="preserve">${escapeXml(t)}</t>`;

/** One cell's XML: text inline (neutralised), rich text as runs, numbers and booleans as themselves. */
function cellXml(ref: string, style: number, v: SheetValue, isDate: boolean): string {
  const at = `<c r="${ref}" s="${style}"`;
  if (Array.isArray(v)) {
    const runs = v.map((r, i) => `<r>${r.bold ? "<rPr><b/></rPr>" : ""}${text(i === 0 ? neutralise(r.text) : r.text)}</r>`).join("");
    return `${at} t="inlineStr"><is>${runs}</is></c>`;
  }
  if (typeof v === "string") {
    const day = isDate ? daySerial(v) : undefined;
    if (day !== undefined) return `${at}><v>${day}</v></c>`;
    return v === "" ? `${at}/>` : `${at} t="inlineStr"><is>${text(neutralise(v))}</is></c>`;
  }
  if (typeof v === "number") return Number.isFinite(v) ? `${at}><v>${v}</v></c>` : `${at}/>`;
  if (typeof v === "boolean") return `${at} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `${at}/>`;
}

/** A sheet's XML, a row at a time. */
function* sheetXml(sheet: StreamedSheet): Generator<string> {
  const { columns } = sheet;
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const dates = columns.map(isDateColumn);
  const styles = columns.map((c, i) => (dates[i] ? (c.wrap ? STYLE.dateWrap : STYLE.date) : c.wrap ? STYLE.topWrap : STYLE.top));
  const spans = `1:${Math.max(1, columns.length)}`;
  const cols = columns.map((_, i) => `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(columns[i])}" style="${styles[i]}" customWidth="1"/>`).join("");
  yield (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData>`
  );
  const header = columns.map((c, i) => cellXml(`${letters[i]}1`, dates[i] ? STYLE.dateHeader : STYLE.header, c.header, false)).join("");
  yield `<row r="1" spans="${spans}" s="${STYLE.header}" customFormat="1">${header}</row>`;
  let r = 1;
  for (const row of sheet.rows) {
    r++;
    const ht = rowHeight(columns, row);
    const height = ht !== undefined ? ` ht="${ht}" customHeight="1"` : "";
    const cells = columns.map((c, i) => cellXml(`${letters[i]}${r}`, styles[i], row[c.key], dates[i])).join("");
    yield `<row r="${r}" spans="${spans}"${height}>${cells}</row>`;
  }
  yield "</sheetData>";
  if (columns.length > 0) yield `<autoFilter ref="A1:${letters[columns.length - 1]}${r}"/>`;
  yield '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>';
}
