import type { ThemeMapData } from "../theme-map/data.js";
import type { Codebook } from "../codebook/types.js";
import type { Frequency } from "./frequencies.js";

const TITLES: Record<string, string> = { adult: "Adults", child: "Children", unknown: "Patients of unknown group" };

/**
 * What the theme map of one group shows: the codebook's themes and codes that apply to the group, with
 * the number of the group's patients each touches. A group with no patients still gets a map (zero
 * counts and a note saying why). Pure.
 */
export function themeMapData(book: Codebook, freq: readonly Frequency[], group: "adult" | "child" | "unknown", patients: number): ThemeMapData {
  const count = (level: "theme" | "code", id: string) => {
    const f = freq.find((x) => x.level === level && x.id === id);
    return f ? f.patients[group] : 0;
  };
  const applies = (groups: readonly string[]) => group === "unknown" || groups.includes(group);
  return {
    group,
    title: TITLES[group],
    question: book.question,
    patients,
    ...(patients === 0 ? { note: `No eligible ${group === "child" ? "children" : group === "adult" ? "adults" : "patients"} in this study: every count is zero.` } : {}),
    themes: book.themes
      .filter((t) => applies(t.groups))
      .map((t) => ({
        id: t.id,
        label: t.label,
        patients: count("theme", t.id),
        color: t.color,
        codes: t.codes.filter((c) => applies(c.groups)).map((c) => ({ id: c.id, label: c.label, patients: count("code", c.id) })),
      })),
  };
}
