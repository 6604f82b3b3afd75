import type { HitRow } from "./collect.js";

/**
 * Theme retrieval hits are wanted only for returned patients, and whether a patient is returned is
 * known only once all their notes are read. Exports are usually grouped by patient, so theme hits are
 * held for the patient whose notes are being read and kept when the block ends with the patient
 * returned; memory stays at one patient's hits. A patient whose notes come in more than one block is
 * listed in `split`: their theme hits need a second read (`needSecondRead`).
 */
export class ThemeHitBuffer {
  /** Every patient whose notes have been read. */
  readonly seen = new Set<string>();
  /** Patients whose notes were not contiguous. */
  readonly split = new Set<string>();
  /** Theme hits of returned patients, by patient. */
  readonly kept = new Map<string, HitRow[]>();
  private current: string | undefined;
  private pending: HitRow[] = [];

  constructor(private readonly isReturned: (patientId: string) => boolean) {}

  /** The theme hits of a patient's next note or run of notes, in reading order. */
  add(patientId: string, themeHits: readonly HitRow[]): void {
    if (patientId !== this.current) {
      this.endBlock();
      if (this.seen.has(patientId)) this.split.add(patientId);
      this.seen.add(patientId);
      this.current = patientId;
    }
    for (const h of themeHits) this.pending.push(h);
  }

  /** End the current block (call once after the last note). */
  endBlock(): void {
    if (this.current !== undefined && this.pending.length > 0 && this.isReturned(this.current)) {
      const list = this.kept.get(this.current);
      if (list) list.push(...this.pending);
      else this.kept.set(this.current, this.pending);
    }
    this.pending = [];
    this.current = undefined;
  }

  /**
   * Returned patients whose notes were split across blocks: hits of an earlier block may have been
   * dropped before the patient was known to be returned. Their kept hits are discarded here, so the
   * second read can supply all of them exactly once.
   */
  needSecondRead(): Set<string> {
    const need = new Set([...this.split].filter((id) => this.isReturned(id)));
    for (const id of need) this.kept.delete(id);
    return need;
  }
}
