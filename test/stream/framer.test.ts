import { describe, expect, it } from "vitest";
import { type DecodeError, hex, isEncodeError, toHex } from "../../src/index.js";
import {
  deframe,
  FRAME_HEADER_SIZE,
  FrameDecoder,
  frame,
  frameInto,
  MAX_FRAME_SIZE,
  MAX_MESSAGE_SIZE,
} from "../../src/stream/index.js";
import { decodeErrorOf, encodeErrorOf, thrown } from "../helpers/errors.js";

describe("frame / frameInto", () => {
  it("prefixes the big-endian message-size (RFC 5460 §5.1)", () => {
    expect(toHex(frame(hex("17000001")))).toBe("000417000001");
    const big = new Uint8Array(0x1234).fill(7);
    const f = frame(big);
    expect(f.length).toBe(0x1236);
    expect([f[0], f[1], f[2], f[f.length - 1]]).toEqual([0x12, 0x34, 7, 7]);
  });

  it("accepts the largest message and rejects one octet more", () => {
    expect(frame(new Uint8Array(MAX_MESSAGE_SIZE)).subarray(0, 2)).toEqual(Uint8Array.of(0xff, 0xff));
    const e = thrown(() => frame(new Uint8Array(MAX_MESSAGE_SIZE + 1)));
    expect(isEncodeError(e) && e.code).toBe("too-long");
  });

  it("rejects an empty message and a non-Uint8Array", () => {
    const e = thrown(() => frame(new Uint8Array(0)));
    expect(isEncodeError(e) && e.code).toBe("invalid-value");
    expect(() => frame([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
  });

  it("frameInto writes at an offset and leaves the rest alone", () => {
    const dest = new Uint8Array(10).fill(0xee);
    expect(frameInto(hex("0a0b"), dest, 3)).toBe(4);
    expect(toHex(dest)).toBe("eeeeee00020a0beeeeee");
    expect(frameInto(hex("0c"), dest)).toBe(3);
    expect(toHex(dest.subarray(0, 3))).toBe("00010c");
  });

  it("frameInto refuses a buffer that is too small, writing nothing", () => {
    const dest = new Uint8Array(5).fill(0xee);
    for (const offset of [2, -1, 0.5]) {
      const e = thrown(() => frameInto(hex("0a0b0c0d"), dest, offset));
      expect(isEncodeError(e) && e.code).toBe("buffer-too-small");
    }
    expect(toHex(dest)).toBe("eeeeeeeeee");
    expect(() => frameInto(hex("0a"), [] as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe("FrameDecoder", () => {
  it("returns frames wholly inside a chunk as views of it (no copy)", () => {
    const chunk = hex("0002aabb 0001cc");
    const d = new FrameDecoder();
    const [a, b] = d.push(chunk);
    expect(a?.buffer).toBe(chunk.buffer);
    expect(a?.byteOffset).toBe(2);
    expect(b?.byteOffset).toBe(6);
    expect(toHex(a as Uint8Array)).toBe("aabb");
    expect(d.frameCount).toBe(2);
    expect(d.offset).toBe(7);
    d.end();
  });

  it("reports need-more-data as an empty result, then completes a split frame", () => {
    const d = new FrameDecoder();
    expect(d.push(hex("00"))).toEqual([]);
    expect(d.bufferedBytes).toBe(1);
    expect(d.push(hex("03aa"))).toEqual([]);
    expect(d.bufferedBytes).toBe(3);
    expect(d.push(new Uint8Array(0))).toEqual([]);
    const [f, g] = d.push(hex("bbcc 0001dd 00"));
    expect(toHex(f as Uint8Array)).toBe("aabbcc");
    expect(toHex(g as Uint8Array)).toBe("dd");
    expect(d.bufferedBytes).toBe(1);
  });

  it("never writes again into memory it handed out", () => {
    const d = new FrameDecoder();
    d.push(hex("0002aa"));
    const [first] = d.push(hex("bb0002cc"));
    const [second] = d.push(hex("dd"));
    expect(toHex(first as Uint8Array)).toBe("aabb");
    expect(toHex(second as Uint8Array)).toBe("ccdd");
    expect(first?.buffer).not.toBe(second?.buffer);
  });

  it("assembles the largest frame from 1-octet chunks within MAX_FRAME_SIZE", () => {
    const body = new Uint8Array(MAX_MESSAGE_SIZE);
    for (let i = 0; i < body.length; i++) body[i] = i & 0xff;
    const framed = frame(body);
    const d = new FrameDecoder();
    let got: Uint8Array[] = [];
    let peak = 0;
    for (let i = 0; i < framed.length; i++) {
      got = got.concat(d.push(framed.subarray(i, i + 1)));
      peak = Math.max(peak, d.bufferedBytes);
    }
    expect(got.length).toBe(1);
    expect(got[0]).toEqual(body);
    expect(peak).toBe(MAX_FRAME_SIZE - 1);
    expect(d.bufferedBytes).toBe(0);
  });

  it("rejects a zero message-size as empty-frame, with its absolute offset and frame index", () => {
    const e = decodeErrorOf(() => new FrameDecoder().push(hex("0000")));
    expect([e.code, e.offset, e.path]).toEqual(["empty-frame", 0, "frames[0]"]);
  });

  it("returns the good frames of a chunk before its bad one and throws on the next call", () => {
    const d = new FrameDecoder();
    expect(d.push(hex("0001aa"))).toHaveLength(1);
    const good = d.push(hex("0001bb 0000 0001cc"));
    expect(good.map((f) => toHex(f))).toEqual(["bb"]);
    const e = d.error as DecodeError;
    expect([e.code, e.offset, e.path]).toEqual(["empty-frame", 6, "frames[2]"]);
    expect(thrown(() => d.push(hex("0001dd")))).toBe(e);
    expect(thrown(() => d.end())).toBe(e);
    expect(thrown(() => d.push(hex("00")))).toBe(e);
  });

  it("finds an empty frame whose size field is split across chunks", () => {
    const d = new FrameDecoder();
    expect(d.push(hex("0001aa00"))).toHaveLength(1);
    const e = decodeErrorOf(() => d.push(hex("00")));
    expect([e.code, e.offset, e.path]).toEqual(["empty-frame", 3, "frames[1]"]);
  });

  it("allows empty frames by name", () => {
    const d = new FrameDecoder({ allowEmptyFrames: true });
    const got = d.push(hex("0000 0001aa 00"));
    expect(got.map((f) => toHex(f))).toEqual(["", "aa"]);
    expect(d.push(hex("00")).map((f) => f.length)).toEqual([0]);
    d.end();
    expect(deframe(hex("0000"), { allowEmptyFrames: true })).toEqual([new Uint8Array(0)]);
  });

  it("treats end() inside a frame as truncated, at the frame's start", () => {
    const d = new FrameDecoder();
    d.push(hex("0001aa 0003bb"));
    const e = decodeErrorOf(() => d.end());
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 3, "frames[1]"]);
    expect(e.reason).toContain("needs 2 more");
    expect(thrown(() => d.end())).toBe(e);
    expect(thrown(() => d.push(hex("cc")))).toBe(e);
  });

  it("treats end() inside the size field as truncated too", () => {
    const d = new FrameDecoder();
    d.push(hex("0001aa 00"));
    const e = decodeErrorOf(() => d.end());
    expect([e.code, e.offset, e.reason]).toEqual(["truncated", 3, "the stream ends inside the 2-octet message-size"]);
  });

  it("ends cleanly at a frame boundary, once; pushing after that is a usage error", () => {
    const d = new FrameDecoder();
    d.end();
    d.end();
    expect(d.error).toBeUndefined();
    expect(() => d.push(hex("00"))).toThrow(/after end/);
  });

  it("rejects a chunk that is not a Uint8Array", () => {
    expect(() => new FrameDecoder().push("0001" as unknown as Uint8Array)).toThrow(TypeError);
  });

  it("counts absolute offsets across many chunks", () => {
    const d = new FrameDecoder();
    d.push(hex("0002aabb"));
    d.push(hex("0001"));
    d.push(hex("cc"));
    expect(d.offset).toBe(7);
    const e = decodeErrorOf(() => d.push(hex("0000")));
    expect([e.offset, e.path]).toEqual([7, "frames[2]"]);
  });

  it("takes the same work for a stream in one chunk as in many (views vs one copy each)", () => {
    // 1000 small frames in one chunk: every frame is a view, nothing is buffered.
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 1000; i++) parts.push(frame(Uint8Array.of(i & 0xff, 1, 2, 3)));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    const frames = new FrameDecoder().push(all);
    expect(frames.length).toBe(1000);
    expect(frames.every((f) => f.buffer === all.buffer)).toBe(true);
  });
});

describe("deframe", () => {
  it("splits a complete buffer", () => {
    expect(deframe(hex("000107 00020809")).map((f) => toHex(f))).toEqual(["07", "0809"]);
    expect(deframe(new Uint8Array(0))).toEqual([]);
    expect(FRAME_HEADER_SIZE).toBe(2);
  });

  it("reports a truncated tail and an empty frame", () => {
    expect(decodeErrorOf(() => deframe(hex("000107 0005aa"))).code).toBe("truncated");
    expect(decodeErrorOf(() => deframe(hex("000107 0000"))).code).toBe("empty-frame");
    expect(decodeErrorOf(() => deframe(hex("0000"))).offset).toBe(0);
  });
});

// Expected values come from RFC 5460 §5.1 framing (a 2-octet big-endian
// message-size, then the message) applied by hand to the bytes below, and from
// the documented contract of FrameDecoder ("bytes held never exceed one frame").
describe("exact fits, empty frames counted, and memory held", () => {
  describe("frame / frameInto edges", () => {
    it("refuses an empty message in frameInto too", () => {
      const e = encodeErrorOf(() => frameInto(new Uint8Array(0), new Uint8Array(8)));
      expect(e.code).toBe("invalid-value");
    });

    it("frameInto fills a buffer that is exactly large enough", () => {
      // 3-octet message: size 0x0003, 5 octets in all, at offset 2 of a 7-octet buffer.
      const dest = new Uint8Array(7).fill(0xee);
      expect(frameInto(hex("aabbcc"), dest, 2)).toBe(5);
      expect(dest).toEqual(Uint8Array.of(0xee, 0xee, 0x00, 0x03, 0xaa, 0xbb, 0xcc));
      expect(frameInto(hex("aabbccddee"), dest)).toBe(7);
      expect(dest).toEqual(Uint8Array.of(0x00, 0x05, 0xaa, 0xbb, 0xcc, 0xdd, 0xee));
    });

    it("frameInto refuses a buffer one octet short", () => {
      // 4-octet message = 6-octet frame, at offset 2 of a 7-octet buffer.
      const dest = new Uint8Array(7).fill(0xee);
      const e = encodeErrorOf(() => frameInto(hex("0a0b0c0d"), dest, 2));
      expect(e.code).toBe("buffer-too-small");
      expect(dest.every((b) => b === 0xee)).toBe(true);
    });
  });

  describe("FrameDecoder errors and counts", () => {
    it("fails a stream that stops inside its first frame at that frame", () => {
      // 0x0005 announces 5 octets; 2 arrive.
      const d = new FrameDecoder();
      d.push(hex("0005aabb"));
      const e = decodeErrorOf(() => d.end());
      expect([e.code, e.offset, e.path]).toEqual(["truncated", 0, "frames[0]"]);
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
});
