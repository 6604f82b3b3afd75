import type { Codebook } from "../codebook/types.js";
import { CODE_GROUPS } from "../codebook/schema.js";
import { codeGuid, codesXml } from "./codes-xml.js";
import { escapeXml } from "./xml.js";
import { stableGuid } from "./guid.js";

/**
 * The codebook as a REFI-QDA codebook (`.qdc`, QDA-XML codebook 1.0): themes and their codes, and one
 * Set per group listing the codes that apply to it, so NVivo, ATLAS.ti, MAXQDA or QualCoder can carry
 * the framework on. Validates against Codebook.xsd. Pure.
 */
export function codebookToQdc(book: Codebook, origin: string): string {
  const sets = CODE_GROUPS.map((g) => {
    const members = book.codes.filter((c) => c.groups.includes(g));
    return [
      `    <Set guid="${stableGuid(`set:${g}`)}" name="${g}">`,
      `      <Description>${escapeXml(`Codes that apply to ${g === "adult" ? "adults" : "children"} (notes-analyse group)`)}</Description>`,
      ...members.map((c) => `      <MemberCode guid="${codeGuid(c.id)}"/>`),
      `    </Set>`,
    ].join("\n");
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${escapeXml(origin)}">`,
    codesXml(book),
    `  <Sets>`,
    ...sets,
    `  </Sets>`,
    `</CodeBook>`,
    ``,
  ].join("\n");
}
