/**
 * Cases for the mutants Stryker left alive in src/v6/message.ts: the
 * maxDepth range its JSDoc gives (at most MAX_DECODE_DEPTH, 128) and the messages of its
 * TypeError, RangeError and buffer-too-small errors.
 */
import { describe, expect, it } from "vitest";
import { type Dhcpv6Message, decode, decodeOptions, encodeInto, hex, isEncodeError } from "../../src/index.js";

describe("decode options", () => {
  it("accepts maxDepth 128, the documented maximum", () => {
    expect(decode(hex("0e000001"), { maxDepth: 128 })).toEqual({ msgType: 14, transactionId: 1, options: [] });
  });

  it("says the allowed range and the value given", () => {
    expect(() => decode(hex("0e000001"), { maxDepth: 0 })).toThrow(/maxDepth must be an integer from 1 to 128, got 0/);
    expect(() => decodeOptions(hex(""), { maxDepth: 129 })).toThrow(/from 1 to 128, got 129/);
  });

  it("says what input it expects", () => {
    expect(() => decode("0e000001" as unknown as Uint8Array)).toThrow(/expected a Uint8Array/);
  });
});

describe("encodeInto errors", () => {
  // STARTTLS, xid 0xabcdef, RAPID_COMMIT: 4 + 4 = 8 bytes.
  const m: Dhcpv6Message = { msgType: 23, transactionId: 0xabcdef, options: [{ code: 14 }] };

  it("names the size needed, the offset and the room", () => {
    let thrown: unknown;
    try {
      encodeInto(m, new Uint8Array(10), 3);
    } catch (e) {
      thrown = e;
    }
    expect(isEncodeError(thrown) && thrown.code).toBe("buffer-too-small");
    expect((thrown as Error).message).toMatch(/needs 8 byte\(s\) at offset 3, dest has 10/);
  });

  it("says what dest must be", () => {
    expect(() => encodeInto(m, [] as unknown as Uint8Array)).toThrow(/dest must be a Uint8Array/);
  });
});
