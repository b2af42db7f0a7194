/**
 * The 2-octet stream framing of Bulk and Active Leasequery (RFC 5460 §5.1,
 * RFC 7653 §6.1): each message on a TCP connection, or on the QUIC stream of
 * DHCP6oQUIC, is preceded by its `message-size` as a big-endian 16-bit
 * integer. DHCPv4 Bulk and Active Leasequery (RFC 6926 §6.1, RFC 7724) frame
 * DHCPv4 messages the same way, so everything here serves them too: the
 * framer never looks inside a message.
 *
 * No I/O: bytes in, frames out. See {@link FrameDecoder} for the incremental
 * decoder's contract.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";

/** Octets of the `message-size` field that precedes every message. */
export const FRAME_HEADER_SIZE = 2;

/** The largest message a 16-bit `message-size` can announce. */
export const MAX_MESSAGE_SIZE = 0xffff;

/**
 * The largest frame: header plus the largest message. A {@link FrameDecoder}
 * never holds more octets than this.
 *
 * @example
 * ```ts
 * import { FRAME_HEADER_SIZE, MAX_FRAME_SIZE, MAX_MESSAGE_SIZE } from "dhcp-leasequery";
 * console.log(FRAME_HEADER_SIZE, MAX_MESSAGE_SIZE, MAX_FRAME_SIZE); // 2 65535 65537
 * ```
 */
export const MAX_FRAME_SIZE = FRAME_HEADER_SIZE + MAX_MESSAGE_SIZE;

/** Options of {@link FrameDecoder} and {@link deframe}. */
export interface FrameDecoderOptions {
  /**
   * Accept a `message-size` of 0 and return it as an empty frame. RFC 5460
   * §5.1 frames always carry a whole DHCPv6 message, which is at least 4
   * octets, so by default a zero size is an `empty-frame` DecodeError; this
   * relaxes that for peers that send empty frames as padding or keep-alives.
   * Default false.
   */
  allowEmptyFrames?: boolean;
}

function checkMessage(message: unknown, allowEmpty: boolean): asserts message is Uint8Array {
  if (!(message instanceof Uint8Array)) throw new TypeError("expected a Uint8Array (a Node Buffer is one)");
  if (message.length > MAX_MESSAGE_SIZE) {
    throw new EncodeError("too-long", `a framed message is at most ${MAX_MESSAGE_SIZE} octets, got ${message.length}`);
  }
  if (message.length === 0 && !allowEmpty) {
    throw new EncodeError("invalid-value", "an empty message cannot be framed (RFC 5460 §5.1 carries whole messages)");
  }
}

/**
 * Frames one message: its 2-octet big-endian length, then the message.
 *
 * @example
 * ```ts
 * import { toHex } from "dhcp-leasequery";
 * import { frame } from "dhcp-leasequery";
 * console.log(toHex(frame(Uint8Array.of(0x17, 0, 0, 1)))); // "000417000001"
 * ```
 * @throws EncodeError `too-long` above 65535 octets, `invalid-value` for an empty message
 * @throws TypeError if `message` is not a Uint8Array
 */
export function frame(message: Uint8Array): Uint8Array {
  checkMessage(message, false);
  const out = new Uint8Array(FRAME_HEADER_SIZE + message.length);
  out[0] = message.length >>> 8;
  out[1] = message.length & 0xff;
  out.set(message, FRAME_HEADER_SIZE);
  return out;
}

/**
 * Frames one message into `dest` at `offset`, for callers that reuse
 * buffers. Returns the number of octets written (message length + 2).
 *
 * @example
 * ```ts
 * import { frameInto } from "dhcp-leasequery";
 * const out = new Uint8Array(16);
 * const n = frameInto(Uint8Array.of(0x17, 0, 0, 1), out, 3);
 * console.log(n, out.subarray(3, 3 + n)); // 6 Uint8Array(6) [ 0, 4, 23, 0, 0, 1 ]
 * ```
 * @throws EncodeError `buffer-too-small` if it does not fit (nothing is written), or as {@link frame}
 * @throws TypeError if an argument is not a Uint8Array
 */
export function frameInto(message: Uint8Array, dest: Uint8Array, offset = 0): number {
  checkMessage(message, false);
  if (!(dest instanceof Uint8Array)) throw new TypeError("dest must be a Uint8Array");
  const n = FRAME_HEADER_SIZE + message.length;
  if (!Number.isInteger(offset) || offset < 0 || offset + n > dest.length) {
    throw new EncodeError("buffer-too-small", `needs ${n} byte(s) at offset ${offset}, dest has ${dest.length}`);
  }
  dest[offset] = message.length >>> 8;
  dest[offset + 1] = message.length & 0xff;
  dest.set(message, offset + FRAME_HEADER_SIZE);
  return n;
}

