import type { Note } from "../../../core/types.js";
import type { ZipEntry } from "../../../io/zip.js";
import type { Codebook } from "../codebook/types.js";
import type { CodedExtract } from "../results/effective.js";
import { codeGuid, codesXml } from "./codes-xml.js";
import { stableGuid } from "./guid.js";
import { escapeXml } from "./xml.js";

/** REFI-QDA positions count characters (code points); JavaScript offsets count UTF-16 units. */
export function codePointOffset(text: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16) i++;
    n++;
  }
  return n;
}

const USERS = { suggested: { guid: stableGuid("user:suggestions"), name: "notes-analyse suggestions" }, coder: { guid: stableGuid("user:coder"), name: "coder (coded-extracts.xlsx)" } };

/**
 * The coded extracts as a REFI-QDA project (`.qdpx`): every note holding an extract becomes a text
 * source (`Sources/<guid>.txt`), every extract a coded selection of it. Codings made by a coder and
 * codings only suggested are told apart by their user. Patients are cases with a `group` variable.
 * Pure: returns the archive's entries.
 */
export function buildQdpx(book: Codebook, coded: readonly CodedExtract[], notes: ReadonlyMap<string, Note>, projectName: string, origin: string, memos: ReadonlyMap<string, string> = new Map()): ZipEntry[] {
  const byNote = new Map<string, CodedExtract[]>();
  for (const c of coded) {
    const key = `${c.extract.patientId}\u0000${c.extract.noteId}`;
    byNote.set(key, [...(byNote.get(key) ?? []), c]);
  }
  const noteKeys = [...byNote.keys()].sort();
  const groupVar = stableGuid("variable:group");
  const files: ZipEntry[] = [];
  const sources: string[] = [];
  const casesByPatient = new Map<string, { group: string; sources: string[] }>();
  for (const key of noteKeys) {
    const [patientId, noteId] = key.split("\u0000");
    const note = notes.get(key);
    if (!note) continue;
    const guid = stableGuid(`source:${key}`);
    files.push({ name: `Sources/${guid}.txt`, data: note.text });
    const c0 = byNote.get(key)![0].extract;
    const name = `${patientId} · ${noteId}${note.date ? ` · ${note.date}` : ""}`;
    const sels = byNote.get(key)!.map((c) => {
      const e = c.extract;
      const user = c.source === "coder" ? USERS.coder.guid : USERS.suggested.guid;
      const memo = memos.get(e.extractId);
      const codings = c.codes
        .filter((code) => book.codeById.has(code) || book.themeById.has(code))
        .map((code) => `        <Coding guid="${stableGuid(`coding:${e.extractId}:${code}`)}" creatingUser="${user}"><CodeRef targetGUID="${codeGuid(code)}"/></Coding>`);
      return [
        `      <PlainTextSelection guid="${stableGuid(`selection:${e.extractId}`)}" name="${escapeXml(e.extractId)}" startPosition="${codePointOffset(note.text, e.start)}" endPosition="${codePointOffset(note.text, e.end)}" creatingUser="${user}">`,
        ...(memo ? [`        <Description>${escapeXml(memo)}</Description>`] : []),
        ...codings,
        `      </PlainTextSelection>`,
      ].join("\n");
    });
    sources.push([`    <TextSource guid="${guid}" name="${escapeXml(name)}" plainTextPath="internal://${guid}.txt">`, ...sels, `    </TextSource>`].join("\n"));
    const kase = casesByPatient.get(patientId) ?? { group: c0.group, sources: [] };
    kase.sources.push(guid);
    casesByPatient.set(patientId, kase);
  }
  const cases = [...casesByPatient.entries()].map(([patientId, k]) =>
    [
      `    <Case guid="${stableGuid(`case:${patientId}`)}" name="${escapeXml(patientId)}">`,
      `      <VariableValue><VariableRef targetGUID="${groupVar}"/><TextValue>${escapeXml(k.group)}</TextValue></VariableValue>`,
      ...k.sources.map((s) => `      <SourceRef targetGUID="${s}"/>`),
      `    </Case>`,
    ].join("\n"),
  );
  const project = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<Project xmlns="urn:QDA-XML:project:1.0" name="${escapeXml(projectName)}" origin="${escapeXml(origin)}">`,
    `  <Users>`,
    ...Object.values(USERS).map((u) => `    <User guid="${u.guid}" name="${escapeXml(u.name)}"/>`),
    `  </Users>`,
    `  <CodeBook>`,
    codesXml(book, "    "),
    `  </CodeBook>`,
    `  <Variables>`,
    `    <Variable guid="${groupVar}" name="group" typeOfVariable="Text"><Description>Patient group: adult, child (under the child age cut-off at first contact) or unknown</Description></Variable>`,
    `  </Variables>`,
    ...(cases.length > 0 ? [`  <Cases>`, ...cases, `  </Cases>`] : []),
    ...(sources.length > 0 ? [`  <Sources>`, ...sources, `  </Sources>`] : []),
    `</Project>`,
    ``,
  ].join("\n");
  return [{ name: "project.qde", data: project }, ...files];
}
