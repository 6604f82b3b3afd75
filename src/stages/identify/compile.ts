import { UserError } from "../../core/errors.js";
import { ruleIssues, ruleWhere } from "../../config/rule-errors.js";
import { compileMatcher, type Matcher } from "../../text/terms/match.js";
import { parseTerms } from "../../text/terms/parse-terms.js";
import type { Term } from "../../text/terms/terms.js";
import { categoriesSchema, type CategoriesFile } from "./schema.js";
import { AUTHOR_STEP, type CompiledCategories, type CompiledNear, type CompiledRule } from "./types.js";

const LISTS = new Set(["categories", "groups", "services", "rules", "procedure"]);




/** Compiles pattern lists (term language, `@lexicon` references) into terms, naming the exact entry on error. */
class PatternCompiler {
  private nextId = 0;
  constructor(
    private readonly lexicons: Readonly<Record<string, readonly string[]>>,
    private readonly services: CategoriesFile["services"],
    private readonly source: string,
  ) {}

  terms(list: readonly string[], group: string, at: string, allowRefs = true): Term[] {
    const out: Term[] = [];
    list.forEach((p, i) => {
      const here = `${at}[${i}]`;
      const ref = /^@([a-z0-9_.-]+)$/.exec(p.trim());
      if (ref && allowRefs) {
        if (ref[1] === "services") {
          for (const s of this.services) out.push(...this.terms(s.names, `svc:${s.id}`, `${this.source} › services "${s.id}" › names`));
          return;
        }
        const lex = this.lexicons[ref[1]];
        if (!lex) throw new UserError(`${here}: no lexicon named "${ref[1]}" (define it under "lexicons" or fix the name)`);
        out.push(...this.terms(lex, group, `${this.source} › lexicons.${ref[1]}`, false));
        return;
      }
      if (ref) throw new UserError(`${here}: a lexicon cannot refer to another lexicon; list its patterns instead`);
      if (p.trim().startsWith("[")) throw new UserError(`${here}: a pattern cannot be a [group] header`);
      let parsed: Term[];
      try {
        parsed = parseTerms(p, here, this.nextId);
      } catch (err) {
        if (err instanceof UserError) throw new UserError(err.message.replace(`${here}:1: `, `${here}: `));
        throw err;
      }
      if (parsed.length !== 1) throw new UserError(`${here}: expected one pattern (is it only a # comment?)`);
      out.push({ ...parsed[0], id: this.nextId++, group });
    });
    return out;
  }

  matcher(list: readonly string[] | undefined, group: string, at: string): Matcher | undefined {
    return list ? compileMatcher(this.terms(list, group, at)) : undefined;
  }
}

function unique(items: readonly { id: string }[], what: string, at: (i: number) => string): void {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    if (seen.has(x.id)) throw new UserError(`${at(i)} › id: "${x.id}" is used twice; give each ${what} its own id`);
    seen.add(x.id);
  });
}

/**
 * Validate a categories file (already parsed from JSON) and compile every pattern once. Throws a
 * `UserError` naming the file, the entry (index and id) and the field, with how to fix it. Pure.
 */
