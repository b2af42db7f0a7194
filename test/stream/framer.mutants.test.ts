// Tests written for surviving Stryker mutants of src/stream/framer.ts (see
// MUTATION.md). Expected values come from RFC 5460 §5.1 framing (a 2-octet
// big-endian message-size, then the message) applied by hand to the bytes
// below, and from the documented contract of FrameDecoder.
import { describe, expect, it } from "vitest";
import { hex } from "../../src/index.js";
import { FrameDecoder, frame, frameInto } from "../../src/stream/index.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";

describe("frame / frameInto errors", () => {
  it("names the limit and the length of a message too long for 16 bits", () => {
    const e = encodeErrorOf(() => frame(new Uint8Array(65536)));
    expect(e.code).toBe("too-long");
    expect(e.reason).toMatch(/65535/);
    expect(e.reason).toMatch(/65536/);
  });

  it("explains why an empty message is refused, by frame and by frameInto", () => {
    for (const f of [() => frame(new Uint8Array(0)), () => frameInto(new Uint8Array(0), new Uint8Array(8))]) {
      const e = encodeErrorOf(f);
      expect(e.code).toBe("invalid-value");
      expect(e.reason).toMatch(/empty/);
    }
  });

  it("says what the argument should have been", () => {
    expect(() => frame("17000001" as unknown as Uint8Array)).toThrow(/Uint8Array/);
    expect(() => frameInto(hex("17"), [0, 0, 0] as unknown as Uint8Array)).toThrow(/dest must be a Uint8Array/);
    expect(() => new FrameDecoder().push([0, 1, 7] as unknown as Uint8Array)).toThrow(/Uint8Array/);
  });

  it("frameInto fills a buffer that is exactly large enough", () => {
    // 3-octet message: size 0x0003, 5 octets in all, at offset 2 of a 7-octet buffer.
    const dest = new Uint8Array(7).fill(0xee);
    expect(frameInto(hex("aabbcc"), dest, 2)).toBe(5);
    expect(dest).toEqual(Uint8Array.of(0xee, 0xee, 0x00, 0x03, 0xaa, 0xbb, 0xcc));
    expect(frameInto(hex("aabbccddee"), dest)).toBe(7);
    expect(dest).toEqual(Uint8Array.of(0x00, 0x05, 0xaa, 0xbb, 0xcc, 0xdd, 0xee));
  });

  it("frameInto's buffer-too-small reason gives the size needed, the offset and the room", () => {
    // 4-octet message = 6-octet frame, at offset 2 of a 7-octet buffer.
    const e = encodeErrorOf(() => frameInto(hex("0a0b0c0d"), new Uint8Array(7), 2));
    expect(e.code).toBe("buffer-too-small");
    expect(e.reason).toMatch(/\b6\b/);
    expect(e.reason).toMatch(/\b2\b/);
    expect(e.reason).toMatch(/\b7\b/);
  });
});

describe("FrameDecoder errors and counts", () => {
  it("gives the announced message-size and the octets missing when a stream stops inside a frame", () => {
    // 0x0005 announces 5 octets; 2 arrive, so 3 are missing.
    const d = new FrameDecoder();
    d.push(hex("0005aabb"));
    const e = decodeErrorOf(() => d.end());
    expect(e.code).toBe("truncated");
    expect(e.reason).toMatch(/message-size 5\b/);
    expect(e.reason).toMatch(/needs 3 more/);
  });

  it("explains a zero message-size", () => {
    const e = decodeErrorOf(() => new FrameDecoder().push(hex("0000")));
    expect(e.reason).toMatch(/message-size is 0/);
  });

  it("counts allowed empty frames like any other", () => {
    const d = new FrameDecoder({ allowEmptyFrames: true });
    // Offsets: empty at 0, empty at 2, 000107 at 4, empty at 7 (split across
    // chunks), then a partial frame at 9.
    expect(d.push(hex("0000 0000 000107 00")).map((f) => f.length)).toEqual([0, 0, 1]);
    expect(d.frameCount).toBe(3);
    expect(d.push(hex("00 0002aa")).map((f) => f.length)).toEqual([0]);
    expect(d.frameCount).toBe(4);
    const e = decodeErrorOf(() => d.end());
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 9, "frames[4]"]);
  });
});

describe("FrameDecoder memory", () => {
  it("never holds more than the frame a split message belongs to", () => {
    // 100-octet message (size 0x0064, frame of 102 octets) in three pieces:
    // the size field alone, then 62 octets, then the last 38.
    const body = new Uint8Array(100);
    for (let i = 0; i < body.length; i++) body[i] = i;
    const d = new FrameDecoder();
    expect(d.push(hex("0064"))).toEqual([]);
    expect(d.push(body.subarray(0, 62))).toEqual([]);
    expect(d.bufferedBytes).toBe(64);
    const [f] = d.push(body.subarray(62));
    expect(f).toEqual(body);
    // The assembled frame is handed out in its buffer: that buffer is the
    // memory the decoder held, and must not exceed one 102-octet frame.
    expect(f?.buffer.byteLength).toBeLessThanOrEqual(102);
  });

  it("does not size a split frame's buffer for the largest possible frame", () => {
    // A 1-octet message (size 0x0001) whose size field is split across chunks.
    const small = new FrameDecoder();
    small.push(hex("00"));
    const [f] = small.push(hex("0107"));
    expect(f).toEqual(Uint8Array.of(7));
    // A 3-octet frame must not have been given a buffer sized for the
    // largest possible frame (65537 octets).
    expect(f?.buffer.byteLength).toBeLessThan(65537);
  });
});
