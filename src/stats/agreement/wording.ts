/**
 * How agreement figures are written for people, in every sentence and table of the tool: counts
 * first ("10 of 12 agreed (0.833)"), three decimals, and an undefined figure as "undefined (why)".
 */

/** Three decimals (more when they would make a figure look equal to `against`); never "-0.000". */
export function fixed(x: number, against?: number): string {
  let digits = 3;
  while (against !== undefined && x !== against && digits < 12 && x.toFixed(digits) === against.toFixed(digits)) digits++;
  const s = x.toFixed(digits);
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/** "10 of 12 agreed (0.833)". */
export function agreedOf(agreed: number, of: number): string {
  return `${agreed} of ${of} agreed${of > 0 ? ` (${fixed(agreed / of)})` : ""}`;
}

/** "undefined (neither coder used this code)". */
export function undefinedText(why: string | undefined): string {
  return why ? `undefined (${why})` : "undefined";
}

/** A figure that may be undefined, as text. */
export function figureText(value: number | null | undefined, why?: string): string {
  return typeof value === "number" ? fixed(value) : undefinedText(why);
}

/** "0.714 to 0.910", or "undefined (why)". */
export function intervalText(ci: readonly [number, number] | null | undefined, why?: string): string {
  return ci ? `${fixed(ci[0])} to ${fixed(ci[1])}` : undefinedText(why);
}
