import { MAX_MESSAGE } from "../../../src/core/message.js";
import { figure } from "./figures.js";
import type { Outcome } from "./run.js";

/** Problems with what a run printed: note text (a marker) in any stream, a message line too long. */
export function streamProblems(o: Outcome, markers: readonly string[]): string[] {
  const problems: string[] = [];
  const all = `${o.stdout}\n${o.stderr}`;
  for (const m of markers) if (all.includes(m)) problems.push(`note text (marker ${m}) printed`);
  for (const line of o.stderr.split("\n")) if ([...line].length > MAX_MESSAGE) problems.push(`a message line of ${[...line].length} characters`);
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(o.stderr)) problems.push("a stack trace without --debug");
  figure("output streams checked for note text");
  figure("note text in output streams", problems.filter((p) => p.startsWith("note text")).length);
  figure("message lines over 300 characters", problems.filter((p) => p.startsWith("a message line")).length);
  return problems;
}

/**
 * A run that ended as an environment or input problem must exit 2 with its error on one line naming
 * `path` (a file with several problems, such as a rule file failing its schema, gives one line each,
 * every one naming the file).
 */
export function inputErrorProblems(o: Outcome, path: string | RegExp): string[] {
  const problems: string[] = [];
  if (o.code !== 2) problems.push(`exit ${o.code} (signal ${o.signal}), expected 2`);
  const lines = o.stderr.trim().split("\n").filter(Boolean);
  const errors = lines.filter((l) => l.startsWith("notes-analyse:"));
  if (errors.length === 0) problems.push("no error line");
  for (const l of errors) if (!(typeof path === "string" ? l.includes(path) : path.test(l))) problems.push(`an error line does not name ${String(path)}: ${l}`);
  figure("bad inputs and environment faults tried");
  figure("bad inputs and environment faults handled (exit 2, one line naming the path)", problems.length === 0 ? 1 : 0);
  return problems;
}
