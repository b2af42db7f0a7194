// `null` in place of the decode options means the defaults, at every public
// decode entry: never a TypeError from inside the decoder.
import { describe, expect, it } from "vitest";
import { DecodeError, decode, decodeOptions, hex, MessageDecoder, scan } from "../../src/index.js";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import type { DecodeOptions } from "../../src/v6/message.js";
import { message } from "../v4/helpers.js";

// LEASEQUERY-DONE (16), xid 0x123456, STATUS_CODE (13) QueryTerminated (11): RFC 5460 §5.2.
const DONE = hex("10123456 000d0002000b");
// The same with option-len 3 where 2 bytes follow.
const CUT = hex("10123456 000d0003000b");
const NULL = null as unknown as DecodeOptions;

describe("null decode options", () => {
  it("decode", () => {
    expect(decode(DONE, NULL)).toEqual({
      msgType: 16,
      transactionId: 0x123456,
      options: [{ code: 13, statusCode: 11, statusMessage: "" }],
    });
    const e = (() => {
      try {
        decode(CUT, NULL);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(DecodeError);
    expect([(e as DecodeError).code, (e as DecodeError).offset]).toEqual(["truncated", 6]);
  });

  it("decodeOptions", () => {
    expect(decodeOptions(hex("002e000400000e10"), NULL)).toEqual([{ code: 46, cltTime: 3600 }]);
  });

  it("decodeDhcpv4", () => {
    // DHCPLEASEQUERY (53 = 10), then the end option.
    expect(decodeDhcpv4(message([53, 1, 10, 255]), NULL).options).toEqual([
      { code: 53, messageType: 10 },
      { code: 255 },
    ]);
  });

  it("scan", () => {
    expect(scan(DONE, NULL)).toEqual({ ok: true, msgType: 16, transactionId: 0x123456 });
    const bad = scan(CUT, NULL);
    expect(bad.ok ? undefined : [bad.error.code, bad.error.offset]).toEqual(["truncated", 6]);
  });

  it("MessageDecoder", () => {
    const d = new MessageDecoder(null);
    // A 2-byte frame length (RFC 5460 §5.1) and the message.
    const [m] = d.push(Uint8Array.from([0, DONE.length, ...DONE]));
    expect(m?.msgType).toBe(16);
    d.end();
  });

  it("still rejects options that are present and wrong", () => {
    expect(() => decode(DONE, { maxDepth: 0 })).toThrow(RangeError);
  });
});
