import { CR, LF, QUOTE } from "./frame.js";

export type CsvFault = "unclosed-quote" | "closing-quote" | "opening-quote";

/** A syntax error at a byte offset of the buffer being parsed (the caller turns it into a line). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly fault: CsvFault,
    /** Where the error is (for an unclosed quote: the opening quote). */
    readonly at: number,
  ) {
    super(`CSV ${fault} at byte ${at}`);
  }
}

/**
 * Splits whole rows of CSV or TSV bytes into fields without decoding them (RFC 4180: quoted fields may
 * hold delimiters, line breaks and doubled quotes; rows end with LF, CRLF or CR). After `next`, field
 * i of the row is bytes [start[i], end[i]) of the buffer; `escaped[i]` is 1 when the field is quoted and
 * holds doubled quotes, which `fieldValue` turns into one.
 */
export class CsvRowSplitter {
  start = new Int32Array(16);
  end = new Int32Array(16);
  escaped = new Uint8Array(16);
  /** Fields in the row last split. */
  count = 0;

  constructor(private readonly delimiter: number) {}

  private grow(): void {
    const n = this.start.length * 2;
    const s = new Int32Array(n);
    const e = new Int32Array(n);
    const x = new Uint8Array(n);
    s.set(this.start);
    e.set(this.end);
    x.set(this.escaped);
    [this.start, this.end, this.escaped] = [s, e, x];
  }

  /**
   * Split the row that starts at `pos` in a buffer that holds whole rows; returns where the next row
   * starts (buf.length after the last). Throws CsvSyntaxError on malformed quoting.
   */
  next(buf: Buffer, pos: number): number {
    const n = buf.length;
    const delim = this.delimiter;
    this.count = 0;
    let p = pos;
    for (;;) {
      if (this.count === this.start.length) this.grow();
      const i = this.count++;
      let after: number;
      if (p < n && buf[p] === QUOTE) {
        let q = buf.indexOf(QUOTE, p + 1);
        let esc = 0;
        while (q !== -1 && buf[q + 1] === QUOTE) {
          esc = 1;
          q = buf.indexOf(QUOTE, q + 2);
        }
        if (q === -1) throw new CsvSyntaxError("unclosed-quote", p);
        this.start[i] = p + 1;
        this.end[i] = q;
        this.escaped[i] = esc;
        after = q + 1;
        if (after < n) {
          const c = buf[after];
          if (c !== delim && c !== LF && c !== CR) throw new CsvSyntaxError("closing-quote", after);
        }
      } else {
        let j = p;
        while (j < n) {
          const c = buf[j];
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError("opening-quote", j);
          j++;
        }
        this.start[i] = p;
        this.end[i] = j;
        this.escaped[i] = 0;
        after = j;
      }
      if (after >= n) return n;
      const c = buf[after];
      if (c === delim) {
        p = after + 1;
        continue;
      }
      if (c === LF) return after + 1;
      return after + 1 < n && buf[after + 1] === LF ? after + 2 : after + 1; // CRLF, or a lone CR
    }
  }

  /** Is the row last split an empty line? */
  isEmptyLine(): boolean {
    return this.count === 1 && this.end[0] === this.start[0] && this.escaped[0] === 0;
  }
}
