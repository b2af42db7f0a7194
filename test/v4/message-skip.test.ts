/**
 * The DHCPv4 message skipper behind scan() of a DHCPV4_MSG (RFC 7341 §6.1)
 * must say "well formed" exactly when the decoder returns. Each case is a
 * DHCPv4 message written out by hand (RFC 2131 §2-3, RFC 2132), checked
 * three ways: decodeDhcpv4 alone, the skipper alone, and scan() of a
 * DHCPv6 message carrying it against decode() of the same.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dhcpv4MessageBytesArbitrary } from "../../src/arbitrary/index.js";
import { type DecodeOptions, decode, isDecodeError, scan } from "../../src/index.js";
import type { Skipper } from "../../src/schema/codec.js";
import { optionArea } from "../../src/schema/option-area-codec.js";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import { DHCPV4_MESSAGE_CODEC } from "../../src/v4/message-codec.js";
import { dhcpv4MessageSkipper } from "../../src/v4/message-skip.js";
import { skipDhcpv4Message } from "../../src/v4/message-wire.js";
import { DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";
import { readerOptions } from "../../src/wire/decode-options.js";
import { Reader } from "../../src/wire/reader.js";
import { applyMutations, byteMutationArbitrary } from "../helpers/byte-mutations.js";
import { decodeErrorOf } from "../helpers/errors.js";
import { COOKIE, header, message, opt } from "./helpers.js";

/** LEASEQUERY-DATA (17), xid 1, holding one OPTION_DHCPV4_MSG (87) with `v4`. */
function inV6(v4: Uint8Array): Uint8Array {
  return Uint8Array.from([17, 0, 0, 1, 0, 87, v4.length >> 8, v4.length & 0xff, ...v4]);
}

function decodes(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    return false;
  }
}

/** Whether the DHCPv4 skipper alone accepts `v4` at depth 0 under `o`. */
function skipperSays(v4: Uint8Array, o?: DecodeOptions): boolean {
  return skipDhcpv4Message(v4, 0, v4.length, 0, readerOptions(o)) === v4.length;
}

/** Checks the three agree on `v4` and returns the verdict. */
function verdict(v4: Uint8Array, o?: DecodeOptions): boolean {
  const ok = decodes(() => decodeDhcpv4(v4, o));
  expect(skipperSays(v4, o)).toBe(ok);
  const wrapped = inV6(v4);
  const s = scan(wrapped, o);
  expect(s.ok).toBe(decodes(() => decode(wrapped, o)));
  return ok;
}

const end = [255];

