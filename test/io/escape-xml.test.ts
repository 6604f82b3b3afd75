import { describe, expect, it } from "vitest";
import { escapeXml } from "../../src/io/escape-xml.js";

describe("escapeXml", () => {
  it.each([
    ['<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"],
    ["Tom & Jerry's", "Tom &amp; Jerry&#39;s"],
    ["a\r\nb", "a&#13;\nb"],
    ["tab\tok\nline", "tab\tok\nline"],
    ["bell\u0007 and \uFFFE gone", "bell and  gone"],
    [42, "42"],
  ])("%j → %j", (input, want) => {
    expect(escapeXml(input)).toBe(want);
  });
});
