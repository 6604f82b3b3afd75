/**
 * Text measurement without a browser: advance widths (in em) of DejaVu Sans Bold, read from the font's
 * hmtx table. Bold is wider than regular for every character, and the usual fallbacks (Verdana, Arial,
 * Helvetica, Liberation Sans) are no wider, so text measured here fits wherever it is drawn. Kept
 * rather than taken from npm: string-pixel-width, the one measuring package that needs no font file, has
 * no DejaVu Sans among its 17 fonts, and opentype.js or fontkit would read these same numbers only from
 * the font itself, shipped with the tool.
 */
const WIDTHS: Record<string, number> = {
  " ": 0.348, "\u00a0": 0.348, "!": 0.456, '"': 0.521, "#": 0.838, $: 0.696, "%": 1.002, "&": 0.872, "'": 0.306, "(": 0.457, ")": 0.457,
  "*": 0.523, "+": 0.838, ",": 0.38, "-": 0.415, ".": 0.38, "/": 0.365, ":": 0.4, ";": 0.4, "<": 0.838, "=": 0.838,
  ">": 0.838, "?": 0.58, "@": 1.0, "[": 0.457, "\\": 0.365, "]": 0.457, "^": 0.838, _: 0.5, "`": 0.5, "{": 0.712,
  "|": 0.365, "}": 0.712, "~": 0.838, "–": 0.5, "—": 1.0, "•": 0.639, "…": 1.0, "£": 0.696, "€": 0.696, "·": 0.38, "×": 0.838,
  A: 0.774, B: 0.762, C: 0.734, D: 0.83, E: 0.683, F: 0.683, G: 0.821, H: 0.837, I: 0.372, J: 0.372, K: 0.775, L: 0.637, M: 0.995,
  N: 0.837, O: 0.85, P: 0.733, Q: 0.85, R: 0.77, S: 0.72, T: 0.682, U: 0.812, V: 0.774, W: 1.103, X: 0.771, Y: 0.724, Z: 0.725,
  a: 0.675, b: 0.716, c: 0.593, d: 0.716, e: 0.678, f: 0.435, g: 0.716, h: 0.712, i: 0.343, j: 0.343, k: 0.665, l: 0.343, m: 1.042,
  n: 0.712, o: 0.687, p: 0.716, q: 0.716, r: 0.493, s: 0.595, t: 0.478, u: 0.712, v: 0.652, w: 0.924, x: 0.645, y: 0.652, z: 0.582,
};
const DIGIT = 0.696;
/** Anything else (accents, other scripts) is taken as a full em: wide enough for every glyph we know of. */
const OTHER = 1.0;

/** The font the figures are drawn in; the widths above are measured for its first family. */
export const FIGURE_FONT = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

/** Estimated width in pixels of `text` drawn at `size` px. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch >= "0" && ch <= "9" ? DIGIT : (WIDTHS[ch] ?? OTHER);
  return em * size;
}

/**
 * Break text into lines no wider than `maxWidth`, at ordinary spaces (never at a no-break space); a word longer than a line is cut where it
 * must be, so no line ever overflows.
 */
export function wrapText(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/[ \t\n\r]+/).filter(Boolean)) {
    const tryLine = line === "" ? word : `${line} ${word}`;
    if (textWidth(tryLine, size) <= maxWidth) {
      line = tryLine;
      continue;
    }
    if (line !== "") lines.push(line);
    line = "";
    let rest = [...word];
    while (textWidth(rest.join(""), size) > maxWidth) {
      let cut = 1;
      while (cut < rest.length && textWidth(rest.slice(0, cut + 1).join(""), size) <= maxWidth) cut++;
      lines.push(rest.slice(0, cut).join(""));
      rest = rest.slice(cut);
    }
    line = rest.join("");
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}