describe("the DHCPv4 skipper agrees with the decoder", () => {
  it("on the fixed part: length, hlen, magic cookie", () => {
    expect(verdict(message(end))).toBe(true);
    // 239 octets: the cookie cut short.
    expect(verdict(message(end).subarray(0, 239))).toBe(false);
    // 240 octets: cookie but no options field, so no end option.
    expect(verdict(message([]))).toBe(false);
    expect(verdict(message(end, header({ hlen: 16 })))).toBe(true);
    expect(verdict(message(end, header({ hlen: 17 })))).toBe(false);
    for (let i = 0; i < 4; i++) {
      const b = message(end);
      b[236 + i] = (COOKIE[i] as number) ^ 1;
      expect(verdict(b)).toBe(false);
    }
  });

  it("on the options field: pads, the end option, what follows it, lengths", () => {
    expect(verdict(message([0, 0, 255, 1, 2, 3]))).toBe(true);
    expect(verdict(message([0, 0]))).toBe(false);
    // Option 200 (undeclared) with 2 octets, then end; cut inside it; its
    // length octet missing.
    expect(verdict(message([...opt(200, [1, 2]), 255]))).toBe(true);
    expect(verdict(message([200, 3, 1, 2]))).toBe(false);
    expect(verdict(message([200]))).toBe(false);
    // The length running past the message, with no end option after it.
    expect(verdict(message([200, 2, 1, 2]))).toBe(false);
  });

  it("on declared bodies: lengths, items, sub-options, UTF-8", () => {
    // Option 51, lease time: exactly 4 octets (RFC 2132 §9.2).
    expect(verdict(message([...opt(51, [0, 0, 0, 1]), 255]))).toBe(true);
    expect(verdict(message([...opt(51, [0, 0, 1]), 255]))).toBe(false);
    // Option 92, associated-ip: 4-octet items (RFC 4388 §6.2).
    expect(verdict(message([...opt(92, [10, 0, 0, 1, 10, 0, 0, 2]), 255]))).toBe(true);
    expect(verdict(message([...opt(92, [10, 0, 0, 1, 10]), 255]))).toBe(false);
    // Option 61, client identifier: at least the type octet (RFC 2132 §9.14).
    expect(verdict(message([...opt(61, []), 255]))).toBe(false);
    // Option 82 (RFC 3046) with sub-option 1 (2 octets) and sub-option 5
    // (link selection, RFC 3527, 4 octets); then 5 with 3 octets; then a
    // sub-option length past the option.
    expect(verdict(message([...opt(82, [1, 2, 7, 7, 5, 4, 10, 0, 0, 1]), 255]))).toBe(true);
    expect(verdict(message([...opt(82, [5, 3, 10, 0, 0]), 255]))).toBe(false);
    expect(verdict(message([...opt(82, [1, 5, 7]), 255]))).toBe(false);
    expect(verdict(message([...opt(82, [1]), 255]))).toBe(false);
    // Option 151, status code: a code and UTF-8 text (RFC 6926 §6.2.2).
    expect(verdict(message([...opt(151, [0, 0x6f, 0x6b]), 255]))).toBe(true);
    expect(verdict(message([...opt(151, [0, 0xff]), 255]))).toBe(false);
  });

  it("keeps malformed bodies under keepMalformedOptions, but not a broken options field", () => {
    const lenient = { keepMalformedOptions: true };
    expect(verdict(message([...opt(51, [0, 0, 1]), 255]), lenient)).toBe(true);
    expect(verdict(message([...opt(82, [5, 3, 10, 0, 0]), 255]), lenient)).toBe(true);
    expect(verdict(message([200, 3, 1, 2]), lenient)).toBe(false);
    expect(verdict(message([0]), lenient)).toBe(false);
  });

  it("counts the options field and the sub-options as levels of nesting (maxDepth)", () => {
    const relay = message([...opt(82, [1, 1, 7]), 255]);
    expect(verdict(relay, { maxDepth: 2 })).toBe(true);
    expect(verdict(relay, { maxDepth: 1 })).toBe(false);
    expect(verdict(message(end), { maxDepth: 1 })).toBe(true);
    // Inside DHCPv6 the DHCPv6 options are one more level: the options
    // field is the second, the sub-options the third.
    expect(scan(inV6(relay), { maxDepth: 2 }).ok).toBe(false);
    expect(scan(inV6(relay), { maxDepth: 3 }).ok).toBe(true);
  });

  it("hands option overload and repeated declared options to the decoder", () => {
    // Overload 1: file carries options (RFC 2132 §9.3), here option 51
    // then end; then with no end option in file.
    const file = [...opt(51, [0, 0, 0, 1]), 255];
    expect(verdict(message([...opt(52, [1]), 255], header({ file })))).toBe(true);
    expect(verdict(message([...opt(52, [1]), 255], header({ file: opt(51, [0, 0, 0, 1]) })))).toBe(false);
    // RFC 3396: two instances of 51 are one value; 2 + 2 octets make the 4
    // it needs, 4 + 4 octets are 8, too many. Split by another option too.
    expect(verdict(message([...opt(51, [0, 0]), ...opt(51, [0, 1]), 255]))).toBe(true);
    expect(verdict(message([...opt(51, [0, 0, 0, 1]), ...opt(51, [0, 0, 0, 1]), 255]))).toBe(false);
    expect(verdict(message([...opt(51, [0, 0]), ...opt(200, []), ...opt(51, [0, 1]), 255]))).toBe(true);
    // Repeats of an undeclared code join into raw bytes: always fine.
    expect(verdict(message([...opt(200, [1]), ...opt(201, []), ...opt(200, [2]), 255]))).toBe(true);
  });

  it("on generated messages and their mutations", () => {
    fc.assert(
      fc.property(
        dhcpv4MessageBytesArbitrary({ maxDepth: 3 }),
        fc.array(byteMutationArbitrary, { maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (bytes, mutations, maxDepth) => {
          // Mutations aim at the options field, where the skipper has work.
          const b = applyMutations(bytes, mutations, 240);
          verdict(b);
          verdict(b, { maxDepth });
          verdict(b, { keepMalformedOptions: true });
        },
      ),
      { numRuns: 600, seed: 11 },
    );
  });
});

// The skipper answers the end of its region or exactly -1, and walks an
// ordinary message itself: the decoder it is given is called only for option
// overload, a declared option in more than one instance, or a declared option
// that does not fit its layout alone (RFC 3396 may complete it). A counting
// decoder shows which path was taken; the bytes are the layouts of RFC 2131
// §2-3 written out by hand.
describe("the skipper's own walk, and when it hands over to the decoder", () => {
  /** A fresh skipper over the real decoder, and how often it called it. */
  function counted(opts: Parameters<typeof readerOptions>[0] = {}) {
    const o = readerOptions(opts);
    const seen = { calls: 0 };
    const decoding: Skipper = (b, p, end, depth, op) => {
      const r = new Reader(b, op, p, end);
      r.depth = depth;
      try {
        DHCPV4_MESSAGE_CODEC.read(r);
      } catch (e) {
        if (!isDecodeError(e)) throw e;
        return -1;
      }
      return r.pos;
    };
    const skipper = dhcpv4MessageSkipper((b, p, end, depth, op) => {
      seen.calls++;
      return decoding(b, p, end, depth, op);
    });
    const skip = (b: Uint8Array, p: number, end: number, depth: number): number => skipper(b, p, end, depth, o);
    return { skip, seen };
  }

  /** The skipper's answer on `b` as a whole region, and the decoder calls it made. */
  function run(b: Uint8Array, opts?: Parameters<typeof readerOptions>[0]): [number, number] {
    const { skip, seen } = counted(opts);
    return [skip(b, 0, b.length, 0), seen.calls];
  }

  const end = [255];
  const lease = opt(51, [0, 0, 0, 1]);

  describe("the DHCPv4 skipper's own walk", () => {
    it("accepts ordinary messages without the decoder", () => {
      const cases = [
        message(end),
        message([0, 0, ...lease, 255, 9, 9]),
        // 92: two 4-octet items (RFC 4388 §6.2); 61: type and id.
        message([...opt(92, [10, 0, 0, 1, 10, 0, 0, 2]), ...opt(61, [1, 2, 3]), 255]),
        // 82 (RFC 3046) with sub-options 1 (2 octets), 5 (RFC 3527, 4) and 200.
        message([...opt(82, [1, 2, 7, 7, 5, 4, 10, 0, 0, 1, 200, 0]), 255]),
        message([...opt(151, [0, 0x6f, 0x6b]), ...opt(53, [13]), 255]),
        // An undeclared code twice: joined raw bytes, nothing to check.
        message([...opt(200, [1]), ...opt(200, [2]), 255]),
      ];
      for (const b of cases) expect(run(b)).toEqual([b.length, 0]);
    });

    it("refuses without the decoder what no decoder takes, with exactly -1", () => {
      const cases = [
        Uint8Array.of(1),
        message(end).subarray(0, 239),
        message([]),
        message(end, header({ hlen: 17 })),
        message([0, 0]),
        message([200]),
        message([200, 4, 1, 2, 255]),
      ];
      for (const b of cases) expect(run(b)).toEqual([-1, 0]);
      for (let i = 0; i < 4; i++) {
        const b = message(end);
        b[236 + i] = (b[236 + i] as number) ^ 0x80;
        expect(run(b)).toEqual([-1, 0]);
      }
    });

    it("does not read past its region for the end option", () => {
      // Header and cookie, no options field, then a 255 that lies outside
      // the region [0, 240).
      const b = Uint8Array.from([...message([]), 255]);
      const { skip } = counted();
      expect(skip(b, 0, 240, 0)).toBe(-1);
      expect(skip(b, 0, 241, 0)).toBe(241);
    });

    it("works at an offset inside a larger buffer", () => {
      const m = message([...lease, 255]);
      const b = Uint8Array.from([0xee, 0xee, 0xee, ...m, 0xee]);
      const { skip, seen } = counted();
      expect(skip(b, 3, 3 + m.length, 0)).toBe(3 + m.length);
      expect(seen.calls).toBe(0);
    });

    it("applies maxDepth to the options field and below", () => {
      const relay = message([...opt(82, [1, 1, 7]), 255]);
      expect(run(relay, { maxDepth: 2 })).toEqual([relay.length, 0]);
      expect(run(relay, { maxDepth: 1 })[0]).toBe(-1);
      const { skip, seen } = counted({ maxDepth: 2 });
      const b = message(end);
      expect(skip(b, 0, b.length, 2)).toBe(-1);
      expect(seen.calls).toBe(0);
    });

    it("keeps a malformed body under keepMalformedOptions without the decoder", () => {
      const b = message([...opt(51, [0, 0, 1]), 255]);
      expect(run(b, { keepMalformedOptions: true })).toEqual([b.length, 0]);
    });
  });

  describe("what it hands to the decoder", () => {
    it("option overload, repeated declared options, a body that does not fit alone", () => {
      const file = [...lease, 255];
      const overloaded = message([...opt(52, [1]), 255], header({ file }));
      expect(run(overloaded)).toEqual([overloaded.length, 1]);
      const badFile = message([...opt(52, [1]), 255], header({ file: lease }));
      expect(run(badFile)).toEqual([-1, 1]);
      const joined = message([...opt(51, [0, 0]), ...opt(51, [0, 1]), 255]);
      expect(run(joined)).toEqual([joined.length, 1]);
      const tooLong = message([...lease, ...lease, 255]);
      expect(run(tooLong)).toEqual([-1, 1]);
      const alone = message([...opt(51, [0, 0, 1]), 255]);
      expect(run(alone)).toEqual([-1, 1]);
    });
  });

  describe("the decoder around it", () => {
    it("fails a depth error at the first octet after the magic cookie", () => {
      // LEASEQUERY-DATA (17), xid 1, DHCPV4_MSG (87) of 241 octets: the DHCPv6
      // options are level 1, so with maxDepth 1 the DHCPv4 options field is
      // too deep. It starts at 8 + 240 = 248.
      const v4 = message(end);
      const b = Uint8Array.from([17, 0, 0, 1, 0, 87, 0, v4.length, ...v4]);
      const e = decodeErrorOf(() => decode(b, { maxDepth: 1 }));
      expect(e.code).toBe("depth-exceeded");
      expect(e.offset).toBe(248);
    });

    it("gives an option area no fixed size: it is as long as what it holds", () => {
      expect(optionArea("dhcpv4", () => DHCPV4_OPTION_TABLE).fixed).toBe(-1);
    });
  });
});