export function compileCategories(raw: unknown, source = "categories.json"): CompiledCategories {
  const parsed = categoriesSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(ruleIssues(source, raw, parsed.error.issues, LISTS));
  const file = parsed.data;
  const at = (list: string) => (i: number) => ruleWhere(source, raw, [list, i], LISTS);
  unique(file.categories, "category", at("categories"));
  unique(file.services, "service", at("services"));
  unique(file.groups ?? [], "group", at("groups"));
  unique(file.rules, "rule", at("rules"));
  unique(file.procedure, "step", at("procedure"));
  const stepIds = new Set(file.procedure.map((s) => s.id));
  const categoryIds = new Set(file.categories.map((c) => c.id));
  const serviceIds = new Set(file.services.map((s) => s.id));
  const groupIds = new Set((file.groups ?? []).map((g) => g.id));
  for (const key of ["serviceCategory", "fallback"] as const) {
    if (!categoryIds.has(file[key])) throw new UserError(`${source} › ${key}: "${file[key]}" is not a category id (expected one of ${[...categoryIds].join(", ")})`);
  }
  file.categories.forEach((c, i) => {
    if (c.group && !groupIds.has(c.group)) throw new UserError(`${at("categories")(i)} › group: "${c.group}" is not listed under "groups"`);
  });

  const pc = new PatternCompiler(file.lexicons ?? {}, file.services, source);
  const serviceTerms = file.services.flatMap((s, i) => [
    ...pc.terms(s.names, `svc:${s.id}`, `${at("services")(i)} › names`),
    ...pc.terms(s.generic ?? [], `gen:${s.id}`, `${at("services")(i)} › generic`),
  ]);

  const rules: CompiledRule[] = file.rules.map((r, i) => {
    const here = at("rules")(i);
    if (!categoryIds.has(r.category)) throw new UserError(`${here} › category: "${r.category}" is not a category id (expected one of ${[...categoryIds].join(", ")})`);
    if (r.service !== undefined) {
      if (!serviceIds.has(r.service)) throw new UserError(`${here} › service: "${r.service}" is not a service id (expected one of ${[...serviceIds].join(", ")})`);
      if (r.category !== file.serviceCategory) throw new UserError(`${here} › service: only rules of category ${file.serviceCategory} name a service; remove it`);
    }
    if (!stepIds.has(r.step)) throw new UserError(`${here} › step: "${r.step}" is not a step of the procedure (expected one of ${[...stepIds].join(", ")})`);
    if (r.step === AUTHOR_STEP) throw new UserError(`${here} › step: "${AUTHOR_STEP}" is the built-in step that reads who wrote the note; give the rule another step`);
    const namesService = (r.patterns ?? []).some((p) => p.trim() === "@services");
    if (r.category === file.serviceCategory && r.service === undefined && r.near?.target !== "service" && !namesService) {
      throw new UserError(`${here}: a rule of category ${file.serviceCategory} must say which service informed the team: give "service", a near.target of "service", or "@services" in patterns`);
    }
    let near: CompiledNear | undefined;
    if (r.near) {
      const t = r.near.target;
      const lexicon = t.startsWith("@") ? pc.matcher([t], "near", `${here} › near.target`) : undefined;
      near = {
        target: t === "service" ? "service" : t === "mention" ? "mention" : "lexicon",
        matcher: lexicon,
        side: r.near.side,
        within: r.near.within,
        notAcross: pc.matcher(r.near.notAcross, "veto", `${here} › near.notAcross`),
        notPrecededBy: pc.matcher(r.near.notPrecededBy, "veto", `${here} › near.notPrecededBy`),
        in: r.near.in ?? "sentence",
      };
    }
    return {
      id: r.id,
      description: r.description,
      category: r.category,
      service: r.service,
      step: r.step,
      cue: r.patterns ? compileMatcher(pc.terms(r.patterns, "cue", `${here} › patterns`)) : undefined,
      near,
      unless: (r.unless ?? []).map((u, j) => ({ matcher: pc.matcher(u.patterns, "veto", `${here} › unless[${j}].patterns`)!, side: u.side, within: u.within, awayFromMention: u.awayFromMention ?? false })),
      scope: r.scope,
      noteTypes: r.noteTypes ? new Set(r.noteTypes.map((t) => t.trim().toLowerCase())) : undefined,
      sections: r.sections ? new Set(r.sections) : undefined,
      notSections: r.notSections ? new Set(r.notSections) : undefined,
      noteSections: r.noteSections ? new Set(r.noteSections) : undefined,
      notNegated: r.notNegated ?? false,
      unlessMention: pc.matcher(r.unlessMention, "veto", `${here} › unlessMention`),
      noteHas: r.noteHas ? { matcher: pc.matcher(r.noteHas.patterns, "veto", `${here} › noteHas.patterns`)!, sections: new Set(r.noteHas.sections) } : undefined,
      order: i,
    };
  });

  return {
    source,
    name: file.name ?? source,
    categories: file.categories.map((c) => ({ id: c.id, label: c.label, definition: c.definition, ...(c.group ? { group: c.group } : {}) })),
    groups: file.groups ?? [],
    serviceCategory: file.serviceCategory,
    fallback: file.fallback,
    services: file.services.map((s) => ({ id: s.id, label: s.label, definition: s.definition })),
    serviceNames: compileMatcher(serviceTerms),
    procedure: file.procedure.map((s) => ({ id: s.id, description: s.description })),
    rules,
  };
}
