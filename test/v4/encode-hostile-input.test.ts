// Encoding values built to hurt: RFC 3396 continuation counts far beyond the
// value they continue, and message objects whose getters answer differently
// on each read. Every case ends in an EncodeError with its code and path, or
// in bytes consistent with a single read of each field.
import { describe, expect, it } from "vitest";
import { EncodeError, encode, encodingLength } from "../../src/index.js";
import { dhcpv4EncodingLength, encodeDhcpv4, encodeDhcpv4Into } from "../../src/v4/message.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { encodeErrorOf } from "../helpers/errors.js";
import { message, value } from "./helpers.js";

/** Option 43 with 2 bytes of its own, a pad, then a continuation entry of `n` bytes. */
const continued = (n: unknown) =>
  value([{ code: 43, data: Uint8Array.of(1, 2) }, { code: 0 }, { code: 43, continuation: n }]);

/** Each public way of encoding a DHCPv4 message, standalone and inside DHCPV4_MSG (RFC 7341 §6.1). */
const encoders: [string, (m: Dhcpv4Message) => unknown, string][] = [
  ["dhcpv4EncodingLength", dhcpv4EncodingLength, ""],
  ["encodeDhcpv4", encodeDhcpv4, ""],
  ["encodeDhcpv4Into", (m) => encodeDhcpv4Into(m, new Uint8Array(1024)), ""],
  [
    "encode (DHCPV4-QUERY)",
    (m) => encode({ msgType: 20, flags: 0, options: [{ code: 87, dhcpv4Message: m }] }),
    "options[0](DHCPV4_MSG).dhcpv4Message.",
  ],
  [
    "encodingLength (DHCPV4-QUERY)",
    (m) => encodingLength({ msgType: 20, flags: 0, options: [{ code: 87, dhcpv4Message: m }] }),
    "options[0](DHCPV4_MSG).dhcpv4Message.",
  ],
];

describe("RFC 3396 continuation counts from the value", () => {
  // Counts larger than the value: checked against the value's 2 bytes as
  // numbers, before any instance is laid out (a count of 2^53 - 1 used to
  // become an array of 3.5e13 255-byte chunks).
  const tooLarge = [3, 2 ** 32, 2 ** 53 - 1, 2 ** 53, Number.MAX_VALUE];
  // Not a byte count at all.
  const notCounts = [-1, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, 1.5, "2", null];

  for (const [name, run, at] of encoders) {
    it(`${name}: a count beyond the value is an invalid-value at the option`, () => {
      for (const n of tooLarge) {
        const e = encodeErrorOf(() => run(continued(n)));
        expect([n, e.code, e.path]).toEqual([n, "invalid-value", `${at}options[0]`]);
      }
    });

    it(`${name}: a count that is not a byte count is an invalid-value at the continuation`, () => {
      for (const n of notCounts) {
        const e = encodeErrorOf(() => run(continued(n)));
        expect([n, e.code, e.path]).toEqual([n, "invalid-value", `${at}options[2].continuation`]);
      }
    });
  }

  it("two continuations whose counts only overflow together are rejected", () => {
    const m = value([
      { code: 43, data: Uint8Array.of(1, 2) },
      { code: 0 },
      { code: 43, continuation: 1 },
      { code: 0 },
      { code: 43, continuation: 2 ** 53 - 1 },
    ]);
    const e = encodeErrorOf(() => encodeDhcpv4(m));
    expect([e.code, e.path]).toEqual(["invalid-value", "options[0]"]);
  });

  it("a count within the value still places its bytes (RFC 3396 §7)", () => {
    // 43 carries 01 02 03 04: two bytes in its first run, two after a pad.
    const m = value([{ code: 43, data: Uint8Array.of(1, 2, 3, 4) }, { code: 0 }, { code: 43, continuation: 2 }]);
    expect(encodeDhcpv4(m)).toEqual(message([43, 2, 1, 2, 0, 43, 2, 3, 4, 255]));
  });

  it("a continuation's bad split is reported at the continuation", () => {
    const m = value([
      { code: 43, data: Uint8Array.of(1, 2, 3, 4) },
      { code: 0 },
      { code: 43, continuation: 2, split: [1, 300] },
    ]);
    const e = encodeErrorOf(() => encodeDhcpv4(m));
    expect([e.code, e.path]).toEqual(["out-of-range", "options[2].split[1]"]);
  });
});

