/**
 * No allocation is sized by a length field beyond the bytes present: an
 * option-len of 65535 with 10 bytes behind it is a DecodeError, not a 64 KiB
 * buffer, and the frame decoder's buffer grows with the bytes that arrive,
 * not with the message-size announced. (DHCPv6 and DHCPv4 have no count
 * fields: lists run to the end of their length, so a length is the only
 * thing a hostile peer can inflate.)
 *
 * Proved two ways: structurally, by counting every allocation made through
 * the Uint8Array, ArrayBuffer and Array constructors during the decode, and
 * by the heap, by keeping 2,000 results and measuring what they retain.
 */
import { describe, expect, it } from "vitest";
import { decode, decodeOptions, hex, isDecodeError } from "../../src/index.js";
import { FrameDecoder, MessageDecoder } from "../../src/stream/index.js";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import { countAllocations, countWork, retainedBytes } from "./measure.js";

const TEN = "00112233445566778899";
const V4_HEADER = `01000000 00000001 0000 0000${"00".repeat(16)}${"00".repeat(16)}${"00".repeat(64)}${"00".repeat(128)} 63825363`;

interface Case {
  readonly name: string;
  readonly input: Uint8Array;
  readonly decode: (b: Uint8Array) => unknown;
}

const lenient = { keepMalformedOptions: true };
const CASES: Case[] = [
  {
    name: "top-level option-len 65535, 10 bytes present",
    input: hex(`0e000001 0001ffff ${TEN}`),
    decode: (b) => decode(b),
  },
  {
    name: "the same, keepMalformedOptions",
    input: hex(`0e000001 0001ffff ${TEN}`),
    decode: (b) => decode(b, lenient),
  },
  {
    name: "CLIENT_DATA of 65535 holding an option of 65535",
    input: hex(`0f000001 002dffff 0005ffff ${TEN}`),
    decode: (b) => decode(b),
  },
  {
    name: "RELAY_MSG of 65535 in a RELAY-FORW",
    input: hex(`0c00 ${"00".repeat(32)} 0009ffff ${TEN}`),
    decode: (b) => decode(b),
  },
  {
    name: "LQ_RELAY_DATA of 65535",
    input: hex(`0f000001 002fffff ${"00".repeat(16)} 0c ${TEN}`),
    decode: (b) => decode(b),
  },
  {
    name: "DHCPV4_MSG of 65535 holding a truncated DHCPv4 message",
    input: hex(`15000000 0057ffff ${V4_HEADER} 35`),
    decode: (b) => decode(b),
  },
  { name: "bare option list, option-len 65535", input: hex(`002dffff ${TEN}`), decode: (b) => decodeOptions(b) },
  {
    name: "DHCPv4 option of 255 with 3 bytes present",
    input: hex(`${V4_HEADER} 3dff 010203`),
    decode: (b) => decodeDhcpv4(b),
  },
  {
    name: "DHCPv4 relay-agent sub-option of 255 inside a short option 82",
    input: hex(`${V4_HEADER} 5204 01ff0102 ff`),
    decode: (b) => decodeDhcpv4(b),
  },
  {
    name: "DHCPv4 split option (RFC 3396) whose last instance claims 255",
    input: hex(`${V4_HEADER} 3d02 0102 3d02 0304 3dff 05`),
    decode: (b) => decodeDhcpv4(b, lenient),
  },
];

function decodeFails(c: Case): unknown {
  try {
    c.decode(c.input);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("hostile lengths allocate only what is present", () => {
  for (const c of CASES) {
    it(`${c.name}: a DecodeError, and no allocation larger than the ${c.input.length}-byte input`, () => {
      let error: unknown;
      const a = countAllocations(() => {
        error = decodeFails(c);
      });
      expect(isDecodeError(error), String(error)).toBe(true);
      expect(a.largest).toBeLessThanOrEqual(c.input.length);
      expect(a.total).toBeLessThanOrEqual(4 * c.input.length + 1024);
    });
  }

  it("the counting itself sees an allocation sized by a length field", () => {
    // A decoder that trusted the length would allocate like this one does.
    const a = countAllocations(() => {
      const b = hex(`0001ffff ${TEN}`);
      new Uint8Array(((b[2] as number) << 8) | (b[3] as number));
    });
    expect(a.largest).toBe(0xffff);
  });

  it("2,000 hostile decodes retain a few hundred bytes each, not the 64 KiB announced", () => {
    const kept: unknown[] = [];
    const before = retainedBytes();
    for (let i = 0; i < 2000; i++) kept.push(decodeFails(CASES[i % CASES.length] as Case));
    const perDecode = (retainedBytes() - before) / kept.length;
    expect(kept.every(isDecodeError)).toBe(true);
    console.info(`retained per hostile decode: ${Math.round(perDecode)} bytes`);
    // Each DecodeError with its message and (unformatted) stack is a few
    // hundred bytes; one 64 KiB buffer each would be 100 times this bound.
    expect(perDecode).toBeLessThan(8 * 1024);
  });

  it("rejecting option-len 65535 does the same work as option-len 16", () => {
    const errors: unknown[] = [];
    const reject = (b: Uint8Array) => () => {
      errors.push(decodeFails({ name: "option-len", input: b, decode: (x) => decode(x) }));
    };
    const big = countWork(reject(hex(`0e000001 0001ffff ${TEN}`)));
    const small = countWork(reject(hex(`0e000001 00010010 ${TEN}`)));
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(["truncated", "truncated"]);
    console.info(`work to reject option-len 65535: ${JSON.stringify(big)}; option-len 16: ${JSON.stringify(small)}`);
    // Counted, not timed: a buffer of the announced size, or a walk over
    // it, would show in the bytes allocated or the elements visited.
    expect(big).toEqual(small);
  });
});

describe("the frame decoder buffers what arrives, not what is announced", () => {
  it("a 65535-octet message-size followed by 1 octet holds 3 octets in a buffer of at most 64", () => {
    const d = new FrameDecoder();
    const a = countAllocations(() => {
      expect(d.push(Uint8Array.of(0xff, 0xff, 0x0e))).toEqual([]);
    });
    expect(d.bufferedBytes).toBe(3);
    expect(a.largest).toBeLessThanOrEqual(64);
  });

  it("fed one octet at a time, its buffer stays within twice what has arrived", () => {
    const d = new FrameDecoder();
    const stream = new Uint8Array(5002);
    stream[0] = 0xff;
    stream[1] = 0xff;
    const chunks = Array.from(stream, (_, i) => stream.subarray(i, i + 1));
    let pushed = 0;
    const a = countAllocations(() => {
      for (const c of chunks) {
        d.push(c);
        pushed++;
      }
    });
    expect(d.bufferedBytes).toBe(pushed);
    expect(a.largest).toBeLessThanOrEqual(2 * pushed);
    // Doubling: the copies add up to a small multiple of the octets held.
    expect(a.total).toBeLessThanOrEqual(4 * pushed + 1024);
  });

  it("the message decoder likewise", () => {
    const d = new MessageDecoder();
    const a = countAllocations(() => {
      expect(d.push(hex(`ffff 0e000001 0001ffff ${TEN}`))).toEqual([]);
    });
    expect(d.bufferedBytes).toBe(20);
    expect(a.largest).toBeLessThanOrEqual(64);
  });
});
