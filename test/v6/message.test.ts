import { describe, expect, it } from "vitest";
import {
  type DecodeError,
  type Dhcpv6Message,
  decode,
  decodeOptions,
  type EncodeError,
  encode,
  encodeInto,
  encodeOptions,
  encodingLength,
  hex,
  isEncodeError,
  toHex,
} from "../../src/index.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";

function decodeError(bytes: Uint8Array, opts?: Parameters<typeof decode>[1]): DecodeError {
  return decodeErrorOf(() => decode(bytes, opts));
}

function encodeError(m: unknown): EncodeError {
  return encodeErrorOf(() => encode(m as Dhcpv6Message));
}

// IA_NA(iaid 1, t1 0, t2 0) wrapping `inner`
const iaNa = (inner: string): string => {
  const body = `000000010000000000000000${inner}`;
  return `0003${(body.length / 2).toString(16).padStart(4, "0")}${body}`;
};

describe("decode input handling", () => {
  it("accepts a Node Buffer and subarray views, with offsets relative to the view", () => {
    const whole = hex("ffff0e000001002e000300");
    const view = whole.subarray(2);
    const e = decodeError(view);
    expect(e.code).toBe("truncated");
    expect(e.offset).toBe(6);
    const m = decode(Buffer.from("0e000001", "hex"));
    expect(m).toEqual({ msgType: 14, transactionId: 1, options: [] });
  });

  it("rejects non-bytes with a TypeError and bad options with a RangeError", () => {
    expect(() => decode("0e000001" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => decodeOptions([] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => decode(hex("0e000001"), { maxDepth: 0 })).toThrow(RangeError);
    expect(() => decode(hex("0e000001"), { maxDepth: 129 })).toThrow(RangeError);
    expect(() => decode(hex("0e000001"), { maxDepth: 2.5 })).toThrow(RangeError);
  });

  it("bounds nesting with maxDepth and says where", () => {
    let opt = "";
    for (let i = 0; i < 30; i++) opt = iaNa(opt);
    const bytes = hex(`0f000001${opt}`);
    const e = decodeError(bytes);
    expect(e.code).toBe("depth-exceeded");
    // 24 lists are allowed; the 25th (inside the 24th IA_NA, after 24 levels
    // of 16 header+fixed bytes) is the first too deep.
    expect(e.offset).toBe(4 + 24 * 16);
    expect(e.path).toBe(`options[0](IA_NA)${".options[0](IA_NA)".repeat(23)}.options`);
    expect(() => decode(bytes, { maxDepth: 40 })).not.toThrow();
    expect(decodeError(hex(`0f000001${iaNa("")}`), { maxDepth: 1 }).code).toBe("depth-exceeded");
  });

  it("formats error messages with path and offset", () => {
    const e = decodeError(hex("0f000001002e000300000e"));
    expect(e.name).toBe("DecodeError");
    expect(e.message).toBe("options[0](CLT_TIME) (byte 6): CLT_TIME is 4 byte(s), option-len says 3");
    const top = decodeError(new Uint8Array(0));
    expect(top.message).toBe("msgType (byte 0): 8-bit field needs 1 byte(s), the input has 0 left");
  });
});

describe("keepMalformedOptions", () => {
  it("keeps a wrongly sized fixed option raw and carries on", () => {
    const bytes = hex("0f000001002e000300000e0064000400000001");
    const m = decode(bytes, { keepMalformedOptions: true });
    expect(m.options[0]).toMatchObject({ code: 46, data: hex("00000e") });
    expect((m.options[0] as { malformed: string }).malformed).toMatch(/CLT_TIME/);
    expect(m.options[1]).toEqual({ code: 100, baseTime: 1 });
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("keeps an option whose body fails inside (bad UTF-8, nested overrun, too deep) and restores depth", () => {
    const badUtf8 = "000d00040000ff41";
    const nestedOverrun = iaNa("000500ff");
    const bytes = hex(`0f000001${badUtf8}${nestedOverrun}${iaNa(iaNa(""))}`);
    const m = decode(bytes, { keepMalformedOptions: true, maxDepth: 3 });
    expect(m.options.map((o) => ("malformed" in o ? "raw" : "ok"))).toEqual(["raw", "raw", "ok"]);
    expect((m.options[0] as { malformed: string }).malformed).toMatch(/UTF-8/);
    expect(toHex(encode(m))).toBe(toHex(bytes));
    const deep = decode(hex(`0f000001${iaNa(iaNa(iaNa("")))}${iaNa("")}`), { keepMalformedOptions: true, maxDepth: 3 });
    // The fourth list is too deep, so the third IA_NA is kept raw inside the second.
    const second = (deep.options[0] as { options: { options: object[] }[] }).options[0];
    expect(second?.options[0]).toMatchObject({ code: 3, data: hex("000000010000000000000000") });
    expect("malformed" in (second?.options[0] ?? {})).toBe(true);
    expect(deep.options[1]).toEqual({ code: 3, iaid: 1, t1: 0, t2: 0, options: [] });
  });

  it("does not hide a truncated outer option", () => {
    expect(decodeError(hex("0f000001002e0004000000"), { keepMalformedOptions: true }).code).toBe("truncated");
  });
});

describe("encode errors name the path and write nothing", () => {
  it.each([
    [{ msgType: 256, transactionId: 0, options: [] }, "out-of-range", "msgType"],
    [{ msgType: 1, transactionId: 2 ** 24, options: [] }, "out-of-range", "transactionId"],
    [{ msgType: 1, transactionId: "1", options: [] }, "invalid-value", "transactionId"],
    [{ msgType: 1, transactionId: 1 }, "invalid-value", "options"],
    [{ msgType: 1, transactionId: 1, options: [null] }, "invalid-value", "options[0]"],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 70000, data: new Uint8Array() }] },
      "out-of-range",
      "options[0].code",
    ],
    [{ msgType: 1, transactionId: 1, options: [{ code: 9999 }] }, "invalid-value", "options[0]"],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 46, cltTime: -1 }] },
      "out-of-range",
      "options[0](CLT_TIME).cltTime",
    ],
    [
      { msgType: 12, hopCount: 0, linkAddress: "2001:db8::g", peerAddress: "::", options: [] },
      "invalid-value",
      "linkAddress",
    ],
    [
      {
        msgType: 15,
        transactionId: 1,
        options: [
          { code: 45, options: [{ code: 5, address: "::1", preferredLifetime: 1, validLifetime: 1.5, options: [] }] },
        ],
      },
      "out-of-range",
      "options[0](CLIENT_DATA).options[0](IAADDR).validLifetime",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 18, interfaceId: new Uint8Array(65536) }] },
      "too-long",
      "options[0](INTERFACE_ID)",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 13, statusCode: 0, statusMessage: "\ud800" }] },
      "invalid-value",
      "options[0](STATUS_CODE).statusMessage",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 13, statusCode: 0, statusMessage: 5 }] },
      "invalid-value",
      "options[0](STATUS_CODE).statusMessage",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 1, duid: { duidType: 4, uuid: new Uint8Array(15) } }] },
      "invalid-value",
      "options[0](CLIENTID).duid.uuid",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 1, duid: { duidType: 99999, data: new Uint8Array(1) } }] },
      "out-of-range",
      "options[0](CLIENTID).duid.duidType",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 1, duid: null }] },
      "invalid-value",
      "options[0](CLIENTID).duid",
    ],
    [
      {
        msgType: 1,
        transactionId: 1,
        options: [{ code: 1, duid: { duidType: 3, hardwareType: 1, linkLayerAddress: [1] } }],
      },
      "invalid-value",
      "options[0](CLIENTID).duid.linkLayerAddress",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 6, requestedOptions: [1, 65536] }] },
      "out-of-range",
      "options[0](ORO).requestedOptions[1]",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 6, requestedOptions: "1" }] },
      "invalid-value",
      "options[0](ORO).requestedOptions",
    ],
    [
      { msgType: 1, transactionId: 1, options: [{ code: 45, options: 5 }] },
      "invalid-value",
      "options[0](CLIENT_DATA).options",
    ],
    [null, "invalid-value", ""],
    [
      { msgType: 15, transactionId: 1, options: [{ code: 45, options: null }] },
      "invalid-value",
      "options[0](CLIENT_DATA).options",
    ],
  ])("%j", (m, code, path) => {
    const e = encodeError(m);
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
    expect(e.message.startsWith(path ? `${path}: ` : "")).toBe(true);
  });

  it("rejects a message nested in itself", () => {
    const m: Dhcpv6Message = { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] };
    m.options.push({ code: 9, relayMessage: m });
    expect(encodeError(m).code).toBe("depth-exceeded");
  });

  it("rejects an option list of more than 65535 bytes inside one option", () => {
    const big = { code: 18, interfaceId: new Uint8Array(40000) };
    const e = encodeError({ msgType: 15, transactionId: 1, options: [{ code: 45, options: [big, big] }] });
    expect(e.code).toBe("too-long");
    expect(e.path).toBe("options[0](CLIENT_DATA)");
  });
});

