import { UserError } from "../../../core/errors.js";

export { escapeXml } from "../../../io/escape-xml.js";

/** An element of a parsed XML document: local name (namespace prefix dropped), attributes, children, text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  line: number;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(s: string, fail: (why: string) => never): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_, e: string) => {
    if (e.startsWith("#")) {
      const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      // XML 1.0 allows tab, line ends and U+0020 on, less surrogates and U+FFFE/U+FFFF.
      const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff);
      if (!allowed) fail(`character reference &${e.length > 12 ? `${e.slice(0, 12)}…` : e}; is not a character XML allows`);
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[e];
    if (v === undefined) fail(`unknown entity &${e};`);
    return v;
  });
}

const localName = (n: string): string => n.slice(n.indexOf(":") + 1);

/**
 * A small, strict XML parser for exchange files (REFI-QDA codebooks and projects): elements, attributes,
 * text, CDATA, comments, processing instructions and a DOCTYPE without an internal subset. Errors name
 * the file and line. No external entities are ever resolved.
 */
export function parseXml(source: string, file: string): XmlElement {
  const s = source.replace(/^\uFEFF/, "");
  let i = 0;
  const lineAt = (at: number) => s.slice(0, at).split("\n").length;
  const fail = (why: string, at = i): never => {
    throw new UserError(`${file}:${lineAt(at)}: not well-formed XML: ${why}`);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < s.length) {
    const lt = s.indexOf("<", i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i) {
      const text = s.slice(i, textEnd);
      if (stack.length > 0) stack[stack.length - 1].text += decode(text, (w) => fail(w));
      else if (text.trim() !== "") fail("text outside the root element");
    }
    if (lt < 0) break;
    i = lt;
    if (s.startsWith("<!--", i)) {
      const end = s.indexOf("-->", i + 4);
      if (end < 0) fail("unclosed comment");
      i = end + 3;
    } else if (s.startsWith("<![CDATA[", i)) {
      const end = s.indexOf("]]>", i + 9);
      if (end < 0) fail("unclosed CDATA section");
      if (stack.length === 0) fail("CDATA outside the root element");
      stack[stack.length - 1].text += s.slice(i + 9, end);
      i = end + 3;
    } else if (s.startsWith("<?", i)) {
      const end = s.indexOf("?>", i + 2);
      if (end < 0) fail("unclosed processing instruction");
      i = end + 2;
    } else if (s.startsWith("<!DOCTYPE", i)) {
      const end = s.indexOf(">", i);
      if (end < 0 || s.slice(i, end).includes("[")) fail("a DOCTYPE with an internal subset is not accepted");
      i = end + 1;
    } else if (s.startsWith("</", i)) {
      const end = s.indexOf(">", i);
      if (end < 0) fail("unclosed end tag");
      const name = localName(s.slice(i + 2, end).trim());
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name ?? "nothing"}>`);
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(s.slice(i, i + 200));
      if (!m) fail("expected an element name after <");
      const el: XmlElement = { name: localName(m![1]), attrs: {}, children: [], text: "", line: lineAt(i) };
      i += m![0].length;
      const attr = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
      for (;;) {
        attr.lastIndex = i;
        const a = attr.exec(s);
        if (!a) break;
        el.attrs[a[1].startsWith("xmlns") ? a[1] : localName(a[1])] = decode(a[3] ?? a[4], (w) => fail(w));
        i = attr.lastIndex;
      }
      while (/\s/.test(s[i] ?? "")) i++;
      const selfClosing = s.startsWith("/>", i);
      if (!selfClosing && s[i] !== ">") fail(`malformed start tag <${el.name}>`);
      i += selfClosing ? 2 : 1;
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else if (root) fail("more than one root element");
      else root = el;
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed`, s.length);
  if (!root) fail("no root element", 0);
  return root!;
}

/** Children of an element with a given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
