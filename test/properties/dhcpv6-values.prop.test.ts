/**
 * Value-side properties of the DHCPv6 codec, over values generated from the
 * declarations: decode inverts encode, the length pass agrees with the
 * write pass, encodeInto writes exactly its slice, and bare option lists
 * round-trip the same way.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dhcpv6MessageArbitrary, dhcpv6OptionArbitrary, dhcpv6OptionsArbitrary } from "../../src/arbitrary/index.js";
import {
  decode,
  decodeOptions,
  encode,
  encodeInto,
  encodeOptions,
  encodingLength,
  isEncodeError,
} from "../../src/index.js";

const messages = dhcpv6MessageArbitrary();
const RUNS = { numRuns: 300 };

describe("DHCPv6 messages from the declarations", () => {
  it("decode(encode(m)) equals m", () => {
    fc.assert(
      fc.property(messages, (m) => {
        expect(decode(encode(m))).toEqual(m);
      }),
      RUNS,
    );
  });

  it("encodingLength(m) is the length encode(m) writes", () => {
    fc.assert(
      fc.property(messages, (m) => {
        expect(encodingLength(m)).toBe(encode(m).length);
      }),
      RUNS,
    );
  });

  it("encodeInto at any offset writes encode(m) there and nothing outside", () => {
    const setup = fc.record({
      m: messages,
      offset: fc.nat({ max: 40 }),
      slack: fc.nat({ max: 40 }),
      fill: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(
      fc.property(setup, ({ m, offset, slack, fill }) => {
        const want = encode(m);
        const dest = new Uint8Array(offset + want.length + slack).fill(fill);
        const n = encodeInto(m, dest, offset);
        expect(n).toBe(want.length);
        expect(dest.subarray(offset, offset + n)).toEqual(want);
        expect(dest.subarray(0, offset).every((x) => x === fill)).toBe(true);
        expect(dest.subarray(offset + n).every((x) => x === fill)).toBe(true);
      }),
      RUNS,
    );
  });

  it("encodeInto with one byte too few throws buffer-too-small and writes nothing", () => {
    fc.assert(
      fc.property(messages, fc.nat({ max: 8 }), (m, offset) => {
        const n = encodingLength(m);
        const dest = new Uint8Array(offset + n - 1).fill(0xa5);
        let caught: unknown;
        try {
          encodeInto(m, dest, offset);
        } catch (e) {
          caught = e;
        }
        expect(isEncodeError(caught) && caught.code).toBe("buffer-too-small");
        expect(dest.every((x) => x === 0xa5)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("bare DHCPv6 option lists", () => {
  it("decodeOptions(encodeOptions(l)) equals l, and re-encodes to the same bytes", () => {
    fc.assert(
      fc.property(dhcpv6OptionsArbitrary(), (l) => {
        const bytes = encodeOptions(l);
        const back = decodeOptions(bytes);
        expect(back).toEqual(l);
        expect(encodeOptions(back)).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it("a single generated option round-trips, and is 4 bytes of header plus its body", () => {
    fc.assert(
      fc.property(dhcpv6OptionArbitrary(), (o) => {
        const bytes = encodeOptions([o]);
        expect(decodeOptions(bytes)).toEqual([o]);
        expect(((bytes[0] as number) << 8) | (bytes[1] as number)).toBe(o.code);
        expect(((bytes[2] as number) << 8) | (bytes[3] as number)).toBe(bytes.length - 4);
      }),
      RUNS,
    );
  });
});
