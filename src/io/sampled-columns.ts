import type { SheetColumn } from "./workbook.js";

/**
 * The evidence columns a patient sample's blinded workbook opens with: the group and why it was sampled
 * (the second-rater module fills them; the screening and identification layouts show them).
 */
export const SAMPLED_COLUMNS: readonly SheetColumn[] = [
  { header: "group", key: "group", width: 8 },
  { header: "why_sampled", key: "why_sampled", width: 12 },
];
