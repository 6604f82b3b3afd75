import { describe, expect, it } from "vitest";
import { sanitiseSvg } from "../../src/report/sanitise-svg.js";
import { SVG_WITH_SCRIPT } from "./stage-outputs.js";
import { xmlProblems } from "./xml.js";

describe("sanitiseSvg", () => {
  const { svg, removed } = sanitiseSvg(SVG_WITH_SCRIPT, "map-a");

  it("drops scripts, event attributes, images and links out of the figure, and says so", () => {
    expect(svg).not.toMatch(/<script|alert|onload|onclick|steal|<image|example\.org|<\?xml/i);
    expect(removed).toEqual(["a element (its content kept)", "image element", "onclick attribute", "onload attribute", "script element"]);
  });

  it("keeps the drawing: shapes, escaped text, and the text of a link", () => {
    expect(svg).toContain(`<rect x="10" y="10" width="120" height="40" fill="#eef" stroke="#333"/>`);
    expect(svg).toContain("Instability &amp; moves");
    expect(svg).toContain(">Identity</text>");
    expect(xmlProblems(svg)).toEqual([]);
  });

  it("prefixes ids and the references to them, so two figures on a page cannot clash", () => {
    expect(svg).toMatch(/^<svg id="map-a" /);
    expect(svg).toContain(`<marker id="map-a-arrow"`);
    expect(svg).toContain(`marker-end="url(#map-a-arrow)"`);
    expect(sanitiseSvg(`<svg><use href="#n1"/><g id="n1"/></svg>`, "p").svg).toBe(`<svg id="p"><use href="#p-n1"/><g id="p-n1"/></svg>`);
  });

  it.each([
    ["foreignObject with HTML inside", `<svg><foreignObject><div onclick="x()"><iframe src="https://x"></iframe></div></foreignObject><circle r="1"/></svg>`, `<svg id="p"><circle r="1"/></svg>`],
    ["a javascript: link", `<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>`, `<svg id="p"><text>t</text></svg>`],
    ["an external url() in a style attribute", `<svg><rect style="fill:url(https://x/y.svg#a)"/></svg>`, `<svg id="p"><rect/></svg>`],
    ["CDATA and comments", `<svg><!-- note --><text><![CDATA[a < b & c]]></text></svg>`, `<svg id="p"><text>a &lt; b &amp; c</text></svg>`],
    ["a nested script element of the same name", `<svg><script><script>x</script>y</script><g/></svg>`, `<svg id="p"><g/></svg>`],
    ["a size but no viewBox (so it can shrink to the page)", `<svg width="300" height="100"><g/></svg>`, `<svg id="p" width="300" height="100" viewBox="0 0 300 100"><g/></svg>`],
    ["a viewBox but no size (so it is not blown up to the page width)", `<svg viewBox="0 0 200 60"><g/></svg>`, `<svg id="p" viewBox="0 0 200 60" width="200" height="60"><g/></svg>`],
  ])("handles %s", (_name, input, want) => expect(sanitiseSvg(input, "p").svg).toBe(want));

  it("scopes <style> rules to the figure and drops imports and external references", () => {
    const { svg } = sanitiseSvg(`<svg><style>@import url(https://x/a.css); .node, svg text { fill: red } #n1 { stroke: blue } .bad { background: url(https://x/t.png) }</style><g id="n1"/></svg>`, "p");
    expect(svg).toContain("#p .node, #p text { fill: red }");
    expect(svg).toContain("#p #p-n1 { stroke: blue }");
    expect(svg).not.toMatch(/import|https|\.bad/);
  });
});