describe("encodeInto and encodingLength", () => {
  const m: Dhcpv6Message = { msgType: 23, transactionId: 0xabcdef, options: [{ code: 14 }] };
  it("writes at an offset and reports the length", () => {
    expect(encodingLength(m)).toBe(8);
    const dest = new Uint8Array(12).fill(0xee);
    expect(encodeInto(m, dest, 3)).toBe(8);
    expect(toHex(dest)).toBe("eeeeee17abcdef000e0000ee");
    expect(encodeInto(m, new Uint8Array(8))).toBe(8);
  });
  it("refuses too little room and bad offsets without writing", () => {
    const dest = new Uint8Array(10).fill(0xee);
    for (const off of [3, -1, 1.5, 11]) {
      let e: unknown;
      try {
        encodeInto(m, dest, off);
      } catch (x) {
        e = x;
      }
      expect(isEncodeError(e) && e.code).toBe("buffer-too-small");
    }
    expect(toHex(dest)).toBe("ee".repeat(10));
    expect(() => encodeInto(m, [] as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe("bare option lists", () => {
  it("round trip and keep unknown codes", () => {
    const bytes = hex("002e000400000e10ffff0003010203000e0000");
    const opts = decodeOptions(bytes);
    expect(opts).toEqual([{ code: 46, cltTime: 3600 }, { code: 0xffff, data: hex("010203") }, { code: 14 }]);
    expect(toHex(encodeOptions(opts))).toBe(toHex(bytes));
  });

  it("a raw value may stand in for a declared option", () => {
    expect(toHex(encodeOptions([{ code: 46, data: hex("01") }]))).toBe("002e000101");
  });
});

describe("the maxDepth range (at most MAX_DECODE_DEPTH, 128, its JSDoc says)", () => {
  it("accepts 128 and refuses 129 for bare option lists too", () => {
    expect(decode(hex("0e000001"), { maxDepth: 128 })).toEqual({ msgType: 14, transactionId: 1, options: [] });
    expect(() => decodeOptions(hex(""), { maxDepth: 129 })).toThrow(RangeError);
  });
});
