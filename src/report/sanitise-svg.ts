import { escapeHtml } from "./escape.js";

/** Elements kept as they are. */
const KEEP = new Set(
  "svg g defs title desc path rect circle ellipse line polyline polygon text tspan textPath marker linearGradient radialGradient stop clipPath mask pattern symbol use style".split(" "),
);
/** Elements whose tags are dropped but whose content stays (a link's label is still a label). */
const UNWRAP = new Set(["a", "switch"]);

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export interface SanitisedSvg {
  svg: string;
  /** What was taken out, for the report to say (element and attribute names only). */
  removed: string[];
}

const unsafeValue = (v: string) => /javascript:|expression\s*\(|url\(\s*['"]?(?!#)/i.test(v);

/** Scope a <style> element's rules to this figure, so its CSS cannot restyle the rest of the page. */
function scopeCss(css: string, prefix: string, removed: string[]): string {
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, "");
  if (/@/.test(clean)) removed.push("style at-rules");
  const rules: string[] = [];
  for (const m of clean.replace(/@[^{;]*(;|\{[^{}]*(\{[^{}]*\}[^{}]*)*\})/g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (unsafeValue(m[2])) {
      removed.push("style rule with an external reference");
      continue;
    }
    const selectors = m[1]
      .split(",")
      .map((s) => s.trim().replace(/#([\w-]+)/g, `#${prefix}-$1`).replace(/^svg\b/, "").trim())
      .map((s) => `#${prefix} ${s}`.trim());
    rules.push(`${selectors.join(", ")} { ${m[2].trim()} }`);
  }
  return rules.join("\n");
}

/**
 * Make an SVG safe to place inline in the report: only drawing elements are kept (no script,
 * foreignObject, iframe, image), event attributes and links out of the figure are removed, ids are
 * prefixed so two figures on one page cannot clash, and <style> rules are scoped to the figure. Pure.
 */
export function sanitiseSvg(input: string, prefix: string): SanitisedSvg {
  const removed: string[] = [];
  const out: string[] = [];
  let skipDepth = 0;
  let skipName = "";
  let inStyle = false;
  let rootSeen = false;
  let last = 0;
  const text = (t: string) => {
    // Text outside the root element (whitespace after a declaration, stray characters) is dropped.
    if (skipDepth === 0 && rootSeen && t !== "") out.push(inStyle ? t : t.replace(/</g, "&lt;"));
  };
  for (const m of input.matchAll(TOKEN)) {
    text(input.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) text(escapeHtml(m[1]));
    const name = m[3];
    if (!name) continue;
    const closing = m[2] === "/";
    const selfClosing = m[5] === "/";
    if (skipDepth > 0) {
      if (name === skipName) skipDepth += closing ? -1 : selfClosing ? 0 : 1;
      continue;
    }
    if (UNWRAP.has(name)) {
      if (!closing) removed.push(`${name} element (its content kept)`);
      continue;
    }
    if (!KEEP.has(name)) {
      removed.push(`${name} element`);
      if (!closing && !selfClosing) [skipDepth, skipName] = [1, name];
      continue;
    }
    if (name === "style") {
      inStyle = !closing && !selfClosing;
      if (closing) {
        const start = out.lastIndexOf("<style>");
        out.splice(start + 1, out.length, scopeCss(out.slice(start + 1).join(""), prefix, removed));
      }
      out.push(closing ? "</style>" : selfClosing ? "" : "<style>");
      continue;
    }
    if (closing) {
      out.push(`</${name}>`);
      continue;
    }
    const isRoot = name === "svg" && !rootSeen;
    rootSeen = true;
    const attrs: string[] = [];
    let viewBox = "";
    let size: { width?: string; height?: string } = {};
    for (const a of (m[4] ?? "").matchAll(ATTR)) {
      const key = a[1];
      let value = a[2] ?? a[3]?.replace(/"/g, "&quot;") ?? a[4]?.replace(/"/g, "&quot;") ?? "";
      const lower = key.toLowerCase();
      if (lower.startsWith("on")) {
        removed.push(`${key} attribute`);
        continue;
      }
      if ((lower === "href" || lower === "xlink:href") && !value.startsWith("#")) {
        removed.push(`${key} attribute`);
        continue;
      }
      if (unsafeValue(value)) {
        removed.push(`${key} attribute`);
        continue;
      }
      if (lower === "id") value = isRoot ? prefix : `${prefix}-${value}`;
      else if (lower === "href" || lower === "xlink:href") value = `#${prefix}-${value.slice(1)}`;
      else value = value.replace(/url\(\s*(['"]?)#/g, `url($1#${prefix}-`);
      if (isRoot && lower === "viewbox") viewBox = value;
      if (isRoot && (lower === "width" || lower === "height")) size = { ...size, [lower]: value };
      attrs.push(`${key}="${value}"`);
    }
    if (isRoot) {
      if (!attrs.some((a) => a.startsWith("id="))) attrs.unshift(`id="${prefix}"`);
      const [w, h] = [parseFloat(size.width ?? ""), parseFloat(size.height ?? "")];
      // Without a viewBox a figure cannot shrink to the page width; its own size gives one.
      if (!viewBox && w > 0 && h > 0) attrs.push(`viewBox="0 0 ${w} ${h}"`);
      // Without a size an inline figure fills the page width however small it was drawn.
      const [, , vw, vh] = viewBox.split(/[\s,]+/).map(Number);
      if (viewBox && size.width === undefined && size.height === undefined && vw > 0 && vh > 0) attrs.push(`width="${vw}"`, `height="${vh}"`);
    }
    out.push(`<${name}${attrs.length ? " " + attrs.join(" ") : ""}${selfClosing ? "/" : ""}>`);
  }
  text(input.slice(last));
  // An unclosed <style> would leak unscoped rules: drop it.
  if (inStyle) out.splice(out.lastIndexOf("<style>"));
  return { svg: out.join("").trim(), removed: [...new Set(removed)].sort() };
}
