/**
 * Framed streams as a Bulk or Active Leasequery connection carries them
 * (RFC 5460 §5.1, RFC 7653 §6.1; RFC 6926 and RFC 7724 for DHCPv4): a few
 * generated messages, each behind its 2-octet size, cut into chunks the way
 * a socket hands them over.
 * @module
 */
import fc from "fast-check";
import { frame, MAX_MESSAGE_SIZE } from "../stream/framer.js";
import { dhcpv4EncodingLength, encodeDhcpv4 } from "../v4/message.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { encode } from "../v6/message.js";
import type { Dhcpv6Message } from "../v6/schema.js";
import { dhcpv4MessageArbitrary } from "./dhcpv4.js";
import { dhcpv6MessageArbitrary } from "./dhcpv6.js";
import type { ArbitraryOptions } from "./walker.js";

/** A framed stream of messages and one way of cutting it into chunks. */
export interface FramedStream<M> {
  /** The messages, in stream order. */
  readonly messages: M[];
  /** The whole stream: each encoded message behind its 2-octet size. */
  readonly stream: Uint8Array;
  /** Where each frame starts in `stream`, then `stream.length`. */
  readonly boundaries: number[];
  /**
   * `stream` cut into chunks: whole, one octet at a time, at random points
   * (empty chunks included), or just before, at and just after frame
   * boundaries (splitting the size fields). Each chunk is a copy of its own,
   * as a socket read gives; together they are `stream`.
   */
  readonly chunks: Uint8Array[];
}

/** Limits of the stream generators: those of {@link ArbitraryOptions}, and how many messages. */
export interface StreamArbitraryOptions extends ArbitraryOptions {
  /** Fewest messages in a stream. Default 1. */
  minMessages?: number;
  /** Most messages in a stream. Default 4. */
  maxMessages?: number;
}

/** Streams longer than this are not cut into 1-octet chunks (an array per octet), but at random points. */
const MAX_OCTET_BY_OCTET = 4096;

/** How to cut a stream: a mode, and numbers the mode reads. */
interface CutPlan {
  readonly mode: "whole" | "octets" | "random" | "boundaries";
  readonly cuts: number[];
  readonly leadingEmpty: boolean;
}

const cutPlanArbitrary: fc.Arbitrary<CutPlan> = fc.record({
  mode: fc.constantFrom("whole", "octets", "random", "boundaries"),
  cuts: fc.array(fc.nat(), { maxLength: 16 }),
  leadingEmpty: fc.boolean(),
});

function cut(stream: Uint8Array, boundaries: readonly number[], plan: CutPlan): Uint8Array[] {
  const n = stream.length;
  let points: number[];
  if (plan.mode === "whole") points = [];
  else if (plan.mode === "octets" && n <= MAX_OCTET_BY_OCTET)
    points = Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1);
  else if (plan.mode === "boundaries" && boundaries.length > 0) {
    // -1, 0, +1 or +2 around each boundary: inside the previous frame, at the
    // size field, inside it, just after it.
    points = boundaries.map((b, i) => Math.min(n, Math.max(0, b + ((plan.cuts[i] ?? 1) % 4) - 1)));
  } else points = plan.cuts.map((c) => c % (n + 1));
  points.sort((x, y) => x - y);
  const chunks: Uint8Array[] = plan.leadingEmpty ? [new Uint8Array(0)] : [];
  let at = 0;
  // Repeated points give empty chunks, which a reader must take in its stride.
  for (const p of points) {
    chunks.push(stream.slice(at, p));
    at = p;
  }
  chunks.push(stream.slice(at));
  return chunks;
}

/**
 * Chunkings of `stream`: the whole, one octet at a time, random cuts
 * (empty chunks included) or cuts around the given frame `boundaries`.
 * Each chunk is a copy; together they give `stream`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { chunksArbitrary } from "dhcp-leasequery/arbitrary";
 * const stream = Uint8Array.of(0, 4, 23, 0, 0, 1);
 * const cuts = fc.sample(chunksArbitrary(stream, [0, 6]), { numRuns: 50, seed: 4 });
 * console.log(cuts.every((c) => c.reduce((n, x) => n + x.length, 0) === 6)); // true
 * console.log(cuts.some((c) => c.length === 7)); // true
 * ```
 * @throws never
 */
