/**
 * A small well-formedness check for the XML the report writes (no XML parser is a dependency): every
 * tag closes in order, attributes are quoted, and no bare `<` or `&` sits in text.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (/&(?!(amp|lt|gt|quot|#39|#\d+|#x[0-9a-f]+);)/i.test(text)) problems.push(`bare & in text near ${JSON.stringify(text.slice(0, 30))}`);
    if (lt === -1) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(xml);
    if (!m) {
      problems.push(`not a tag at ${lt}: ${JSON.stringify(xml.slice(lt, lt + 30))}`);
      break;
    }
    const [, close, name, , self] = m;
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else if (!self) stack.push(name);
    i = TAG.lastIndex;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}
