import { perCodeAgreement, type CodeAgreement } from "../../stats/agreement/per-code.js";
import type { Codebook } from "./codebook/types.js";
import { NO_CODE } from "./codebook/types.js";
import { themesOfCodes } from "./results/effective.js";

/** `note` says why kappa or alpha is empty (undefined for these data). */
export const CODER_AGREEMENT_COLUMNS = ["level", "id", "extracts", "both", "first_only", "second_only", "neither", "observed_agreement", "kappa", "alpha", "note"] as const;

export interface LevelAgreement extends CodeAgreement {
  level: "code" | "theme";
}

/**
 * Per-code and per-theme agreement of two coders over the extracts both coded (each code present or
 * absent per extract; a theme is present when any of its codes, or the theme itself, was given).
 * Every code and theme of the codebook is listed, in codebook order. Pure.
 */
export function coderAgreement(book: Codebook, pairs: readonly { first: readonly string[]; second: readonly string[] }[]): LevelAgreement[] {
  const clean = (codes: readonly string[]) => codes.filter((c) => c !== NO_CODE);
  const codeLevel = perCodeAgreement(
    pairs.map((p) => ({ first: clean(p.first), second: clean(p.second) })),
    book.codes.map((c) => c.id),
  ).map((a) => ({ ...a, level: "code" as const }));
  const themeLevel = perCodeAgreement(
    pairs.map((p) => ({ first: themesOfCodes(book, clean(p.first)), second: themesOfCodes(book, clean(p.second)) })),
    book.themes.map((t) => t.id),
  ).map((a) => ({ ...a, level: "theme" as const }));
  return [...themeLevel, ...codeLevel];
}

const fmt = (x: number | null): string => (x === null ? "" : x.toFixed(4));

export function agreementRow(a: LevelAgreement): (string | number)[] {
  const note = a.kappa === null || a.alpha === null ? `${a.kappa === null && a.alpha === null ? "kappa and alpha" : a.kappa === null ? "kappa" : "alpha"} undefined: ${a.why}` : "";
  return [a.level, a.code, a.extracts, a.both, a.firstOnly, a.secondOnly, a.neither, fmt(a.observedAgreement), fmt(a.kappa), fmt(a.alpha), note];
}