export function chunksArbitrary(stream: Uint8Array, boundaries: readonly number[] = []): fc.Arbitrary<Uint8Array[]> {
  return cutPlanArbitrary.map((plan) => cut(stream, boundaries, plan));
}

function checkMessages(o: StreamArbitraryOptions): { minLength: number; maxLength: number } {
  const minLength = o.minMessages ?? 1;
  const maxLength = o.maxMessages ?? Math.max(4, minLength);
  if (!Number.isInteger(minLength) || minLength < 0 || !Number.isInteger(maxLength) || maxLength < minLength) {
    throw new RangeError(`need integers 0 <= minMessages <= maxMessages, got ${minLength} and ${maxLength}`);
  }
  return { minLength, maxLength };
}

function framedStream<M>(
  messages: fc.Arbitrary<M>,
  encodeOne: (m: M) => Uint8Array,
  o: StreamArbitraryOptions,
): fc.Arbitrary<FramedStream<M>> {
  return fc.tuple(fc.array(messages, { ...checkMessages(o), size: "max" }), cutPlanArbitrary).map(([ms, plan]) => {
    const frames = ms.map((m) => frame(encodeOne(m)));
    const stream = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    const boundaries: number[] = [];
    let at = 0;
    for (const f of frames) {
      boundaries.push(at);
      stream.set(f, at);
      at += f.length;
    }
    boundaries.push(at);
    return { messages: ms, stream, boundaries, chunks: cut(stream, boundaries, plan) };
  });
}

/**
 * Framed DHCPv6 streams (Bulk and Active Leasequery over TCP, or a
 * DHCP6oQUIC stream) of messages from {@link dhcpv6MessageArbitrary}, with
 * a random chunking; a `MessageDecoder` fed the chunks must give the
 * messages back.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { MessageDecoder } from "dhcp-leasequery";
 * import { dhcpv6StreamArbitrary } from "dhcp-leasequery/arbitrary";
 * const run = fc.check(
 *   fc.property(dhcpv6StreamArbitrary(), ({ messages, chunks }) => {
 *     const d = new MessageDecoder();
 *     const got = chunks.flatMap((c) => d.push(c));
 *     d.end();
 *     return got.length === messages.length && got.every((m, i) => m.msgType === messages[i]!.msgType);
 *   }),
 *   { numRuns: 30, seed: 1 },
 * );
 * console.log(run.failed); // false
 * ```
 * @throws RangeError for bad message counts, and as {@link dhcpv6MessageArbitrary}
 */
export function dhcpv6StreamArbitrary(options: StreamArbitraryOptions = {}): fc.Arbitrary<FramedStream<Dhcpv6Message>> {
  return framedStream(dhcpv6MessageArbitrary(options), encode, options);
}

/**
 * Framed DHCPv4 streams (DHCPv4 Bulk and Active Leasequery, RFC 6926 §6.2,
 * RFC 7724) of messages from {@link dhcpv4MessageArbitrary} that fit one
 * frame, with a random chunking.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decodeDhcpv4, FrameDecoder } from "dhcp-leasequery";
 * import { dhcpv4StreamArbitrary } from "dhcp-leasequery/arbitrary";
 * const [s] = fc.sample(dhcpv4StreamArbitrary({ minMessages: 2 }), { numRuns: 1, seed: 8 });
 * const d = new FrameDecoder();
 * const frames = s!.chunks.flatMap((c) => d.push(c));
 * console.log(frames.map((f) => decodeDhcpv4(f).xid).join() === s!.messages.map((m) => m.xid).join()); // true
 * ```
 * @throws RangeError for bad message counts, and as {@link dhcpv4MessageArbitrary}
 */
export function dhcpv4StreamArbitrary(options: StreamArbitraryOptions = {}): fc.Arbitrary<FramedStream<Dhcpv4Message>> {
  const fits = dhcpv4MessageArbitrary(options).filter((m) => dhcpv4EncodingLength(m) <= MAX_MESSAGE_SIZE);
  return framedStream(fits, encodeDhcpv4, options);
}
