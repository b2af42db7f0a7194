/**
 * The inputs whose cost must grow linearly, shared by the slow suite (which
 * counts the work of each, linear-work.test.ts) and the benchmark (which
 * times each, bench/scaling.ts): the shapes a hostile peer would pick. The
 * largest options, a maximum-size frame fed one octet at a time, 100,000
 * tiny options, the deepest allowed nesting (and the error one level past
 * it), 100,000 RFC 3396 instances of one DHCPv4 option, and a list of
 * malformed options kept raw. Each case runs at sizes n, 2n, 4n and 8n.
 */
import { decode, decodeOptions, encode } from "../../src/index.js";
import { FrameDecoder, frame, MessageDecoder } from "../../src/stream/index.js";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import { clientDataChain, relayChain } from "./nesting.js";

/** One input shape: `make(size)` builds the input, `run` is the operation whose cost must be linear in `size`. */
export interface LinearCase<I = unknown> {
  readonly name: string;
  /** What `size` counts, for the reports. */
  readonly unit: string;
  /** n, 2n, 4n, 8n. */
  readonly sizes: readonly number[];
  readonly make: (size: number) => I;
  readonly run: (input: I) => void;
}

const SIZES = (n: number) => [n, 2 * n, 4 * n, 8 * n];

/** Keeps each case's own input type while listing them together. */
function linear<I>(c: LinearCase<I>): LinearCase {
  return c as unknown as LinearCase;
}

function option(code: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  out[0] = code >>> 8;
  out[1] = code & 0xff;
  out[2] = body.length >>> 8;
  out[3] = body.length & 0xff;
  out.set(body, 4);
  return out;
}

function message(type: number, ...options: Uint8Array[]): Uint8Array {
  const n = options.reduce((a, o) => a + o.length, 4);
  const out = new Uint8Array(n);
  out.set([type, 0, 0, 1]);
  let at = 4;
  for (const o of options) {
    out.set(o, at);
    at += o.length;
  }
  return out;
}

function fails(fn: () => unknown): void {
  try {
    fn();
  } catch {
    return;
  }
  throw new Error("expected a DecodeError");
}

/** A LEASEQUERY-DATA holding `n` empty unknown options (codes 200-249). */
function tinyOptions(n: number): Uint8Array {
  const b = new Uint8Array(4 + 4 * n);
  b[0] = 15;
  for (let i = 0; i < n; i++) b[4 + 4 * i + 1] = 200 + (i % 50);
  return b;
}

/** `k` maximum-size frames, each an empty LEASEQUERY padded with zeros. */
function maxFrames(k: number): Uint8Array {
  const body = new Uint8Array(0xffff);
  body.set([15, 0, 0, 1]);
  const f = frame(body);
  const out = new Uint8Array(f.length * k);
  for (let i = 0; i < k; i++) out.set(f, i * f.length);
  return out;
}

/** `k` maximum-size frames of 16,382 empty unknown options each (a re-encoded decode, so the size is exact). */
function tinyOptionFrames(k: number): Uint8Array {
  const body = new Uint8Array(0xffff);
  body[0] = 15;
  for (let p = 4; p + 4 <= 0xffff; p += 4) body[p + 1] = 200;
  const f = frame(encode(decode(body.subarray(0, 4 + 4 * 16_382))));
  const out = new Uint8Array(f.length * k);
  for (let i = 0; i < k; i++) out.set(f, i * f.length);
  return out;
}

/** A BOOTREQUEST whose option 61 is split into `n` one-byte instances (RFC 3396), then the end option. */
export function splitDhcpv4(n: number): Uint8Array {
  const b = new Uint8Array(240 + 3 * n + 1);
  b[0] = 1;
  b.set([99, 130, 83, 99], 236);
  for (let i = 0; i < n; i++) b.set([61, 1, i & 0xff], 240 + 3 * i);
  b[240 + 3 * n] = 255;
  return b;
}

const deep = { maxDepth: 128 };

