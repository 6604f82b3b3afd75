export { compileDocuments, type CompiledDocuments } from "./compile.js";
export { readDocument } from "./read-document.js";
export { readDocumentRules } from "./read-rules.js";
export type { Author, AuthorEvidence, DocumentView, Part, Section, Segment, SegmentKind } from "./types.js";
