import { decisionProblemsError, type ReadDecisions } from "../io/decision-workbook.js";

/**
 * What can stand between a rater's workbook and the comparison: it is `missing`; it is `mismatched`
 * with what the tool wrote (a row altered, moved or duplicated, a value not allowed); or it is
 * `incomplete` (decision cells still empty).
 */
export type RaterFileProblem =
  | { kind: "missing"; path: string; workbook: string; writtenBy: string }
  | { kind: "mismatched"; problems: readonly string[]; rerun: string }
  | { kind: "incomplete"; path: string; column: string; cells: readonly { id: string; cell: string }[] };

/** How many empty cells an `incomplete` message names before it stops. */
const SHOWN = 8;

/**
 * The one message for a rater's workbook problem: it names the file (and each cell), never a cell's
 * note text, and says what to run or fill in. Pure.
 */
export function raterFileMessage(problem: RaterFileProblem): string {
  switch (problem.kind) {
    case "missing":
      return `${problem.path}: not found (run notes-analyse ${problem.writtenBy} first to write the ${problem.workbook} workbook)`;
    case "mismatched":
      return decisionProblemsError(problem.problems, `fix the workbook, save, and run notes-analyse ${problem.rerun} again`).message;
    case "incomplete": {
      const n = problem.cells.length;
      const shown = problem.cells.slice(0, SHOWN).map((c) => `${c.id} (${c.cell})`);
      return `${problem.path}: ${n} ${problem.column} cell${n === 1 ? "" : "s"} still empty: ${shown.join(", ")}${n > SHOWN ? ", …" : ""}`;
    }
  }
}

/**
 * The `incomplete` problem of a read workbook: the `column` cells of `ids` still empty, each named by
 * its cell (`A12`; `A?` for an id the workbook does not list). Pure.
 */
export function emptyCells(path: string, read: Pick<ReadDecisions, "rowOf" | "columnOf">, ids: readonly string[], column: string): RaterFileProblem {
  return { kind: "incomplete", path, column, cells: ids.map((id) => ({ id, cell: `${read.columnOf[column]}${read.rowOf.get(id) ?? "?"}` })) };
}