/**
 * An incremental decoder for a framed stream, in the sans-I/O style of h11:
 * push whatever chunks the transport delivers, of any size, and get back the
 * whole frames (message bodies, without their size field) they complete.
 *
 * - "Need more data" is a normal result: `push` returns `[]`.
 * - A frame that lies wholly inside one pushed chunk is returned as a view
 *   of that chunk (no copy); copy it, or the chunk, if the transport reuses
 *   chunk memory. A frame split across chunks is assembled in a buffer that
 *   is handed out with it and never written again.
 * - Bytes held between calls never exceed one frame (at most
 *   {@link MAX_FRAME_SIZE}); that buffer grows with the bytes that actually
 *   arrive, never with what a `message-size` field announces.
 * - Work is linear in the bytes pushed: each byte is examined once and
 *   copied at most once (plus the doubling of a split frame's buffer).
 * - `end()` inside a frame is a `truncated` DecodeError; at a frame boundary
 *   it is a clean end.
 * - Errors carry the absolute offset from the start of the stream and the
 *   path `frames[i]` (i counts frames from 0). When a chunk holds good frames
 *   and then a bad one, `push` returns the good ones and the error is thrown
 *   by the next call; when the bad frame is the first, `push` throws at once.
 *   Once failed, every later `push` or `end` throws the same error.
 *
 * @example
 * ```ts
 * import { FrameDecoder } from "dhcp-leasequery";
 * const d = new FrameDecoder();
 * console.log(d.push(Uint8Array.of(0, 4, 0x17))); // []
 * console.log(d.push(Uint8Array.of(0, 0, 1, 0, 4, 0x17, 0, 0, 2)).length); // 2
 * d.end(); // a clean end: no partial frame is left
 * ```
 */
export class FrameDecoder {
  private readonly allowEmpty: boolean;
  /** Partial frame bytes (size field included); only `buf[0, have)` is meaningful. */
  private buf: Uint8Array | undefined;
  private have = 0;
  /** Total octets of the partial frame, known once its size field is complete; 0 before. */
  private need = 0;
  /** Absolute stream offset of the partial frame. */
  private frameStart = 0;
  private consumed = 0;
  private frames = 0;
  private failure: DecodeError | undefined;
  private ended = false;

  /**
   * A decoder with an empty buffer, waiting for the first chunk.
   * @param options - see {@link FrameDecoderOptions}
   */
  constructor(options: FrameDecoderOptions = {}) {
    this.allowEmpty = options.allowEmptyFrames === true;
  }

  /** Octets held for a frame not yet complete (never more than {@link MAX_FRAME_SIZE}). */
  get bufferedBytes(): number {
    return this.have;
  }

  /** Octets pushed so far: the absolute stream offset of the next chunk. */
  get offset(): number {
    return this.consumed;
  }

  /** Frames returned so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** The error the decoder has stopped on, if any. */
  get error(): DecodeError | undefined {
    return this.failure;
  }

