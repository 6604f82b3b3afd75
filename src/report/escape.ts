/** The report escapes with the project's one XML/HTML escaper. */
export { escapeXml as escapeHtml } from "../io/escape-xml.js";
