/**
 * Properties of the capture layer:
 * - however a capture is cut into chunks, the reader yields the same packets
 *   (and, for a damaged capture, the same error) as reading it whole, and
 *   holds no more than one record between pulls;
 * - any bytes give packets or a DecodeError, never another exception;
 * - however a TCP stream is segmented, duplicated, overlapped and reordered,
 *   the reassembled bytes and the framed messages are the originals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CapturePacket,
  CaptureReader,
  DhcpTrafficExtractor,
  decodePacket,
  readCapture,
  TcpReassembler,
} from "../../src/capture/index.js";
import { isDecodeError } from "../../src/index.js";
import { ACK, concat, epb, FIN, framed, idb, ngBlock, pcapFile, SYN, shb } from "./builders.js";

/** Cut points are drawn as integers: fast-check's doubles cluster at 0 and 1, which would cut little. */
const cutPoints = (max: number) => fc.array(fc.nat({ max: 100_000 }), { maxLength: max });

function cut(bytes: Uint8Array, raw: readonly number[], ones: boolean): Uint8Array[] {
  if (ones) return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
  const points = [...new Set(raw.map((v) => v % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}

const packetSpec = fc.record({
  data: fc.uint8Array({ maxLength: 90 }),
  seconds: fc.nat(),
  fraction: fc.nat({ max: 999_999 }),
});

const captureSpec = fc.record({
  ng: fc.boolean(),
  le: fc.boolean(),
  nano: fc.boolean(),
  linkType: fc.constantFrom(1, 101, 113, 276),
  packets: fc.array(packetSpec, { maxLength: 12 }),
  /** pcapng only: a second section in the other byte order starts before this packet. */
  split: fc.nat({ max: 12 }),
});

type CaptureSpec = typeof captureSpec extends fc.Arbitrary<infer T> ? T : never;

function build(c: CaptureSpec): Uint8Array {
  if (!c.ng) {
    return pcapFile(
      { le: c.le, nano: c.nano, linkType: c.linkType },
      c.packets.map((p) => ({ seconds: p.seconds, fraction: p.fraction, data: p.data })),
    );
  }
  const parts: Uint8Array[] = [];
  const section = (le: boolean) => {
    parts.push(
      shb(le),
      idb(le, c.linkType),
      ngBlock(0x0bad, (w) => w.u32(1), le),
      idb(le, 1),
    );
  };
  section(c.le);
  c.packets.forEach((p, i) => {
    const le = i >= c.split ? !c.le : c.le;
    if (i === c.split) section(le);
    parts.push(epb(le, { ifid: i % 2, hi: Math.floor(p.seconds / 4294.967296), lo: p.fraction, data: p.data }));
  });
  return concat(...parts);
}

/** What a reader yields, or the error it stops on. */
function readAll(
  chunks: Uint8Array[],
  maxHeld = Number.POSITIVE_INFINITY,
): { packets: CapturePacket[]; error?: unknown } {
  const r = new CaptureReader();
  const packets: CapturePacket[] = [];
  try {
    for (const c of chunks) {
      r.push(c);
      for (let p = r.next(); p; p = r.next()) packets.push(p);
      // Once drained, only the part of one record that has arrived is held.
      expect(r.bufferedBytes).toBeLessThanOrEqual(maxHeld);
    }
    r.end();
    for (let p = r.next(); p; p = r.next()) packets.push(p);
  } catch (error) {
    return { packets, error };
  }
  return { packets };
}

const comparable = (ps: CapturePacket[]) => ps.map((p) => ({ ...p, data: Array.from(p.data) }));

describe("capture reader properties", () => {
  it("yields the same packets however the capture is chunked", () => {
    fc.assert(
      fc.property(captureSpec, cutPoints(20), fc.boolean(), (c, fr, ones) => {
        const bytes = build(c);
        const whole = readCapture(bytes);
        expect(whole.map((p) => Array.from(p.data))).toEqual(c.packets.map((p) => Array.from(p.data)));
        // The largest record: a 32-byte EPB header, 90 bytes of data with padding, the trailer.
        const chunked = readAll(cut(bytes, fr, ones), 128);
        expect(chunked.error).toBeUndefined();
        expect(comparable(chunked.packets)).toEqual(comparable(whole));
      }),
    );
  });

  it("stops on the same error however a damaged capture is chunked", () => {
    fc.assert(
      fc.property(
        captureSpec,
        fc.nat({ max: 100_000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 3 }),
        cutPoints(10),
        (c, keep, flips, fr) => {
          const bytes = build(c).slice();
          for (const [at, v] of flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
          const damaged = bytes.subarray(0, keep % (bytes.length + 1));
          const whole = readAll([damaged]);
          const chunked = readAll(cut(damaged, fr, false));
          for (const r of [whole, chunked]) if (r.error !== undefined) expect(isDecodeError(r.error)).toBe(true);
          expect(comparable(chunked.packets)).toEqual(comparable(whole.packets));
          const facts = (e: unknown) => (isDecodeError(e) ? [e.code, e.offset, e.path, e.message] : e);
          expect(facts(chunked.error)).toEqual(facts(whole.error));
        },
      ),
    );
  });

  it("gives packets or a DecodeError for any bytes, at every layer", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 200 }), captureSpec.map(build)),
        fc.constantFrom(0, 1, 12, 101, 108, 113, 228, 229, 276),
        fc.uint8Array({ maxLength: 120 }),
        (bytes, linkType, packet) => {
          try {
            readCapture(bytes);
          } catch (e) {
            expect(isDecodeError(e)).toBe(true);
          }
          try {
            decodePacket(linkType, packet);
          } catch (e) {
            expect(isDecodeError(e)).toBe(true);
          }
          const x = new DhcpTrafficExtractor();
          const p = { index: 0, offset: 0, section: 0, interfaceId: 0, linkType, timestamp: null };
          x.packet({ ...p, originalLength: packet.length, data: packet });
          x.finish();
        },
      ),
    );
  });
});

