import { describe, expect, it } from "vitest";
import { type DecodeError, decode, hex, isEncodeError, toHex } from "../../src/index.js";
import { deframe, deframeMessages, encodeFramed, MessageDecoder } from "../../src/stream/index.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";
import { INTERLEAVED_FRAME_STARTS, INTERLEAVED_HEX } from "./golden.js";

describe("MessageDecoder on the seed 003 §6.5.1 interleaved stream", () => {
  const bytes = hex(INTERLEAVED_HEX);

  it("decodes the eight replies in order", () => {
    const ms = deframeMessages(bytes);
    expect(ms.map((m) => [m.msgType, "transactionId" in m ? m.transactionId : -1])).toEqual([
      [15, 4],
      [17, 4],
      [15, 3],
      [17, 4],
      [17, 3],
      [16, 3],
      [17, 4],
      [16, 4],
    ]);
    expect(ms[0]?.options).toEqual([{ code: 45, options: [{ code: 46, cltTime: 3600 }] }]);
    expect(ms[5]?.options).toEqual([{ code: 13, statusCode: 0, statusMessage: "" }]);
  });

  it("frames are where the hand-written offsets say", () => {
    const frames = deframe(bytes);
    expect(frames.map((f) => f.byteOffset - 2)).toEqual(INTERLEAVED_FRAME_STARTS);
  });

  it("re-encodes to the same octets", () => {
    const again = deframeMessages(bytes).map((m) => toHex(encodeFramed(m)));
    expect(again.join("")).toBe(toHex(bytes));
  });
});

describe("MessageDecoder errors", () => {
  it("re-bases a message error onto the stream: absolute offset and frames[i] path", () => {
    // Frame 0 is fine; frame 1 is a LEASEQUERY-DATA whose CLT_TIME is 3 octets long.
    const bytes = hex("0004 17000001 000f 11000001 002d0007 002e0003 000000");
    const direct = decodeErrorOf(() => decode(bytes.subarray(8)));
    const d = new MessageDecoder();
    const first = d.push(bytes);
    expect(first.map((m) => m.msgType)).toEqual([23]);
    const e = d.error as DecodeError;
    expect(e.code).toBe(direct.code);
    expect(e.offset).toBe(8 + direct.offset);
    expect(e.path).toBe(`frames[1].${direct.path}`);
    expect(() => d.push(hex("0004 17000002"))).toThrow(e);
    expect(() => d.end()).toThrow(e);
  });

  it("throws at once when the first message of a push is bad", () => {
    const d = new MessageDecoder();
    d.push(hex("000417000001 00"));
    const e = decodeErrorOf(() => d.push(hex("03 170000")));
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 9, "frames[1].transactionId"]);
    expect(d.error).toBe(e);
  });

  it("passes framing errors through and keeps them", () => {
    const d = new MessageDecoder();
    expect(d.push(hex("000417000001")).length).toBe(1);
    const e = decodeErrorOf(() => d.push(hex("0000")));
    expect([e.code, e.offset, e.path]).toEqual(["empty-frame", 6, "frames[1]"]);
    expect(d.error).toBe(e);
    expect(() => d.push(hex("000417000001"))).toThrow(e);
  });

  it("returns good messages before a framing error deferred to the next call", () => {
    const d = new MessageDecoder();
    expect(d.push(hex("000417000001 0000")).length).toBe(1);
    expect(d.error?.code).toBe("empty-frame");
    expect(() => d.end()).toThrow(d.error as DecodeError);
  });

  it("reports a stream that ends inside a frame", () => {
    const d = new MessageDecoder();
    expect(d.push(hex("000417"))).toEqual([]);
    expect(d.bufferedBytes).toBe(3);
    expect(d.offset).toBe(3);
    expect(decodeErrorOf(() => d.end()).code).toBe("truncated");
  });

  it("applies the message decoder's options", () => {
    const bytes = hex("000b 11000001 002e0003 000000");
    expect(() => deframeMessages(bytes)).toThrow();
    const [m] = deframeMessages(bytes, { keepMalformedOptions: true });
    expect(m?.options[0]).toMatchObject({ code: 46, malformed: expect.any(String) });
    expect(() => deframeMessages(hex("000417000001"), { maxDepth: 0 })).toThrow(RangeError);
  });

  it("does not swallow errors that are not DecodeErrors", () => {
    expect(() => deframeMessages(hex("000417000001"), { maxDepth: 0 })).toThrow(RangeError);
  });
});

describe("encodeFramed", () => {
  it("encodes and frames in one buffer", () => {
    expect(toHex(encodeFramed({ msgType: 16, transactionId: 3, options: [] }))).toBe("000410000003");
  });

  it("refuses a message longer than 65535 octets", () => {
    const big = { msgType: 17, transactionId: 1, options: [{ code: 999, data: new Uint8Array(65532) }] };
    let e: unknown;
    try {
      encodeFramed(big);
    } catch (x) {
      e = x;
    }
    expect(isEncodeError(e) && e.code).toBe("too-long");
  });
});

describe("encodeFramed at the 16-bit limit (RFC 5460 §5.1)", () => {
  // A LEASEQUERY-DATA (17), xid 1, with one option of an unassigned code (999)
  // whose data is `dataLength` octets: 4 (header) + 4 (option header) + data.
  const dataOf = (dataLength: number) => ({
    msgType: 17,
    transactionId: 1,
    options: [{ code: 999, data: new Uint8Array(dataLength) }],
  });

  it("frames a message of exactly 65535 octets with message-size ffff", () => {
    // 4 + 4 + 65527 = 65535 octets, the largest a 2-octet size can announce.
    const out = encodeFramed(dataOf(65527));
    expect(out.length).toBe(2 + 65535);
    expect(toHex(out.subarray(0, 10))).toBe("ffff" + "11000001" + "03e7fff7");
  });

  it("refuses 65536 octets, one more", () => {
    const e = encodeErrorOf(() => encodeFramed(dataOf(65528)));
    expect(e.code).toBe("too-long");
  });
});
