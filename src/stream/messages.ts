/**
 * Framing joined to the DHCPv6 codec: a stream of framed bytes in, decoded
 * messages out, and messages straight into framed bytes.
 * @module
 */
import { DecodeError, EncodeError, isDecodeError } from "../errors.js";
import { type DecodeOptions, decode, encodeInto, encodingLength } from "../v6/message.js";
import type { Dhcpv6Message } from "../v6/schema.js";
import { indexSegment, joinPath } from "../wire/path.js";
import { FRAME_HEADER_SIZE, FrameDecoder, type FrameDecoderOptions, MAX_MESSAGE_SIZE } from "./framer.js";

/** Options of {@link MessageDecoder}: the framer's and the message decoder's. */
export interface MessageDecoderOptions extends FrameDecoderOptions, DecodeOptions {}

/**
 * A {@link FrameDecoder} that decodes each frame as a DHCPv6 message.
 *
 * Same contract as the frame decoder: `push` returns `[]` when more data is
 * needed, errors stick, and a message decode error is re-based so that its
 * `offset` counts from the start of the stream and its `path` starts with
 * `frames[i]` (e.g. `frames[3].options[0](CLIENT_DATA)`). Opaque fields of
 * the messages are views of the pushed chunks, as with {@link decode}.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { MessageDecoder } from "dhcp-leasequery";
 * const d = new MessageDecoder();
 * const [m] = d.push(hex("000a 10123456000d0002000b"));
 * console.log(m?.msgType, m?.options); // 16 [{ code: 13, statusCode: 11, statusMessage: "" }]
 * d.end();
 * ```
 */
export class MessageDecoder {
  private readonly frames: FrameDecoder;
  private readonly options: DecodeOptions;
  private failure: DecodeError | undefined;

  /**
   * A decoder with an empty buffer, waiting for the first chunk.
   * @param options - see {@link MessageDecoderOptions}
   */
  constructor(options: MessageDecoderOptions | null = {}) {
    // null means the defaults, as for decode().
    this.frames = new FrameDecoder(options ?? {});
    this.options = options ?? {};
  }

  /** Octets held for a frame not yet complete. */
  get bufferedBytes(): number {
    return this.frames.bufferedBytes;
  }

  /** Octets pushed so far. */
  get offset(): number {
    return this.frames.offset;
  }

  /** The error the decoder has stopped on, if any. */
  get error(): DecodeError | undefined {
    return this.failure ?? this.frames.error;
  }

  /**
   * Feeds the next chunk and returns the messages it completes.
   *
   * @example
   * ```ts
   * import { hex } from "dhcp-leasequery";
   * import { MessageDecoder } from "dhcp-leasequery";
   * const d = new MessageDecoder();
   * console.log(d.push(hex("0004 17")).length, d.push(hex("000001")).length); // 0 1
   * ```
   * @throws DecodeError for a bad frame or message (offset from the start of the stream), or the stored error
   * @throws TypeError if `chunk` is not a Uint8Array; Error after `end()`
   */
  push(chunk: Uint8Array): Dhcpv6Message[] {
    if (this.failure) throw this.failure;
    const bodies: Uint8Array[] = [];
    const starts: number[] = [];
    const index = this.frames.frameCount;
    this.frames.scan(chunk, bodies, starts);
    const out: Dhcpv6Message[] = [];
    for (let i = 0; i < bodies.length; i++) {
      try {
        out.push(decode(bodies[i] as Uint8Array, this.options));
      } catch (e) {
        if (!isDecodeError(e)) throw e;
        const at = (starts[i] as number) + FRAME_HEADER_SIZE;
        this.failure = new DecodeError(e.code, at + e.offset, e.reason, e.path).prefixPath(
          joinPath("frames", indexSegment(index + i)),
        );
        break;
      }
    }
    if (this.failure && out.length === 0) throw this.failure;
    return out;
  }

  /**
   * Declares the end of the stream.
   *
   * @example
   * ```ts
   * import { MessageDecoder } from "dhcp-leasequery";
   * new MessageDecoder().end(); // an empty stream ends cleanly
   * console.log("ok"); // "ok"
   * ```
   * @throws DecodeError `truncated` if the stream stops inside a frame, or the stored error
   */
  end(): void {
    if (this.failure) throw this.failure;
    this.frames.end();
  }
}

/**
 * Decodes every message of a complete framed buffer.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { deframeMessages } from "dhcp-leasequery";
 * const ms = deframeMessages(hex("0004 17000001 0004 07000001"));
 * console.log(ms.map((m) => m.msgType)); // [23, 7]
 * ```
 * @throws DecodeError for a bad frame or message, with its offset from the start of `bytes`
 * @throws TypeError if `bytes` is not a Uint8Array
 */
export function deframeMessages(bytes: Uint8Array, options?: MessageDecoderOptions): Dhcpv6Message[] {
  const d = new MessageDecoder(options);
  const out = d.push(bytes);
  d.end();
  return out;
}

/**
 * Encodes a message and frames it in one allocation.
 *
 * @example
 * ```ts
 * import { toHex } from "dhcp-leasequery";
 * import { encodeFramed } from "dhcp-leasequery";
 * console.log(toHex(encodeFramed({ msgType: 23, transactionId: 1, options: [] }))); // "000417000001"
 * ```
 * @throws EncodeError if the message cannot be encoded, or `too-long` if it exceeds 65535 octets
 */
export function encodeFramed(message: Dhcpv6Message): Uint8Array {
  const n = encodingLength(message);
  if (n > MAX_MESSAGE_SIZE) {
    throw new EncodeError("too-long", `a framed message is at most ${MAX_MESSAGE_SIZE} octets, this one is ${n}`);
  }
  const out = new Uint8Array(FRAME_HEADER_SIZE + n);
  out[0] = n >>> 8;
  out[1] = n & 0xff;
  encodeInto(message, out, FRAME_HEADER_SIZE);
  return out;
}
