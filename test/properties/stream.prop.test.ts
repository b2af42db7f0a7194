/**
 * Framed streams with random chunking: the generators make what they say
 * (every way of cutting, frames where `boundaries` says), and the stream
 * decoders give the generated messages back whatever the cutting.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunksArbitrary, dhcpv4StreamArbitrary, dhcpv6StreamArbitrary } from "../../src/arbitrary/index.js";
import { decodeDhcpv4, FrameDecoder, MAX_FRAME_SIZE, MessageDecoder } from "../../src/index.js";

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe("DHCPv6 streams", () => {
  it("the chunks make up the stream, and each boundary starts a frame whose size field is right", () => {
    fc.assert(
      fc.property(dhcpv6StreamArbitrary(), ({ stream, chunks, boundaries, messages }) => {
        expect(concat(chunks)).toEqual(stream);
        expect(boundaries.length).toBe(messages.length + 1);
        expect(boundaries[0]).toBe(0);
        expect(boundaries.at(-1)).toBe(stream.length);
        for (let i = 0; i + 1 < boundaries.length; i++) {
          const at = boundaries[i] as number;
          const size = ((stream[at] as number) << 8) | (stream[at + 1] as number);
          expect(at + 2 + size).toBe(boundaries[i + 1]);
        }
      }),
      { numRuns: 150, seed: 1 },
    );
  });

  it("a MessageDecoder fed the chunks gives the messages back, holding at most one frame", () => {
    fc.assert(
      fc.property(dhcpv6StreamArbitrary(), ({ messages, chunks }) => {
        const d = new MessageDecoder();
        const got = [];
        for (const c of chunks) {
          got.push(...d.push(c));
          expect(d.bufferedBytes).toBeLessThanOrEqual(MAX_FRAME_SIZE);
        }
        d.end();
        expect(got).toEqual(messages);
      }),
      { numRuns: 150, seed: 2 },
    );
  });

  it("cuts every way: whole, octet by octet, with empty chunks, and inside a size field", () => {
    const xs = fc.sample(dhcpv6StreamArbitrary({ minMessages: 2 }), { numRuns: 400, seed: 3 });
    expect(xs.some((s) => s.chunks.length === 1)).toBe(true);
    expect(xs.some((s) => s.chunks.length === s.stream.length && s.chunks.every((c) => c.length === 1))).toBe(true);
    expect(xs.some((s) => s.chunks.some((c) => c.length === 0))).toBe(true);
    const splitsASizeField = (s: (typeof xs)[number]) => {
      let at = 0;
      for (const c of s.chunks) {
        at += c.length;
        if (s.boundaries.slice(0, -1).includes(at - 1)) return true;
      }
      return false;
    };
    expect(xs.some(splitsASizeField)).toBe(true);
  });

  it("chunks are copies: changing one leaves the stream as it was", () => {
    const [s] = fc.sample(dhcpv6StreamArbitrary(), { numRuns: 1, seed: 4 });
    const before = s!.stream.slice();
    for (const c of s!.chunks) c.fill(0xee);
    expect(s!.stream).toEqual(before);
  });

  it("has as many messages as asked, and refuses bad counts", () => {
    const xs = fc.sample(dhcpv6StreamArbitrary({ minMessages: 0, maxMessages: 2 }), { numRuns: 200, seed: 5 });
    expect(new Set(xs.map((s) => s.messages.length))).toEqual(new Set([0, 1, 2]));
    const empty = xs.find((s) => s.messages.length === 0);
    expect(empty?.stream.length).toBe(0);
    expect(
      fc
        .sample(dhcpv6StreamArbitrary({ minMessages: 6 }), { numRuns: 20, seed: 6 })
        .every((s) => s.messages.length === 6),
    ).toBe(true);
    expect(() => dhcpv6StreamArbitrary({ minMessages: 3, maxMessages: 2 })).toThrow(RangeError);
    expect(() => dhcpv6StreamArbitrary({ minMessages: -1 })).toThrow(RangeError);
    expect(() => dhcpv6StreamArbitrary({ maxMessages: 1.5 })).toThrow(RangeError);
  });
});

describe("DHCPv4 streams", () => {
  it("a FrameDecoder fed the chunks gives frames that decode to the messages", () => {
    fc.assert(
      fc.property(dhcpv4StreamArbitrary(), ({ messages, chunks, stream }) => {
        expect(concat(chunks)).toEqual(stream);
        const d = new FrameDecoder();
        const frames = chunks.flatMap((c) => d.push(c));
        d.end();
        expect(frames.map((f) => decodeDhcpv4(f))).toEqual(messages);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

describe("chunksArbitrary", () => {
  it("cuts any bytes into chunks that make them up again, around the boundaries given", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }).chain((b) => fc.tuple(fc.constant(b), chunksArbitrary(b, [0, b.length >> 1]))),
        ([b, chunks]) => {
          expect(concat(chunks)).toEqual(b);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });

  it("cuts a long stream at random points instead of octet by octet", () => {
    const long = new Uint8Array(10_000);
    const xs = fc.sample(chunksArbitrary(long), { numRuns: 100, seed: 9 });
    expect(Math.max(...xs.map((c) => c.length))).toBeLessThanOrEqual(18);
    for (const c of xs) expect(concat(c).length).toBe(long.length);
  });
});
