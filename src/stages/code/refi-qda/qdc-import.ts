import { UserError } from "../../../core/errors.js";
import type { CodebookFile, CodeFile, ThemeFile } from "../codebook/schema.js";
import { CODE_GROUPS } from "../codebook/schema.js";
import { FIELD } from "./codes-xml.js";
import { childrenNamed, parseXml, type XmlElement } from "./xml.js";

interface Fields {
  description: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  groups?: string[];
  patterns: string[];
  unless: string[];
  id?: string;
}

/** Split a Description into its free text and the labelled fields notes-analyse writes (others keep all as text). */
function readDescription(text: string): Fields {
  const f: Fields = { description: "", patterns: [], unless: [] };
  const free: string[] = [];
  let list: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const field = (label: string) => (line.startsWith(label) ? line.slice(label.length).trim() : undefined);
    if (list && line.startsWith("- ")) list.push(line.slice(2));
    else if (line === FIELD.patterns) list = f.patterns;
    else if (line === FIELD.unless) list = f.unless;
    else {
      list = undefined;
      const v = { inclusion: field(FIELD.inclusion), exclusion: field(FIELD.exclusion), example: field(FIELD.example), groups: field(FIELD.groups), id: field(FIELD.id) };
      if (v.inclusion !== undefined) f.inclusion = v.inclusion;
      else if (v.exclusion !== undefined) f.exclusion = v.exclusion;
      else if (v.example !== undefined) f.example = v.example;
      else if (v.groups !== undefined) f.groups = v.groups.split(/\s*,\s*/).filter(Boolean);
      else if (v.id !== undefined) f.id = v.id;
      else free.push(raw);
    }
  }
  f.description = free.join("\n").trim();
  return f;
}

/** A readable id from a name: lower case, words joined by `_`. */
export function slug(name: string, fallback: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  return /^[a-z0-9]/.test(s) ? s : fallback;
}

function unique(id: string, used: Set<string>): string {
  let out = id;
  for (let n = 2; used.has(out); n++) out = `${id}_${n}`;
  used.add(out);
  return out;
}

const color = (c: string | undefined): string | undefined => {
  if (!c) return undefined;
  if (/^#[0-9A-Fa-f]{6}$/.test(c)) return c.toUpperCase();
  if (/^#[0-9A-Fa-f]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join("")}`.toUpperCase();
  return undefined;
};

function descriptionOf(el: XmlElement): string {
  return childrenNamed(el, "Description")[0]?.text ?? "";
}

/**
 * Read a REFI-QDA codebook (`.qdc`, from NVivo, ATLAS.ti, MAXQDA, QualCoder or notes-analyse) into the
 * codebook file shape: top-level codes become themes, every code below them a code of that theme
 * (deeper levels are flattened, their labels joined with ›). Fields written by notes-analyse
 * (ids, inclusion/exclusion notes, groups, patterns) are read back, so its own export round-trips.
 */
export function qdcToCodebook(xml: string, file: string, name: string): CodebookFile {
  const root = parseXml(xml, file);
  if (root.name !== "CodeBook") throw new UserError(`${file}: expected a REFI-QDA codebook (root element CodeBook), found <${root.name}>`);
  const codesEl = childrenNamed(root, "Codes")[0];
  if (!codesEl || childrenNamed(codesEl, "Code").length === 0) throw new UserError(`${file}: the codebook has no codes`);
  const used = new Set<string>();
  const groupsByGuid = new Map<string, string[]>();
  const setsEl = childrenNamed(root, "Sets")[0];
  for (const set of setsEl ? childrenNamed(setsEl, "Set") : []) {
    const g = set.attrs.name;
    if (!(CODE_GROUPS as readonly string[]).includes(g)) continue;
    for (const m of childrenNamed(set, "MemberCode")) groupsByGuid.set(m.attrs.guid, [...(groupsByGuid.get(m.attrs.guid) ?? []), g]);
  }
  const themes: ThemeFile[] = childrenNamed(codesEl, "Code").map((t, ti) => {
    const label = t.attrs.name?.trim() || `Theme ${ti + 1}`;
    const tf = readDescription(descriptionOf(t));
    const themeId = unique(tf.id ?? slug(label, `theme_${ti + 1}`), used);
    const codes: CodeFile[] = [];
    const walk = (el: XmlElement, path: string[]) => {
      for (const c of childrenNamed(el, "Code")) {
        const own = c.attrs.name?.trim() || `Code ${codes.length + 1}`;
        const labels = [...path, own];
        const f = readDescription(descriptionOf(c));
        const groups = (f.groups ?? groupsByGuid.get(c.attrs.guid))?.filter((g) => (CODE_GROUPS as readonly string[]).includes(g)) as CodeFile["groups"];
        codes.push({
          id: unique(f.id ?? `${themeId}.${slug(labels.join(" "), `code_${codes.length + 1}`)}`, used),
          label: labels.join(" › "),
          description: f.description || labels.join(" › "),
          ...(f.inclusion ? { inclusion: f.inclusion } : {}),
          ...(f.exclusion ? { exclusion: f.exclusion } : {}),
          ...(f.example ? { example: f.example } : {}),
          ...(groups && groups.length > 0 && groups.length < CODE_GROUPS.length ? { groups } : {}),
          patterns: f.patterns,
          unless: f.unless,
        });
        walk(c, labels);
      }
    };
    walk(t, []);
    const themeGroups = tf.groups?.filter((g) => (CODE_GROUPS as readonly string[]).includes(g)) as ThemeFile["groups"];
    return {
      id: themeId,
      label,
      description: tf.description || label,
      ...(themeGroups && themeGroups.length > 0 ? { groups: themeGroups } : {}),
      ...(color(t.attrs.color) ? { color: color(t.attrs.color) } : {}),
      codes,
    };
  });
  const origin = root.attrs.origin?.trim();
  return { name, question: name, ...(origin ? { description: `Imported from a REFI-QDA codebook made by ${origin}` } : {}), themes };
}