describe("TCP reassembly properties", () => {
  /** Segments covering [0, n) of the stream: random cuts, then some copies re-cut to overlap, shuffled. */
  const segmentation = fc.record({
    stream: fc.uint8Array({ minLength: 1, maxLength: 400 }),
    cuts: cutPoints(12),
    extras: fc.array(fc.tuple(fc.nat({ max: 100_000 }), fc.nat({ max: 60 })), { maxLength: 6 }),
    order: fc.array(fc.nat(), { maxLength: 40 }),
    isn: fc.oneof(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0xffffff00, max: 0xffffffff })),
  });

  type Segmentation = typeof segmentation extends fc.Arbitrary<infer T> ? T : never;

  function segments(s: Omit<Segmentation, "stream"> & { stream: Uint8Array }): { offset: number; data: Uint8Array }[] {
    const pieces: { offset: number; data: Uint8Array }[] = [];
    let prev = 0;
    const points = [...new Set(s.cuts.map((v) => v % s.stream.length))].sort((a, b) => a - b);
    for (const p of [...points, s.stream.length]) {
      if (p > prev) pieces.push({ offset: prev, data: s.stream.subarray(prev, p) });
      prev = Math.max(prev, p);
    }
    for (const [v, len] of s.extras) {
      const at = v % s.stream.length;
      pieces.push({ offset: at, data: s.stream.subarray(at, at + len + 1) });
    }
    // A deterministic shuffle driven by `order`.
    for (let i = pieces.length - 1; i > 0; i--) {
      const j = (s.order[i] ?? i) % (i + 1);
      [pieces[i], pieces[j]] = [pieces[j] as (typeof pieces)[number], pieces[i] as (typeof pieces)[number]];
    }
    return pieces;
  }

  it("reassembles the original bytes from any segmentation", () => {
    fc.assert(
      fc.property(segmentation, (s) => {
        const r = new TcpReassembler();
        const src = { address: "192.0.2.1", port: 40000 };
        const dst = { address: "192.0.2.2", port: 547 };
        const got: Uint8Array[] = [];
        const feed = (seq: number, flags: number, payload: Uint8Array, i: number) => {
          for (const e of r.segment({
            src,
            dst,
            seq: seq >>> 0,
            ack: 0,
            flags,
            payload,
            packetIndex: i,
            timestamp: null,
          })) {
            expect(e.type).not.toBe("gap");
            if (e.type === "data") got.push(e.data);
          }
        };
        feed(s.isn, SYN, new Uint8Array(0), 0);
        segments(s).forEach((p, i) => {
          feed(s.isn + 1 + p.offset, ACK, p.data, i + 1);
        });
        feed(s.isn + 1 + s.stream.length, ACK | FIN, new Uint8Array(0), 99);
        expect(concat(...got)).toEqual(s.stream);
        expect(r.bufferedBytes).toBe(0);
      }),
    );
  });

  it("frames the original messages from any segmentation of a captured connection", () => {
    const messages = fc.array(fc.uint8Array({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(messages, segmentation, (msgs, s) => {
        const stream = concat(...msgs.map(framed));
        const x = new DhcpTrafficExtractor();
        const got: Uint8Array[] = [];
        const packet = (index: number, seq: number, flags: number, payload: Uint8Array) => {
          // Raw IPv4 with TCP, written by hand: 20-byte IP header, 20-byte TCP header.
          const data = new Uint8Array(40 + payload.length);
          const v = new DataView(data.buffer);
          v.setUint8(0, 0x45);
          v.setUint16(2, data.length);
          v.setUint8(9, 6);
          data.set([192, 0, 2, 1, 192, 0, 2, 2], 12);
          v.setUint16(20, 40000);
          v.setUint16(22, 547);
          v.setUint32(24, seq >>> 0);
          v.setUint8(32, 0x50);
          v.setUint8(33, flags);
          data.set(payload, 40);
          for (const e of x.packet({
            index,
            offset: 0,
            section: 0,
            interfaceId: 0,
            linkType: 101,
            timestamp: null,
            originalLength: data.length,
            data,
          })) {
            expect(e.type).not.toBe("diagnostic");
            if (e.type === "message") got.push(e.payload);
          }
        };
        const seg = segments({ ...s, stream });
        packet(0, s.isn, SYN, new Uint8Array(0));
        seg.forEach((p, i) => {
          packet(i + 1, s.isn + 1 + p.offset, ACK, p.data);
        });
        packet(seg.length + 1, s.isn + 1 + stream.length, ACK | FIN, new Uint8Array(0));
        expect(got).toEqual(msgs);
      }),
    );
  });
});
