export { analyseMention } from "./analyse.js";
export { compileRules, literalRegex } from "./compile.js";
export { readContextRules } from "./read-rules.js";
export { contextRulesSchema, type ContextRulesFile, type ReasonRule, type SenseRule, type TriggerRule } from "./schema.js";
export { sentenceAround, sentenceEndAt, splitSentences, type Span } from "./sentences.js";
export * from "./types.js";
export * from "./reasons.js";