export const LINEAR_CASES: readonly LinearCase[] = [
  linear({
    name: "STATUS_CODE with non-ASCII text (a 65535-byte option)",
    unit: "bytes",
    sizes: SIZES(8000),
    make: (n) => {
      const text = new TextEncoder().encode("é".repeat(n / 2));
      const body = new Uint8Array(2 + text.length);
      body.set(text, 2);
      return message(17, option(13, body));
    },
    run: (b) => decode(b),
  }),
  // ORO stops at 12,000 codes: from about 16,000 entries a JavaScript array
  // outgrows V8's regular objects (128 KiB) and every element costs 10-30
  // times more, which is the engine's allocation, not the decoder; timing a
  // range across that step measures the engine.
  linear({
    name: "ORO",
    unit: "codes",
    sizes: SIZES(1500),
    make: (n) =>
      message(
        14,
        option(
          6,
          new Uint8Array(2 * n).map((_, i) => i & 0xff),
        ),
      ),
    run: (b) => decode(b),
  }),
  linear({
    name: "LQ_CLIENT_LINK (4,000 addresses is 64,000 bytes)",
    unit: "addresses",
    sizes: SIZES(500),
    make: (n) =>
      message(
        15,
        option(
          48,
          new Uint8Array(16 * n).map((_, i) => (i * 7) & 0xff),
        ),
      ),
    run: (b) => decode(b),
  }),
  linear({
    name: "tiny options, decode",
    unit: "options",
    sizes: SIZES(12_500),
    make: tinyOptions,
    run: (b) => decode(b),
  }),
  linear({
    name: "tiny options, encode of their decode",
    unit: "options",
    sizes: SIZES(12_500),
    make: (n) => decode(tinyOptions(n)),
    run: (m) => encode(m),
  }),
  linear({
    name: "tiny options, decodeOptions",
    unit: "options",
    sizes: SIZES(12_500),
    make: (n) => tinyOptions(n).subarray(4),
    run: (b) => decodeOptions(b),
  }),
  linear({
    name: "malformed CLT_TIME options kept raw (keepMalformedOptions)",
    unit: "options",
    sizes: SIZES(12_500),
    make: (n) => {
      const b = new Uint8Array(4 + 7 * n);
      b[0] = 17;
      for (let i = 0; i < n; i++) b.set([0, 46, 0, 3], 4 + 7 * i);
      return b;
    },
    run: (b) => decode(b, { keepMalformedOptions: true }),
  }),
  linear({ name: "RELAY_MSG chain", unit: "levels", sizes: SIZES(16), make: relayChain, run: (b) => decode(b, deep) }),
  linear({
    name: "CLIENT_DATA nesting",
    unit: "levels",
    sizes: SIZES(16),
    make: clientDataChain,
    run: (b) => decode(b, deep),
  }),
  linear({
    name: "RELAY_MSG chain one level past maxDepth (the error path)",
    unit: "levels",
    sizes: SIZES(16),
    make: (n) => ({ bytes: relayChain(n + 1), options: { maxDepth: n } }),
    run: (x) => fails(() => decode(x.bytes, x.options)),
  }),
  linear({
    name: "a DHCPv4 option split into one-byte instances (RFC 3396)",
    unit: "instances",
    sizes: SIZES(12_500),
    make: splitDhcpv4,
    run: (b) => decodeDhcpv4(b),
  }),
  linear({
    name: "FrameDecoder, one frame fed one octet at a time",
    unit: "octets",
    sizes: SIZES(8000),
    make: (n) => {
      const body = new Uint8Array(n);
      body.set([15, 0, 0, 1]);
      return frame(body);
    },
    run: (stream) => {
      const d = new FrameDecoder();
      let frames = 0;
      for (let i = 0; i < stream.length; i++) frames += d.push(stream.subarray(i, i + 1)).length;
      d.end();
      if (frames !== 1) throw new Error("lost the frame");
    },
  }),
  linear({
    name: "MessageDecoder, one frame of tiny options fed one octet at a time",
    unit: "options",
    sizes: SIZES(2000),
    make: (n) => frame(tinyOptions(n)),
    run: (stream) => {
      const d = new MessageDecoder();
      let messages = 0;
      for (let i = 0; i < stream.length; i++) messages += d.push(stream.subarray(i, i + 1)).length;
      d.end();
      if (messages !== 1) throw new Error("lost the message");
    },
  }),
  linear({
    name: "FrameDecoder, maximum-size frames fed one octet at a time",
    unit: "frames",
    sizes: SIZES(1),
    make: maxFrames,
    run: (stream) => {
      const d = new FrameDecoder();
      let frames = 0;
      for (let i = 0; i < stream.length; i++) {
        frames += d.push(stream.subarray(i, i + 1)).length;
        if (d.bufferedBytes > 0x10001) throw new Error(`holds ${d.bufferedBytes} octets`);
      }
      d.end();
      if (frames * 0x10001 !== stream.length) throw new Error("lost a frame");
    },
  }),
  linear({
    name: "MessageDecoder, maximum-size frames of tiny options fed one octet at a time",
    unit: "frames",
    sizes: SIZES(1),
    make: tinyOptionFrames,
    run: (stream) => {
      const d = new MessageDecoder();
      for (let i = 0; i < stream.length; i++) d.push(stream.subarray(i, i + 1));
      d.end();
    },
  }),
];
