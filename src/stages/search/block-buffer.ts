import type { HitRow, NoteFields } from "./collect.js";

/**
 * Theme retrieval hits and the notes themselves are wanted only for returned patients, and whether a
 * patient is returned is known only once all their notes are read. Exports are usually grouped by
 * patient, so both are held for the patient whose notes are being read and kept when the block ends
 * with the patient returned; memory stays at one patient's notes. A patient whose notes come in more
 * than one block is listed in `split`: their hits and notes need a second read (`needSecondRead`).
 */
export class BlockBuffer {
  /** Every patient whose notes have been read. */
  readonly seen = new Set<string>();
  /** Patients whose notes were not contiguous. */
  readonly split = new Set<string>();
  /** Theme hits of returned patients, by patient. */
  readonly kept = new Map<string, HitRow[]>();
  private current: string | undefined;
  private pending: HitRow[] = [];
  private pendingNotes: NoteFields[] = [];

  /**
   * @param isReturned whether a patient has a case-finding hit so far
   * @param keepNotes receives the notes of a returned patient's block when it ends, in reading order
   */
  constructor(
    private readonly isReturned: (patientId: string) => boolean,
    private readonly keepNotes: (notes: readonly NoteFields[]) => void = () => undefined,
  ) {}

  /** The theme hits and the notes of a patient's next note or run of notes, in reading order. */
  add(patientId: string, themeHits: readonly HitRow[], notes: readonly NoteFields[] = []): void {
    if (patientId !== this.current) {
      this.endBlock();
      if (this.seen.has(patientId)) this.split.add(patientId);
      this.seen.add(patientId);
      this.current = patientId;
    }
    for (const h of themeHits) this.pending.push(h);
    for (const n of notes) this.pendingNotes.push(n);
  }

  /** End the current block (call once after the last note). */
  endBlock(): void {
    if (this.current !== undefined && this.isReturned(this.current)) {
      if (this.pending.length > 0) {
        const list = this.kept.get(this.current);
        if (list) list.push(...this.pending);
        else this.kept.set(this.current, this.pending);
      }
      if (this.pendingNotes.length > 0) this.keepNotes(this.pendingNotes);
    }
    this.pending = [];
    this.pendingNotes = [];
    this.current = undefined;
  }

  /**
   * Returned patients whose notes were split across blocks: hits and notes of an earlier block may have
   * been dropped before the patient was known to be returned. Their kept hits are discarded here (and
   * the caller discards their kept notes), so the second read can supply all of them exactly once.
   */
  needSecondRead(): Set<string> {
    const need = new Set([...this.split].filter((id) => this.isReturned(id)));
    for (const id of need) this.kept.delete(id);
    return need;
  }
}
