/**
 * The frame decoder's memory stays bounded by one frame whatever is pushed:
 * after every push, the octets it holds (`bufferedBytes`) are at most one
 * frame (MAX_FRAME_SIZE), no buffer it allocates is larger, and what it
 * allocates in all stays a small multiple of what it holds in turn, over
 * many megabytes of frames cut at random.
 */
import { describe, expect, it } from "vitest";
import { FrameDecoder, MAX_FRAME_SIZE, MessageDecoder } from "../../src/stream/index.js";
import { countAllocations } from "./measure.js";

/** mulberry32: a fixed stream of pseudo-random numbers. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Frames of random sizes (many maximal), each body an empty LEASEQUERY-DATA padded with an unknown option. */
function stream(totalBytes: number, rand: () => number): { bytes: Uint8Array; frames: number } {
  const out = new Uint8Array(totalBytes + MAX_FRAME_SIZE);
  let at = 0;
  let frames = 0;
  while (at < totalBytes) {
    const size = rand() % 3 === 0 ? 0xffff : 8 + (rand() % 0xfff8);
    out[at] = size >>> 8;
    out[at + 1] = size & 0xff;
    out.set([17, 0, 0, 1, 0, 200, (size - 8) >>> 8, (size - 8) & 0xff], at + 2);
    at += 2 + size;
    frames++;
  }
  return { bytes: out.subarray(0, at), frames };
}

describe("frame decoder memory", () => {
  it("16 MiB of frames in random chunks (1 octet to 3 frames): never more than one frame held or allocated", () => {
    const rand = random(1);
    const { bytes, frames } = stream(16 << 20, rand);
    const chunks: Uint8Array[] = [];
    for (let p = 0; p < bytes.length; ) {
      const kind = rand() % 3;
      const n = 1 + (rand() % (kind === 0 ? 16 : kind === 1 ? 4096 : 3 * MAX_FRAME_SIZE));
      chunks.push(bytes.subarray(p, p + n));
      p += n;
    }
    const d = new FrameDecoder();
    let got = 0;
    let mostHeld = 0;
    const a = countAllocations(() => {
      for (const c of chunks) {
        got += d.push(c).length;
        mostHeld = Math.max(mostHeld, d.bufferedBytes);
      }
      d.end();
    });
    expect(got).toBe(frames);
    expect(mostHeld).toBeLessThanOrEqual(MAX_FRAME_SIZE);
    expect(a.largest).toBeLessThanOrEqual(MAX_FRAME_SIZE);
    // Split frames are copied once (plus doubling); whole frames are views.
    expect(a.total).toBeLessThanOrEqual(3 * bytes.length);
    console.info(
      `framer: ${bytes.length} octets in ${chunks.length} chunks, ${frames} frames; most held ${mostHeld}, largest allocation ${a.largest}, allocated ${(a.total / bytes.length).toFixed(2)} x the stream`,
    );
  });

  it("maximum-size frames pushed 1,000 octets at a time: the buffer tops out at one frame", () => {
    const body = new Uint8Array(0xffff);
    body.set([17, 0, 0, 1, 0, 200, 0xff, 0xf7]);
    const one = new Uint8Array(MAX_FRAME_SIZE);
    one.set([0xff, 0xff]);
    one.set(body, 2);
    const d = new MessageDecoder();
    let mostHeld = 0;
    let messages = 0;
    for (let f = 0; f < 64; f++) {
      for (let p = 0; p < one.length; p += 1000) {
        messages += d.push(one.subarray(p, p + 1000)).length;
        mostHeld = Math.max(mostHeld, d.bufferedBytes);
      }
    }
    d.end();
    expect(messages).toBe(64);
    // 65 chunks of 1,000 octets of a 65,537-octet frame, held until the 66th completes it.
    expect(mostHeld).toBe(65_000);
  });

  it("a stream that announces maximal frames and stops early never holds more than it received", () => {
    const d = new FrameDecoder();
    const chunk = Uint8Array.of(0xff, 0xff, 1, 2, 3);
    d.push(chunk);
    expect(d.bufferedBytes).toBe(5);
    expect(() => d.end()).toThrow(/ends inside a frame/);
  });
});
