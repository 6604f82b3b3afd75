const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\r": "&#13;" };

/**
 * Escape text for XML or HTML, in element content and in quoted attributes alike (JUnit reports,
 * REFI-QDA files, SVG, the HTML report). Characters XML 1.0 cannot carry are dropped; a carriage
 * return is written as a reference so a parser does not fold it into a line feed (REFI-QDA offsets
 * count it). Note text may hold anything, `<script>` included, so every value goes through here.
 */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[&<>"'\r]/g, (c) => ENTITIES[c]);
}
