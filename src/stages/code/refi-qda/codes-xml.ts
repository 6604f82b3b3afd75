import type { CodeDef, Codebook, ThemeDef } from "../codebook/types.js";
import { escapeXml } from "./xml.js";
import { stableGuid } from "./guid.js";

/** Field labels in a code's Description, read back on import so a round trip loses nothing. */
export const FIELD = { inclusion: "Include:", exclusion: "Exclude:", example: "Example:", groups: "Groups:", patterns: "Patterns:", unless: "Unless:", id: "notes-analyse id:" } as const;

export const codeGuid = (id: string): string => stableGuid(`code:${id}`);

const DEFAULT_COLOR = "#7F7F7F";

/** A code's or theme's Description: its meaning for coders, then one labelled line per field. */
export function describe(item: ThemeDef | CodeDef, book: Codebook): string {
  const lines = [item.description, ""];
  const code = "theme" in item ? item : undefined;
  if (code?.inclusion) lines.push(`${FIELD.inclusion} ${code.inclusion}`);
  if (code?.exclusion) lines.push(`${FIELD.exclusion} ${code.exclusion}`);
  if (code?.example) lines.push(`${FIELD.example} ${code.example}`);
  if (item.groups.length < 2 || (code && code.groups.length !== book.themeById.get(code.theme)?.groups.length)) lines.push(`${FIELD.groups} ${item.groups.join(", ")}`);
  if (code && code.patterns.length > 0) lines.push(FIELD.patterns, ...code.patterns.map((p) => `- ${p.text}`));
  if (code && code.unless.length > 0) lines.push(FIELD.unless, ...code.unless.map((p) => `- ${p.text}`));
  lines.push(`${FIELD.id} ${item.id}`);
  return lines.join("\n");
}

/**
 * The `<Codes>` element shared by codebook (.qdc) and project (.qde) files: themes as codes with their
 * sub-theme codes nested inside, stable GUIDs, colours, descriptions.
 */
export function codesXml(book: Codebook, indent = "  "): string {
  const out: string[] = [`${indent}<Codes>`];
  for (const t of book.themes) {
    const color = t.color ?? DEFAULT_COLOR;
    out.push(`${indent}  <Code guid="${codeGuid(t.id)}" name="${escapeXml(t.label)}" isCodable="true" color="${color}">`);
    out.push(`${indent}    <Description>${escapeXml(describe(t, book))}</Description>`);
    for (const c of t.codes) {
      out.push(`${indent}    <Code guid="${codeGuid(c.id)}" name="${escapeXml(c.label)}" isCodable="true" color="${color}">`);
      out.push(`${indent}      <Description>${escapeXml(describe(c, book))}</Description>`);
      out.push(`${indent}    </Code>`);
    }
    out.push(`${indent}  </Code>`);
  }
  out.push(`${indent}</Codes>`);
  return out.join("\n");
}