/** A message whose every field is a counting getter; `options` answers with a new array each time. */
function countingMessage(): { m: Dhcpv4Message; reads: Map<string, number> } {
  const base = value([]) as unknown as Record<string, unknown>;
  const reads = new Map<string, number>();
  const m = {} as Record<string, unknown>;
  const optionSets = [
    [{ code: 53, messageType: 13 }],
    [{ code: 53, messageType: 15 }, { code: 0 }, { code: 0 }, { code: 0 }],
    [],
  ];
  for (const key of Object.keys(base)) {
    Object.defineProperty(m, key, {
      enumerable: true,
      get() {
        const n = reads.get(key) ?? 0;
        reads.set(key, n + 1);
        return key === "options" ? optionSets[Math.min(n, optionSets.length - 1)] : base[key];
      },
    });
  }
  return { m: m as unknown as Dhcpv4Message, reads };
}

/** A message-type option whose fields are counting getters. */
function countingOption(reads: Map<string, number>): object {
  const o = {};
  for (const [key, v] of [
    ["code", 53],
    ["messageType", 13],
  ] as const) {
    Object.defineProperty(o, key, {
      enumerable: true,
      get() {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return v;
      },
    });
  }
  return o;
}

describe("each field of the value is read once", () => {
  // The first answer of `options`: DHCPLEASEQUERY (13), RFC 4388 §6.1.
  const expected = message([53, 1, 13, 255]);

  it("encodeDhcpv4 reads each message field once and encodes what it read", () => {
    const { m, reads } = countingMessage();
    expect(encodeDhcpv4(m)).toEqual(expected);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(reads.size).toBe(Object.keys(value([])).length);
  });

  it("encodeDhcpv4Into reads each field once and writes what it read", () => {
    const { m, reads } = countingMessage();
    const dest = new Uint8Array(300).fill(0xee);
    expect(encodeDhcpv4Into(m, dest, 1)).toBe(expected.length);
    expect(dest.subarray(1, 1 + expected.length)).toEqual(expected);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });

  it("dhcpv4EncodingLength reads each field once", () => {
    const { m, reads } = countingMessage();
    expect(dhcpv4EncodingLength(m)).toBe(expected.length);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });

  it("inside DHCPV4_MSG the message is read once by encode", () => {
    const { m, reads } = countingMessage();
    const out = encode({ msgType: 20, flags: 0, options: [{ code: 87, dhcpv4Message: m }] });
    // msg-type 20, flags 0, then OPTION_DHCPV4_MSG (87) holding the message.
    expect(out).toEqual(Uint8Array.from([20, 0, 0, 0, 0, 87, 0, expected.length, ...expected]));
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });

  it("the fields of an option entry are read once", () => {
    const reads = new Map<string, number>();
    const m = value([countingOption(reads)]);
    expect(encodeDhcpv4(m)).toEqual(expected);
    expect(Object.fromEntries(reads)).toEqual({ code: 1, messageType: 1 });
  });

  it("a getter that throws surfaces its own error, not a RangeError from a mismatch", () => {
    const m = value([]) as unknown as Record<string, unknown>;
    Object.defineProperty(m, "options", {
      get() {
        throw new EncodeError("invalid-value", "no options here");
      },
    });
    expect(encodeErrorOf(() => encodeDhcpv4(m as unknown as Dhcpv4Message)).code).toBe("invalid-value");
  });
});
