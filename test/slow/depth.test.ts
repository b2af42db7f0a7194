/**
 * Encapsulation and relay depth are bounded by `maxDepth`: at the limit a
 * message decodes (and re-encodes byte for byte), one level past it is a
 * `depth-exceeded` DecodeError, never a stack overflow, up to the largest
 * allowed limit (128) and for input nested far deeper than any limit. The
 * lenient decoder keeps the too-deep option raw instead, still within the
 * limit. The encoder bounds depth too (and cycles) with an EncodeError.
 */
import { describe, expect, it } from "vitest";
import { type Dhcpv6Message, decode, encode, hex, isDecodeError, isEncodeError, toHex } from "../../src/index.js";
import { clientDataChain, depthOf, relayChain } from "./nesting.js";

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const CHAINS = [
  ["RELAY-FORW chain (RELAY_MSG)", relayChain],
  ["CLIENT_DATA nesting", clientDataChain],
] as const;

describe("maxDepth bounds nesting", () => {
  for (const [name, chain] of CHAINS) {
    for (const maxDepth of [24, 128]) {
      const options = maxDepth === 24 ? undefined : { maxDepth };
      it(`${name}: ${maxDepth} levels decode and re-encode; ${maxDepth + 1} are depth-exceeded`, () => {
        const ok = chain(maxDepth);
        const m = decode(ok, options);
        expect(depthOf(m)).toBe(maxDepth);
        expect(toHex(encode(m))).toBe(toHex(ok));
        const e = failure(() => decode(chain(maxDepth + 1), options));
        expect(isDecodeError(e), String(e)).toBe(true);
        expect((e as { code: string }).code).toBe("depth-exceeded");
      });

      it(`${name}: keepMalformedOptions keeps level ${maxDepth + 1} raw, within the limit`, () => {
        const m = decode(chain(maxDepth + 1), { ...options, keepMalformedOptions: true });
        expect(depthOf(m)).toBe(maxDepth);
        expect(JSON.stringify(m, (_k, v) => (v instanceof Uint8Array ? "bytes" : v))).toMatch(
          /"malformed":"[^"]*deeper than maxDepth/,
        );
      });
    }
  }

  it("CLIENT_DATA nested 16,383 deep (all a 65535-byte option can hold) is depth-exceeded at 128, not a stack overflow", () => {
    const deep = clientDataChain(16_384);
    for (const options of [{ maxDepth: 128 }, { maxDepth: 128, keepMalformedOptions: true }, undefined]) {
      const e = failure(() => decode(deep, options));
      if (options?.keepMalformedOptions) expect(e).toBeUndefined();
      else expect((e as { code?: string }).code).toBe("depth-exceeded");
    }
  });

  it("a RELAY-FORW chain as deep as 65535 bytes allow is depth-exceeded at 128", () => {
    const e = failure(() => decode(relayChain(1720), { maxDepth: 128 }));
    expect(isDecodeError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe("depth-exceeded");
  });

  it("DHCPV4_MSG counts its option area and Relay Agent sub-options as levels", () => {
    const v4 = `01000000 00000001 0000 0000 ${"00".repeat(16)} ${"00".repeat(16)} ${"00".repeat(192)} 63825363 5204 0102abcd ff`;
    const m = hex(`15000000 0057${hex(v4).length.toString(16).padStart(4, "0")} ${v4}`);
    expect((failure(() => decode(m, { maxDepth: 2 })) as { code?: string }).code).toBe("depth-exceeded");
    expect(depthOf(decode(m, { maxDepth: 3 }))).toBe(3);
  });

  it("maxDepth outside 1-128 is refused before any byte is read", () => {
    for (const maxDepth of [0, 129, 1.5, Number.NaN]) {
      expect(failure(() => decode(relayChain(2), { maxDepth }))).toBeInstanceOf(RangeError);
    }
  });
});

describe("the encoder bounds depth", () => {
  function nestedValue(levels: number): Dhcpv6Message {
    let m: Dhcpv6Message = { msgType: 14, transactionId: 1, options: [] };
    for (let i = 1; i < levels; i++) {
      m = { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [{ code: 9, relayMessage: m }] };
    }
    return m;
  }

  it("a value nested 5,000 deep is an EncodeError, not a stack overflow", () => {
    const e = failure(() => encode(nestedValue(5000)));
    expect(isEncodeError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe("depth-exceeded");
  });

  it("a cyclic value is an EncodeError", () => {
    const m: Dhcpv6Message = { msgType: 17, transactionId: 1, options: [] };
    const cd = { code: 45, options: [] as unknown[] };
    cd.options.push(cd);
    (m.options as unknown[]).push(cd);
    const e = failure(() => encode(m));
    expect(isEncodeError(e), String(e)).toBe(true);
  });
});
