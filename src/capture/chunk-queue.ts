/**
 * The byte queue behind the incremental capture reader: pushed chunks are
 * held by reference, and a record is handed out as a view of its chunk when
 * it lies inside one. Only a record that spans chunks is copied, into a
 * buffer that grows with the bytes that actually arrive (never with what a
 * length field announces) and is never written again once handed out.
 * @module
 * @internal
 */

/** Drops a consumed chunk's reference without moving the array. */
const EMPTY = new Uint8Array(0);

/** @internal */
export class ChunkQueue {
  /** Pushed chunks; those before `first` are consumed. */
  private chunks: Uint8Array[] = [];
  private first = 0;
  /** Read position in `chunks[first]`. */
  private head = 0;
  /** Bytes queued in `chunks` beyond `head`. */
  private queued = 0;
  /** The start of the unconsumed data when it had to be assembled from several chunks. */
  private acc: Uint8Array | undefined;
  private accLen = 0;
  /** Absolute offset of the first unconsumed byte. */
  offset = 0;

  /** Unconsumed bytes held. */
  get available(): number {
    return this.accLen + this.queued;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.queued += chunk.length;
  }

  /** Moves past the first chunk, compacting the array once most of it is consumed. */
  private shift(): void {
    this.chunks[this.first++] = EMPTY;
    this.head = 0;
    if (this.first === this.chunks.length) {
      this.chunks = [];
      this.first = 0;
    } else if (this.first >= 64 && this.first * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
  }

  /**
   * A contiguous view of the first `n` unconsumed bytes, or undefined when
   * fewer are held. When it returns undefined every held byte has been moved
   * into the assembly buffer, so no pushed chunk stays referenced.
   */
  peek(n: number): Uint8Array | undefined {
    const first = this.chunks[this.first];
    if (this.accLen === 0 && first !== undefined && first.length - this.head >= n) {
      return first.subarray(this.head, this.head + n);
    }
    while (this.accLen < n) {
      const c = this.chunks[this.first];
      if (c === undefined) return undefined;
      const take = Math.min(n - this.accLen, c.length - this.head);
      this.reserve(this.accLen + take, n);
      (this.acc as Uint8Array).set(c.subarray(this.head, this.head + take), this.accLen);
      this.accLen += take;
      this.queued -= take;
      this.head += take;
      if (this.head === c.length) this.shift();
    }
    return (this.acc as Uint8Array).subarray(0, n);
  }

  /**
   * Drops the first `n` bytes, which a successful `peek(n)` has just
   * returned; `n` is at least every size peeked since the last consume (the
   * reader peeks a header, then the whole record that contains it).
   */
  consume(n: number): void {
    this.offset += n;
    if (this.accLen > 0) {
      // The assembly buffer may be referenced by a packet handed out: start a new one.
      this.acc = undefined;
      this.accLen = 0;
      return;
    }
    this.head += n;
    this.queued -= n;
    if (this.head === (this.chunks[this.first] as Uint8Array).length) this.shift();
  }

  /** Grows the assembly buffer to hold `size` bytes: doubling, but never past `limit`. */
  private reserve(size: number, limit: number): void {
    const cap = this.acc?.length ?? 0;
    if (size <= cap) return;
    const grown = new Uint8Array(Math.min(limit, Math.max(size, cap * 2, 64)));
    if (this.acc !== undefined) grown.set(this.acc.subarray(0, this.accLen));
    this.acc = grown;
  }
}
