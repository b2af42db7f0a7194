/**
 * Round trips of DHCPv4 messages with RFC 3396 split options, standalone
 * and inside OPTION_DHCPV4_MSG, from the byte-level generator in
 * ./arbitrary.ts. The generator also knows each value's joined bytes, an
 * oracle independent of the decoder.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decode, encode, toHex } from "../../src/index.js";
import { findDhcpv4Option } from "../../src/v4/find.js";
import { decodeDhcpv4, dhcpv4EncodingLength, encodeDhcpv4 } from "../../src/v4/message.js";
import { splitMessageArbitrary } from "./arbitrary.js";

const RUNS = { numRuns: 300 };

describe("split options (RFC 3396)", () => {
  it("encodeDhcpv4(decodeDhcpv4(b)) is b, and each value is its instances joined in order", () => {
    fc.assert(
      fc.property(splitMessageArbitrary(), ({ bytes, values }) => {
        const m = decodeDhcpv4(bytes);
        expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
        expect(dhcpv4EncodingLength(m)).toBe(bytes.length);
        for (const v of values) {
          const found = findDhcpv4Option(m, v.code) as { data?: Uint8Array } | undefined;
          expect(found, `option ${v.code}`).toBeDefined();
          if (found?.data) expect(toHex(found.data)).toBe(toHex(Uint8Array.from(v.bytes)));
        }
        expect(decodeDhcpv4(encodeDhcpv4(m))).toEqual(m);
      }),
      RUNS,
    );
  });

  it("the same inside OPTION_DHCPV4_MSG of a LEASEQUERY-DATA", () => {
    fc.assert(
      fc.property(splitMessageArbitrary(), ({ bytes }) => {
        const n = bytes.length;
        const v6 = Uint8Array.from([17, 0, 0, 1, 0, 87, n >> 8, n & 0xff, ...bytes, 0, 46, 0, 4, 0, 0, 0, 1]);
        const m = decode(v6);
        expect(m.options[0]).toEqual({ code: 87, dhcpv4Message: decodeDhcpv4(bytes) });
        expect(toHex(encode(m))).toBe(toHex(v6));
        expect(decode(encode(m))).toEqual(m);
      }),
      RUNS,
    );
  });
});
