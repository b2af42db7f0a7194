/**
 * The framer as standard Web Streams (`TransformStream`, `ReadableStream`),
 * which Node 20, Deno, Bun and browsers all provide as globals, and as async
 * iterables. The transport stays yours: pipe a TCP socket's readable side,
 * a QUIC stream, or a `fetch` body through these.
 *
 * DHCP6oQUIC (see {@link DHCP6OQUIC_ALPN}) carries the same framed messages
 * on one client-initiated bidirectional QUIC stream, so the same transforms
 * apply to that stream's readable and writable sides.
 * @module
 */
import type { DecodeError } from "../errors.js";
import { encode } from "../v6/message.js";
import type { Dhcpv6Message } from "../v6/schema.js";
import { FrameDecoder, type FrameDecoderOptions, frame } from "./framer.js";
import { MessageDecoder, type MessageDecoderOptions } from "./messages.js";

interface Decoder<T> {
  push(chunk: Uint8Array): T[];
  end(): void;
  readonly error: DecodeError | undefined;
}

function deframer<T>(d: Decoder<T>): TransformStream<Uint8Array, T> {
  return new TransformStream<Uint8Array, T>({
    transform(chunk, controller) {
      for (const item of d.push(chunk)) controller.enqueue(item);
      // The good items of a chunk go out first; its bad frame then fails the stream.
      if (d.error) throw d.error;
    },
    flush() {
      d.end();
    },
  });
}

/**
 * A `TransformStream` from framed bytes to message bodies (one chunk per
 * frame). Chunks may be split anywhere; a `DecodeError` errors the stream,
 * and so does an end of input inside a frame.
 *
 * @example
 * ```ts
 * import { createDeframeStream } from "dhcp-leasequery";
 * const input = new Blob([Uint8Array.of(0, 4, 0x17, 0), Uint8Array.of(0, 1)]).stream();
 * const reader = input.pipeThrough(createDeframeStream()).getReader();
 * console.log((await reader.read()).value); // Uint8Array(4) [ 23, 0, 0, 1 ]
 * ```
 * @throws never (errors go into the stream)
 */
export function createDeframeStream(options?: FrameDecoderOptions): TransformStream<Uint8Array, Uint8Array> {
  return deframer(new FrameDecoder(options));
}

/**
 * A `TransformStream` from framed bytes to decoded DHCPv6 messages.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { createMessageDecodeStream } from "dhcp-leasequery";
 * const input = new Blob([hex("000a10123456000d0002000b")]).stream();
 * const reader = input.pipeThrough(createMessageDecodeStream()).getReader();
 * console.log((await reader.read()).value?.msgType); // 16
 * ```
 * @throws never (errors go into the stream)
 */
export function createMessageDecodeStream(options?: MessageDecoderOptions): TransformStream<Uint8Array, Dhcpv6Message> {
  return deframer(new MessageDecoder(options));
}

/**
 * A `TransformStream` that frames each message body it is given.
 *
 * @example
 * ```ts
 * import { createFrameStream } from "dhcp-leasequery";
 * const out = new Blob([Uint8Array.of(0x17, 0, 0, 1)]).stream().pipeThrough(createFrameStream());
 * console.log(new Uint8Array(await new Response(out).arrayBuffer())); // Uint8Array(6) [ 0, 4, 23, 0, 0, 1 ]
 * ```
 * @throws never (an EncodeError for an empty or oversized message errors the stream)
 */
export function createFrameStream(): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(message, controller) {
      controller.enqueue(frame(message));
    },
  });
}

/**
 * A `TransformStream` that encodes and frames each DHCPv6 message.
 *
 * @example
 * ```ts
 * import { createMessageEncodeStream } from "dhcp-leasequery";
 * const { readable, writable } = createMessageEncodeStream();
 * const w = writable.getWriter();
 * void w.write({ msgType: 23, transactionId: 1, options: [] });
 * void w.close();
 * console.log(new Uint8Array(await new Response(readable).arrayBuffer())); // Uint8Array(6) [ 0, 4, 23, 0, 0, 1 ]
 * ```
 * @throws never (an EncodeError errors the stream)
 */
export function createMessageEncodeStream(): TransformStream<Dhcpv6Message, Uint8Array> {
  return new TransformStream<Dhcpv6Message, Uint8Array>({
    transform(message, controller) {
      controller.enqueue(frame(encode(message)));
    },
  });
}

/** What the readers accept: a Web `ReadableStream` or any async iterable of chunks (a Node socket is one). */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader !== "function") {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  // Not every browser makes ReadableStream async-iterable, so read by hand.
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // Leaving early (break, throw) cancels the source, as for-await over a stream does.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

async function* drain<T>(source: ByteSource, d: Decoder<T>): AsyncGenerator<T, void, undefined> {
  for await (const chunk of chunksOf(source)) {
    const items = d.push(chunk);
    for (const item of items) yield item;
    if (d.error) throw d.error;
  }
  d.end();
}

/**
 * Iterates over the message bodies of a framed byte source.
 *
 * @example
 * ```ts
 * import { readFrames } from "dhcp-leasequery";
 * for await (const f of readFrames(new Blob([Uint8Array.of(0, 1, 9)]).stream())) console.log(f); // Uint8Array(1) [ 9 ]
 * ```
 * @throws DecodeError from the iteration, for a bad frame or an end inside a frame
 */
export function readFrames(source: ByteSource, options?: FrameDecoderOptions): AsyncGenerator<Uint8Array, void> {
  return drain(source, new FrameDecoder(options));
}

/**
 * Iterates over the decoded DHCPv6 messages of a framed byte source:
 * `for await (const m of readMessages(readable))`.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { readMessages } from "dhcp-leasequery";
 * const readable = new Blob([hex("000417000001"), hex("0004 07000001")]).stream();
 * const types: number[] = [];
 * for await (const m of readMessages(readable)) types.push(m.msgType);
 * console.log(types); // [23, 7]
 * ```
 * @throws DecodeError from the iteration, for a bad frame or message or an end inside a frame
 */
export function readMessages(source: ByteSource, options?: MessageDecoderOptions): AsyncGenerator<Dhcpv6Message, void> {
  return drain(source, new MessageDecoder(options));
}
