import { spread, type SeedResult } from "./simulate.js";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The simulation as lines for the terminal: per seed, then mean (lowest–highest). Pure. */
export function simulationLines(results: readonly SeedResult[], o: { batch: number; stopAfter: number; minimum: { decided: number; each: number } }): string[] {
  const lines = [
    `simulate: ${results.length} replays; each starts with records in random order until ${o.minimum.decided} are decided with ${o.minimum.each} of each, then the model picks the next ${o.batch === 1 ? "record" : `${o.batch} records`}; figures after the start, as ASReview computes them`,
    `  ${"seed".padEnd(8)} ${"start".padStart(6)} ${"WSS@95".padStart(8)} ${"recall@10%".padStart(11)} ${"recall@25%".padStart(11)}   stop after ${o.stopAfter} irrelevant in a row`,
  ];
  for (const r of results) {
    const stop = r.stop.stopped ? `screened ${r.stop.screened} of ${r.records}, recall ${pct(r.stop.recall)}` : `never stopped (all ${r.records} screened)`;
    lines.push(`  ${String(r.seed).padEnd(8)} ${String(r.start).padStart(6)} ${pct(r.wss95).padStart(8)} ${pct(r.recall10).padStart(11)} ${pct(r.recall25).padStart(11)}   ${stop}`);
  }
  const f = (xs: number[]) => {
    const s = spread(xs);
    return `${pct(s.mean)} (${pct(s.min)}–${pct(s.max)})`;
  };
  lines.push(`  mean: WSS@95 ${f(results.map((r) => r.wss95))}; recall after 10% ${f(results.map((r) => r.recall10))}; after 25% ${f(results.map((r) => r.recall25))}`);
  return lines;
}
