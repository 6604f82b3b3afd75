import type { WriteDecisionsResult } from "../io/decision-workbook.js";
import type { StageLog } from "./stage.js";

/** Say what a re-run did to a workbook people fill in: kept, added, no longer listed, backup. */
export function reportWorkbookChanges(log: StageLog, stage: string, path: string, change: WriteDecisionsResult): void {
  if (!change.backup) return;
  log.info(`${stage}: ${path} existed — kept ${change.kept} decision${change.kept === 1 ? "" : "s"}, added ${change.added.length} row${change.added.length === 1 ? "" : "s"}, ${change.dropped.length} no longer listed (kept when decided); previous file backed up to ${change.backup}`);
}
