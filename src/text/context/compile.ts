import type { z } from "zod";
import { UserError } from "../../core/errors.js";
import { DEFAULT_REASONS, NO_REASON, screeningReasons, type ScreeningReasons } from "./reasons.js";
import { contextRulesSchema, type ContextRulesFile, type FrameRule } from "./schema.js";
import type { CompiledFrame, CompiledFramePart, CompiledRules, CompiledSense, CompiledTrigger } from "./types.js";

/** Excel keeps a list validation's values in one formula of at most 255 characters. */
const DROP_DOWN_LIMIT = 255;

const WORD_CHAR = /[A-Za-z0-9_]/;

/** `source › triggers[3] "neg.no" › pattern` — names the rule by its id when it has one. */
function where(source: string, raw: unknown, path: readonly PropertyKey[]): string {
  const [list, index, ...rest] = path;
  if ((list === "reasons" || list === "triggers" || list === "senses" || list === "frames" || list === "outcomes" || list === "disputes" || list === "affirmations") && typeof index === "number") {
    const rule = (raw as Record<string, unknown[]>)[list]?.[index] as { id?: unknown } | undefined;
    const name = typeof rule?.id === "string" ? ` "${rule.id}"` : "";
    const field = rest.length > 0 ? ` › ${rest.map(String).join(".")}` : "";
    return `${source} › ${list}[${index}]${name}${field}`;
  }
  return `${source} › ${path.map(String).join(".") || "(top level)"}`;
}

function issueLine(source: string, raw: unknown, issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `${where(source, raw, issue.path)}: unknown key ${issue.keys.join(", ")} (remove it or check its spelling)`;
  }
  return `${where(source, raw, issue.path)}: ${issue.message}`;
}

/** A literal phrase as a regular expression: whole words, any run of whitespace between words. */
export function literalRegex(literal: string): RegExp {
  const words = literal.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  const first = literal.trim()[0] ?? "";
  const last = literal.trim().slice(-1);
  const before = WORD_CHAR.test(first) ? "(?<![A-Za-z0-9_])" : "";
  const after = WORD_CHAR.test(last) ? "(?![A-Za-z0-9_])" : "";
  return new RegExp(`${before}${words.join("\\s+")}${after}`, "gi");
}

function ruleRegex(rule: { literal?: string; pattern?: string }, at: string): RegExp {
  if ((rule.literal === undefined) === (rule.pattern === undefined)) {
    throw new UserError(`${at}: give exactly one of "literal" or "pattern"`);
  }
  if (rule.literal !== undefined) return literalRegex(rule.literal);
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern as string, "gi");
  } catch (err) {
    throw new UserError(`${at} › pattern: not a valid regular expression (${(err as Error).message}); fix the pattern`);
  }
  if (new RegExp(`^(?:${rule.pattern})$`, "i").test("")) {
    throw new UserError(`${at} › pattern: matches empty text; make at least one character required`);
  }
  return regex;
}

/**
 * Validate a context-rules file (already parsed from JSON) and compile every rule once. Throws a
 * `UserError` naming the file, the rule (index and id) and the field, with how to fix it. Pure.
 */
