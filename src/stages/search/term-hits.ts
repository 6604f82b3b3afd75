import { CASE_GROUP } from "../../text/terms/terms.js";

/** A term as listed in a term file: its group, its text and where it is written. */
export interface ListedTerm {
  group: string;
  term: string;
  /** `file:line`, when known. */
  at?: string;
}

/** One row of the Terms sheet: how often a term matched, and in how many patients. */
export interface TermHits extends ListedTerm {
  hits: number;
  patients: number;
}

/**
 * Hits and patients per term, for every term of the term file in file order, a term with no hit
 * included (so a misspelt term shows as 0). A hit's term is the first term of its group that matched
 * that text, so a term that only ever matches what an earlier one did also shows 0. Terms seen in the
 * hits but not listed (a merged search from shards of an older version) follow at the end. Pure.
 */
export function termHits(terms: readonly ListedTerm[], hits: Iterable<{ group: string; term: string; patientId: string }>): TermHits[] {
  const key = (group: string, term: string) => `${group}\u0000${term}`;
  const counts = new Map<string, { hits: number; patients: Set<string> }>();
  const extra: ListedTerm[] = [];
  const listed = new Set(terms.map((t) => key(t.group, t.term)));
  for (const h of hits) {
    const k = key(h.group, h.term);
    let c = counts.get(k);
    if (!c) {
      counts.set(k, (c = { hits: 0, patients: new Set() }));
      if (!listed.has(k)) extra.push({ group: h.group, term: h.term });
    }
    c.hits += 1;
    c.patients.add(h.patientId);
  }
  return [...terms, ...extra].map((t) => {
    const c = counts.get(key(t.group, t.term));
    return { ...t, hits: c?.hits ?? 0, patients: c?.patients.size ?? 0 };
  });
}

/** Lines for the search summary: every case-finding term with its hits, then each theme group on one line. */
export function termHitLines(rows: readonly TermHits[]): string[] {
  const lines: string[] = [];
  const zero = (r: TermHits) => (r.hits === 0 ? "  (no hits: check the spelling)" : "");
  for (const r of rows.filter((x) => x.group === CASE_GROUP)) lines.push(`  ${String(r.hits).padStart(6)}  ${r.term}${zero(r)}`);
  const groups = [...new Set(rows.filter((x) => x.group !== CASE_GROUP).map((x) => x.group))];
  for (const g of groups) {
    const list = rows.filter((x) => x.group === g);
    const none = list.filter((x) => x.hits === 0).map((x) => x.term);
    lines.push(`  [${g}] ${list.reduce((s, x) => s + x.hits, 0)} hits from ${list.length - none.length} of ${list.length} terms${none.length ? `; no hits: ${none.join(", ")}` : ""}`);
  }
  return lines;
}
