import { SaxesParser } from "saxes";
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

const localName = (n: string): string => n.slice(n.indexOf(":") + 1);

/**
 * Parse an exchange file (a REFI-QDA codebook or project) with saxes, a strict, conforming XML parser
 * that defines no entity beyond XML's five and resolves nothing outside the document. A DOCTYPE with an
 * internal subset (where entities would be declared) is refused outright. Errors name the file and line.
 */
export function parseXml(source: string, file: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const fail = (why: string): never => {
    throw new UserError(`${file}:${parser.line}: not well-formed XML: ${why}`);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (err) => fail(err.message.replace(/^\d+:\d+: /, "").replace(/\.$/, "")));
  parser.on("doctype", (doctype) => {
    if (doctype.includes("[")) fail("a DOCTYPE with an internal subset is not accepted");
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) attrs[name.startsWith("xmlns") ? name : localName(name)] = value;
    const el: XmlElement = { name: localName(tag.name), attrs, children: [], text: "", line: parser.line };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => void stack.pop());
  const addText = (text: string) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.write(source.replace(/^\uFEFF/, "")).close();
  if (!root) return fail("no root element");
  return root;
}

/** Children of an element with a given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
