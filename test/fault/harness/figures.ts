import { appendFileSync } from "node:fs";

/**
 * Count something a fault test did or found (runs, kills, decisions checked, note text printed), for
 * the figures scripts/reliability.ts reports. Only when NA_FIGURES names a file; a no-op otherwise.
 */
export function figure(name: string, n = 1): void {
  if (process.env.NA_FIGURES) appendFileSync(process.env.NA_FIGURES, `${JSON.stringify({ name, n })}\n`);
}
