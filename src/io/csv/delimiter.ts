import { CR, LF, QUOTE } from "./frame.js";

/** The delimiters an export may use. */
export const DELIMITERS = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" } as const;
export type DelimiterName = keyof typeof DELIMITERS;
export type DelimiterChar = (typeof DELIMITERS)[DelimiterName];

/** What the config and `--delimiter` take: a name, the character itself, or `auto` (detect from the header). */
export const DELIMITER_SETTINGS = ["auto", "comma", "semicolon", "tab", "pipe", ",", ";", "\t", "|"] as const;
export type DelimiterSetting = "auto" | DelimiterName | DelimiterChar;

/** The character of a named or literal delimiter; `undefined` for `auto`. */
export function delimiterChar(setting: DelimiterSetting | undefined): DelimiterChar | undefined {
  if (setting === undefined || setting === "auto") return undefined;
  return setting in DELIMITERS ? DELIMITERS[setting as DelimiterName] : (setting as DelimiterChar);
}

/** A readable name for messages: "semicolon (;)". */
export function delimiterName(char: string): string {
  const name = (Object.keys(DELIMITERS) as DelimiterName[]).find((k) => DELIMITERS[k] === char);
  return name === "tab" ? "tab" : `${name ?? "delimiter"} (${char})`;
}

/**
 * The delimiter of a table from its header row (the bytes up to the first line end outside quotes): the
 * candidate that occurs most often there, outside quoted names. A header with none of them is a single
 * column, read with `fallback` (tab for .tsv, else comma). Pure; reads the header only, never a note.
 */
export function detectDelimiter(buf: Buffer, fallback: DelimiterChar): DelimiterChar {
  const counts = new Map<number, number>();
  const codes = Object.values(DELIMITERS).map((c) => c.charCodeAt(0));
  let quoted = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted && (b === LF || b === CR)) break;
    else if (!quoted && codes.includes(b)) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [code, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && code === fallback.charCodeAt(0))) best = code;
  return best === undefined ? fallback : (String.fromCharCode(best) as DelimiterChar);
}
