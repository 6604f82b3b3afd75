const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for HTML or XML, in element content and in quoted attributes alike. Every value the
 * report shows goes through here: note text may hold anything, `<script>` included.
 */
export function escapeHtml(value: string | number): string {
  // Control characters other than tab and newline are not allowed in XML; they never carry meaning here.
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
