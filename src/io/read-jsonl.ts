import { createInterface } from "node:readline";
import { UserError } from "../core/errors.js";
import type { Encoding } from "../io/formats.js";
import { assertReadable, openText, resolveEncoding } from "./open-text.js";
import type { TableRow } from "./read-table.js";

/** Stream the records of a JSON Lines file as table rows (values as text); blank lines are skipped. */
export async function* readJsonLines(file: string, encoding: Encoding, warn: (m: string) => void): AsyncGenerator<TableRow> {
  await assertReadable(file);
  const enc = await resolveEncoding(file, encoding, warn);
  const lines = createInterface({ input: openText(file, enc), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === "") continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new UserError(`${file}:${n}: not a JSON object (each line of a JSON Lines file must be one {...} record)`);
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new UserError(`${file}:${n}: expected a JSON object like {"patient_id": …, "text": …}`);
    }
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) values[k] = v === null || v === undefined ? "" : typeof v === "string" ? v : String(v);
    yield { line: n, values };
  }
}
