/**
 * Property: however a framed stream is cut into chunks (1-octet chunks
 * included), the decoder returns exactly the same frames, and never holds
 * more than one frame's octets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode } from "../../src/index.js";
import { FrameDecoder, frame, MAX_FRAME_SIZE, MessageDecoder } from "../../src/stream/index.js";

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Cut points into a stream of `length` octets, from arbitrary fractions. */
function cut(bytes: Uint8Array, fractions: readonly number[], ones: boolean): Uint8Array[] {
  if (ones) return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
  const points = [...new Set(fractions.map((f) => Math.floor(f * (bytes.length + 1))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}

const bodies = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 250, maxLength: 700 }) },
  ),
  { maxLength: 25 },
);

describe("framing under any chunking", () => {
  it("yields exactly the framed bodies, holding at most one frame", () => {
    fc.assert(
      fc.property(
        bodies,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        fc.boolean(),
        (msgs, fractions, ones) => {
          const stream = concat(msgs.map(frame));
          const d = new FrameDecoder();
          const got: Uint8Array[] = [];
          for (const chunk of cut(stream, fractions, ones)) {
            got.push(...d.push(chunk));
            expect(d.bufferedBytes).toBeLessThanOrEqual(MAX_FRAME_SIZE);
          }
          d.end();
          expect(got).toEqual(msgs);
          expect(d.offset).toBe(stream.length);
        },
      ),
    );
  });

  it("stops at the same truncation whatever the chunking", () => {
    fc.assert(
      fc.property(
        bodies.filter((b) => b.length > 0),
        fc.nat(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
        (msgs, n, fractions) => {
          const stream = concat(msgs.map(frame));
          // Cut inside the last frame: after its first octet, before its last.
          const last = msgs[msgs.length - 1] as Uint8Array;
          const lastStart = stream.length - last.length - 2;
          const stop = lastStart + 1 + (n % (last.length + 1));
          const d = new FrameDecoder();
          let count = 0;
          for (const chunk of cut(stream.subarray(0, stop), fractions, false)) count += d.push(chunk).length;
          expect(count).toBe(msgs.length - 1);
          expect(() => d.end()).toThrow(expect.objectContaining({ code: "truncated", offset: lastStart }));
        },
      ),
    );
  });

  it("decodes the same DHCPv6 messages whatever the chunking", () => {
    const message = fc.record({
      msgType: fc.constantFrom(15, 16, 17),
      transactionId: fc.integer({ min: 0, max: 0xffffff }),
      options: fc.array(fc.record({ code: fc.constant(46), cltTime: fc.nat() }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 10 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        fc.boolean(),
        (msgs, fractions, ones) => {
          const stream = concat(msgs.map((m) => frame(encode(m))));
          const d = new MessageDecoder();
          const got = cut(stream, fractions, ones).flatMap((c) => d.push(c));
          d.end();
          expect(got).toEqual(msgs);
        },
      ),
    );
  });
});
