/** The longest line the tool prints as a message: longer ones are cut, so no input can flood a terminal. */
export const MAX_MESSAGE = 300;

/**
 * A message as one printable line of at most `max` characters: line breaks and other control characters
 * become spaces (a message must never start a second line of its own), and a long one is cut with "…".
 */
export function oneLine(message: string, max = MAX_MESSAGE): string {
  // eslint-disable-next-line no-control-regex
  const flat = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * A whole number with its thousands grouped by commas, as en-GB writes it ("461,245"): without the
 * locale library, whose first use costs as long as reading 5 MB of notes.
 */
export function thousands(n: number): string {
  const s = String(Math.abs(Math.trunc(n)));
  return `${n < 0 ? "-" : ""}${s.replace(/\B(?=(\d{3})+$)/g, ",")}`;
}