export function compileRules(raw: unknown, source = "context-rules.json"): CompiledRules {
  const parsed = contextRulesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.map((issue) => issueLine(source, raw, issue)).join("\n"));
  }
  const file = parsed.data;
  const reasons = compileReasons(file, raw, source);
  const senseIds = new Set(reasons.senses);
  const checkSense = (sense: string | undefined, at: string): void => {
    if (sense === undefined || senseIds.has(sense)) return;
    const kinds = reasons.all.find((r) => r.id === sense);
    const why = kinds ? ` ("${sense}" is of kind ${kinds.kind}: set the category ${kinds.kind === "negated" ? "NEGATED" : "OTHER_PERSON"} instead)` : ` (a reason of kind meaning or interest${file.reasons ? ' in "reasons"' : ""})`;
    throw new UserError(`${at} › sense: expected one of ${reasons.senses.join(", ") || "(none: add a reason of kind meaning or interest)"}${why}`);
  };
  const seen = new Set<string>();
  const checkId = (id: string, at: string): void => {
    if (seen.has(id)) throw new UserError(`${at} › id: "${id}" is used twice; give each rule its own id`);
    seen.add(id);
  };
  const triggers: CompiledTrigger[] = file.triggers.map((rule, i) => {
    const at = where(source, raw, ["triggers", i]);
    checkId(rule.id, at);
    if (rule.category === "ANY" && rule.direction !== "terminate" && rule.direction !== "pseudo") {
      throw new UserError(`${at} › category: ANY is only for terminate and pseudo triggers; name the category it sets`);
    }
    if (rule.neutral && rule.direction !== "pseudo") throw new UserError(`${at} › neutral: only a pseudo trigger can be neutral; remove it`);
    if (rule.asks && rule.category !== "UNCERTAIN") throw new UserError(`${at} › asks: only an UNCERTAIN trigger asks a question; remove it`);
    return { id: rule.id, category: rule.category, direction: rule.direction, scope: rule.scope ?? file.maxScope, regex: ruleRegex(rule, at), ...(rule.neutral ? { neutral: true } : {}), ...(rule.asks ? { asks: true } : {}) };
  });
  const senses: CompiledSense[] = file.senses.map((rule, i) => {
    const at = where(source, raw, ["senses", i]);
    checkId(rule.id, at);
    checkSense(rule.sense, at);
    return { id: rule.id, sense: rule.sense, window: rule.window, side: rule.side ?? "either", regex: ruleRegex(rule, at), hit: hitRegex(rule.hit, at), unlessAfter: hitRegex(rule.unlessAfter, at), ...(rule.sections ? { sections: new Set(rule.sections) } : {}) };
  });
  const frames: CompiledFrame[] = (file.frames ?? []).map((rule, i) => {
    const at = where(source, raw, ["frames", i]);
    checkId(rule.id, at);
    checkSense(rule.sense, at);
    return compileFrame(rule, at);
  });
  const statements = (key: "outcomes" | "disputes" | "affirmations") =>
    (file[key] ?? []).map((rule, i) => {
      const at = where(source, raw, [key, i]);
      checkId(rule.id, at);
      return { id: rule.id, regex: ruleRegex(rule, at), reach: rule.reach ?? "note" };
    });
  const coreference: CompiledRules["coreference"] = file.coreference ? { byGender: file.coreference.byGender } : undefined;
  return { reasons, triggers, senses, frames, linkWords: new Set(file.linkWords ?? []), outcomes: statements("outcomes"), disputes: statements("disputes"), affirmations: statements("affirmations"), coreference };
}

/**
 * The file's exclusion reasons (or the six defaults when it has none): ids unique and not the reserved
 * `not_given`, exactly one of kind negated and one of other_person, and short enough together for the
 * workbooks' drop-down.
 */
function compileReasons(file: ContextRulesFile, raw: unknown, source: string): ScreeningReasons {
  if (!file.reasons) return screeningReasons(DEFAULT_REASONS);
  const ids = new Set<string>();
  file.reasons.forEach((r, i) => {
    const at = where(source, raw, ["reasons", i]);
    if (ids.has(r.id)) throw new UserError(`${at} › id: "${r.id}" is used twice; give each reason its own id`);
    if (r.id === NO_REASON) throw new UserError(`${at} › id: "${NO_REASON}" is kept for an exclusion recorded without a reason; choose another id`);
    ids.add(r.id);
  });
  for (const kind of ["negated", "other_person"] as const) {
    const n = file.reasons.filter((r) => r.kind === kind).length;
    if (n !== 1) {
      throw new UserError(`${source} › reasons: expected exactly one reason of kind ${kind} (found ${n}); ${n === 0 ? `add one, e.g. {"id": "${kind}", "label": "…", "kind": "${kind}"}` : "keep one"}`);
    }
  }
  const list = [...ids].join(",");
  if (list.length > DROP_DOWN_LIMIT) {
    throw new UserError(`${source} › reasons: the ids take ${list.length} characters together, more than a workbook drop-down holds (${DROP_DOWN_LIMIT}); shorten them`);
  }
  return screeningReasons(file.reasons.map((r) => ({ id: r.id, label: r.label, kind: r.kind, ...(r.description !== undefined ? { description: r.description } : {}) })));
}

function compileFrame(rule: FrameRule, at: string): CompiledFrame {
  if ((rule.category === undefined) === (rule.sense === undefined)) {
    throw new UserError(`${at}: give exactly one of "category" or "sense" (what the frame says about the mention)`);
  }
  if (rule.before === undefined && rule.after === undefined) {
    throw new UserError(`${at}: give a "before" or an "after" cue (or both)`);
  }
  const part = (p: FrameRule["before"], name: string): CompiledFramePart | undefined =>
    p === undefined ? undefined : { window: p.window, regex: ruleRegex(p, `${at} › ${name}`) };
  return {
    id: rule.id,
    sets: (rule.category ?? rule.sense)!,
    before: part(rule.before, "before"),
    after: part(rule.after, "after"),
    hit: hitRegex(rule.hit, at),
    unlessAfter: hitRegex(rule.unlessAfter, at),
    ...(rule.sections ? { sections: new Set(rule.sections) } : {}),
  };
}

/** The optional test on the hit's own text (not global: it is only ever `test`ed). */
function hitRegex(pattern: string | undefined, at: string): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, "i");
  } catch (err) {
    throw new UserError(`${at} › hit: not a valid regular expression (${(err as Error).message}); fix the pattern`);
  }
}
