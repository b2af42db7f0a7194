import { DecodeError } from "../errors.js";

/**
 * Resolved decode options carried by a {@link Reader}.
 * @internal
 */
export interface ReaderOptions {
  /** Deepest allowed nesting of encapsulating options and nested messages. */
  readonly maxDepth: number;
  /** Keep a known option whose body is malformed as raw bytes instead of failing. */
  readonly keepMalformedOptions: boolean;
  /** Keep and report a DHCPv4 header anomaly (hlen over 16) instead of failing; absent is false. */
  readonly lenientHeader?: boolean;
}

/**
 * A bounds-checked cursor over one input buffer.
 *
 * Bounded sub-regions (an option body, a nested message) are entered by
 * narrowing `end` and restoring it afterwards, so no child object is
 * allocated per option. Offsets are absolute: 0 is the first byte of the
 * input handed to the decoder. Every read is checked here, never by a
 * `RangeError` from the platform.
 * @internal
 */
export class Reader {
  /** The whole input. */
  readonly b: Uint8Array;
  /** Next byte to read. */
  pos: number;
  /** End of the current bounded region (exclusive). */
  end: number;
  /**
   * Where the input itself ends, or -1 inside a region bounded by an
   * enclosing length field. Running out of bytes at the input's end is
   * `truncated` (more may be coming); running out inside a length-bounded
   * region is `length-mismatch` even when that region ends exactly where the
   * input does, because the length field, not the input, is then wrong.
   */
  inputEnd: number;
  /** How many encapsulating items enclose the current position. */
  depth = 0;
  readonly opts: ReaderOptions;

  constructor(b: Uint8Array, opts: ReaderOptions, start = 0, end = b.length) {
    this.b = b;
    this.pos = start;
    this.end = end;
    this.inputEnd = end;
    this.opts = opts;
  }

  /** Bytes left in the current region. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /**
   * Throws unless `n` more bytes are in the region. Running out at the end of
   * the input is `truncated`; running out at the end of an enclosing length
   * is `length-mismatch` (the length field disagrees with what it holds).
   */
  need(n: number, what: string): void {
    if (this.end - this.pos < n) {
      const atInputEnd = this.end === this.inputEnd;
      throw new DecodeError(
        atInputEnd ? "truncated" : "length-mismatch",
        this.pos,
        atInputEnd
          ? `${what} needs ${n} byte(s), the input has ${this.end - this.pos} left`
          : `${what} needs ${n} byte(s), its enclosing length leaves ${this.end - this.pos}`,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.b[this.pos++] as number;
  }

  u16(what: string): number {
    this.need(2, what);
    const b = this.b;
    const p = this.pos;
    this.pos = p + 2;
    return ((b[p] as number) << 8) | (b[p + 1] as number);
  }

  u24(what: string): number {
    this.need(3, what);
    const b = this.b;
    const p = this.pos;
    this.pos = p + 3;
    return ((b[p] as number) << 16) | ((b[p + 1] as number) << 8) | (b[p + 2] as number);
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.b;
    const p = this.pos;
    this.pos = p + 4;
    // Multiply the top byte instead of shifting it so the result stays unsigned.
    return (
      (b[p] as number) * 0x1000000 + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number))
    );
  }

  /** A view (not a copy) of the next `n` bytes. */
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const p = this.pos;
    this.pos = p + n;
    return this.b.subarray(p, p + n);
  }

  /** A view of everything left in the region. */
  rest(): Uint8Array {
    const p = this.pos;
    this.pos = this.end;
    return this.b.subarray(p, this.end);
  }
}
