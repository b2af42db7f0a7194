/**
 * Cases added for surviving mutants of the integer and address fast paths in
 * src/schema/codec.ts (`fitsOp` / `putOp`, see MUTATION.md): each field
 * width accepts its largest value and refuses the next one. Expected bytes are
 * the RFC 8415 layouts written out by hand: msg-type (1), transaction-id (3),
 * then option-code (2), option-len (2) and the body.
 */
import { describe, expect, it } from "vitest";
import { EncodeError, encode, toHex } from "../../src/index.js";

const message = (option: object) => ({ msgType: 1, transactionId: 1, options: [option] });

function encodeError(value: unknown): EncodeError {
  try {
    encode(value as Parameters<typeof encode>[0]);
  } catch (e) {
    if (e instanceof EncodeError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("field widths at their limits", () => {
  it("STATUS_CODE: a 2-byte status code", () => {
    const bytes = encode(message({ code: 13, statusCode: 0xffff, statusMessage: "" }) as never);
    expect(toHex(bytes)).toBe("01000001000d0002ffff");
    const e = encodeError(message({ code: 13, statusCode: 0x10000, statusMessage: "" }));
    expect(e.code).toBe("out-of-range");
    expect(e.path).toBe("options[0](STATUS_CODE).statusCode");
  });

  it("CLT_TIME: a 4-byte time", () => {
    const bytes = encode(message({ code: 46, cltTime: 0xffffffff }) as never);
    expect(toHex(bytes)).toBe("01000001002e0004ffffffff");
    expect(encodeError(message({ code: 46, cltTime: 2 ** 32 })).code).toBe("out-of-range");
    expect(encodeError(message({ code: 46, cltTime: "1" })).code).toBe("invalid-value");
  });

  it("IAADDR: a 16-byte address given as IPv6 text only", () => {
    const ok = { code: 5, address: "2001:db8::1", preferredLifetime: 1, validLifetime: 2, options: [] };
    expect(toHex(encode(message(ok) as never))).toBe(
      "010000010005001820010db80000000000000000000000010000000100000002",
    );
    const e = encodeError(message({ ...ok, address: "192.0.2.1" }));
    expect(e.code).toBe("invalid-value");
    expect(e.path).toBe("options[0](IAADDR).address");
    expect(encodeError(message({ ...ok, address: 1 })).code).toBe("invalid-value");
  });
});