  /**
   * Feeds the next chunk of the stream and returns the frames it completes,
   * in order (`[]` when more data is needed).
   *
   * @example
   * ```ts
   * import { FrameDecoder } from "dhcp-leasequery";
   * const [m] = new FrameDecoder().push(Uint8Array.of(0, 4, 0x10, 0, 0, 9));
   * console.log(m); // Uint8Array(4) [ 16, 0, 0, 9 ]
   * ```
   * @throws DecodeError `empty-frame` for a zero `message-size` (unless allowed), or the stored error
   * @throws TypeError if `chunk` is not a Uint8Array; Error after `end()`
   */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    this.scan(chunk, out, undefined);
    return out;
  }

  /**
   * Declares the end of the stream. Returns normally at a frame boundary.
   *
   * @example
   * ```ts
   * import { isDecodeError } from "dhcp-leasequery";
   * import { FrameDecoder } from "dhcp-leasequery";
   * const d = new FrameDecoder();
   * d.push(Uint8Array.of(0, 9, 1));
   * try { d.end(); } catch (e) { if (isDecodeError(e)) console.log(e.code, e.offset, e.path); } // "truncated" 0 "frames[0]"
   * ```
   * @throws DecodeError `truncated` if the stream stops inside a frame, or the stored error
   */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.ended) return;
    this.ended = true;
    if (this.have === 0) return;
    const reason =
      this.need === 0
        ? "the stream ends inside the 2-octet message-size"
        : `the stream ends inside a frame: message-size ${this.need - FRAME_HEADER_SIZE} needs ${this.need - this.have} more octet(s)`;
    this.failure = new DecodeError("truncated", this.frameStart, reason, `frames[${this.frames}]`);
    throw this.failure;
  }

  /**
   * The frame scanner behind {@link push}. When `starts` is given, the
   * absolute offset of each frame's size field is appended to it.
   * @internal
   */
  scan(chunk: Uint8Array, out: Uint8Array[], starts: number[] | undefined): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error("FrameDecoder: push() after end()");
    if (!(chunk instanceof Uint8Array)) throw new TypeError("expected a Uint8Array (a Node Buffer is one)");
    const n = chunk.length;
    const base = this.consumed;
    let p = 0;
    while (p < n && this.failure === undefined) {
      if (this.have > 0 || n - p < FRAME_HEADER_SIZE) {
        p = this.fill(chunk, p, out, starts);
        continue;
      }
      const size = ((chunk[p] as number) << 8) | (chunk[p + 1] as number);
      if (size === 0) {
        this.empty(base + p, out, starts);
        p += FRAME_HEADER_SIZE;
        continue;
      }
      const end = p + FRAME_HEADER_SIZE + size;
      if (end > n) {
        p = this.fill(chunk, p, out, starts);
        continue;
      }
      out.push(chunk.subarray(p + FRAME_HEADER_SIZE, end));
      starts?.push(base + p);
      this.frames++;
      p = end;
    }
    this.consumed = base + n;
    if (this.failure !== undefined && out.length === 0) throw this.failure;
  }

  /** A zero message-size at absolute offset `at`. */
  private empty(at: number, out: Uint8Array[], starts: number[] | undefined): void {
    if (!this.allowEmpty) {
      this.failure = new DecodeError(
        "empty-frame",
        at,
        "message-size is 0; RFC 5460 §5.1 frames carry a whole DHCPv6 message",
        `frames[${this.frames}]`,
      );
      return;
    }
    out.push(new Uint8Array(0));
    starts?.push(at);
    this.frames++;
  }

  /**
   * Copies bytes of `chunk` from `p` into the partial frame until the frame
   * completes or the chunk runs out; returns the new position in `chunk`.
   */
  private fill(chunk: Uint8Array, p: number, out: Uint8Array[], starts: number[] | undefined): number {
    const n = chunk.length;
    if (this.have === 0) this.frameStart = this.consumed + p;
    while (p < n) {
      if (this.need === 0) {
        this.reserve(this.have + 1);
        (this.buf as Uint8Array)[this.have++] = chunk[p++] as number;
        if (this.have < FRAME_HEADER_SIZE) continue;
        const b = this.buf as Uint8Array;
        const size = ((b[0] as number) << 8) | (b[1] as number);
        if (size === 0) {
          this.reset();
          this.empty(this.frameStart, out, starts);
          return p;
        }
        this.need = FRAME_HEADER_SIZE + size;
        continue;
      }
      const take = Math.min(this.need - this.have, n - p);
      this.reserve(this.have + take);
      (this.buf as Uint8Array).set(chunk.subarray(p, p + take), this.have);
      this.have += take;
      p += take;
      if (this.have === this.need) {
        // The buffer goes out with the frame and is never written again.
        out.push((this.buf as Uint8Array).subarray(FRAME_HEADER_SIZE, this.need));
        starts?.push(this.frameStart);
        this.frames++;
        this.reset();
        return p;
      }
    }
    return p;
  }

  /**
   * Makes room for `size` partial-frame octets. Capacity at least doubles,
   * so growth is amortised linear, and is bounded both by the frame's
   * declared size and by twice the octets that have arrived.
   */
  private reserve(size: number): void {
    const cap = this.buf?.length ?? 0;
    if (size <= cap) return;
    const limit = this.need === 0 ? MAX_FRAME_SIZE : this.need;
    const next = Math.min(limit, Math.max(size, cap * 2, 64));
    const grown = new Uint8Array(next);
    if (this.buf !== undefined && this.have > 0) grown.set(this.buf.subarray(0, this.have));
    this.buf = grown;
  }

  private reset(): void {
    this.buf = undefined;
    this.have = 0;
    this.need = 0;
  }
}

/**
 * Splits a complete framed buffer into its messages (views of `bytes`).
 *
 * @example
 * ```ts
 * import { deframe } from "dhcp-leasequery";
 * console.log(deframe(Uint8Array.of(0, 1, 7, 0, 2, 8, 9))); // [Uint8Array(1) [ 7 ], Uint8Array(2) [ 8, 9 ]]
 * ```
 * @throws DecodeError `truncated` if the buffer ends inside a frame, `empty-frame` for a zero size
 * @throws TypeError if `bytes` is not a Uint8Array
 */
export function deframe(bytes: Uint8Array, options?: FrameDecoderOptions): Uint8Array[] {
  const d = new FrameDecoder(options);
  const out = d.push(bytes);
  d.end();
  return out;
}
