export { analyseMention } from "./analyse.js";
export { compileRules, literalRegex } from "./compile.js";
export { readContextRules } from "./read-rules.js";
export { sentenceAround, splitSentences } from "./sentences.js";
export * from "./types.js";
export * from "./reasons.js";
