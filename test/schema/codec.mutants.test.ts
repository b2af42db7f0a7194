/**
 * Cases added for surviving mutants of the integer and address fast paths in
 * src/schema/codec.ts (`fitsOp` / `putOp`, see MUTATION.md): each field
 * width accepts its largest value and refuses the next one. Expected bytes are
 * the RFC 8415 layouts written out by hand: msg-type (1), transaction-id (3),
 * then option-code (2), option-len (2) and the body.
 */
import { describe, expect, it } from "vitest";
import {
  DecodeError,
  type Dhcpv4Message,
  decode,
  type EncodeError,
  encode,
  encodeDhcpv4,
  hex,
  scan,
  toHex,
} from "../../src/index.js";
import { encodeErrorOf } from "../helpers/errors.js";
import { value as v4message } from "../v4/helpers.js";

const message = (option: object) => ({ msgType: 1, transactionId: 1, options: [option] });

function encodeError(value: unknown): EncodeError {
  return encodeErrorOf(() => encode(value as Parameters<typeof encode>[0]));
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

/** Runs `f` from a getter while `encode` is encoding another message (a re-entered encode). */
function duringEncode<T>(f: () => T): T {
  let out: { ok: T } | { err: unknown } | undefined;
  const outer = {
    msgType: 1,
    transactionId: 1,
    options: [
      {
        code: 13,
        statusCode: 0,
        get statusMessage(): string {
          try {
            out = { ok: f() };
          } catch (e) {
            out = { err: e };
          }
          return "";
        },
      },
    ],
  };
  // The outer message is not disturbed: STATUS_CODE 0 with no text.
  expect(toHex(encode(outer as never))).toBe("01000001000d00020000");
  if (out === undefined) throw new Error("the getter was not called");
  if ("err" in out) throw out.err;
  return out.ok;
}

function reentrantError(value: unknown): EncodeError {
  return duringEncode(() => encodeError(value));
}

describe("an encode re-entered during another encode (the two-pass path)", () => {
  // RELAY-FORW (RFC 8415 9): msg-type 12, hop-count 1, link-address
  // 2001:db8::1, peer-address fe80::1, then RELAY_MSG (9) holding a
  // LEASEQUERY (14, RFC 5007 4.1.1) with transaction-id 123456 and
  //   CLIENTID (1): DUID-UUID (type 4, RFC 6355) 00 01 .. 0f, option-len 18
  //   ORO (6): 45, 46, option-len 4
  //   LQ_QUERY (44): query-type 1, link-address 2001:db8::, and IAADDR (5)
  //     2001:db8::5, preferred 0, valid ffffffff (option-len 24);
  //     option-len 1 + 16 + 28 = 45
  //   LQ_CLIENT_LINK (48): 2001:db8::1, option-len 16
  // LEASEQUERY: 4 + 22 + 8 + 49 + 20 = 103 bytes (0x67).
  const uuid = Uint8Array.from({ length: 16 }, (_, i) => i);
  const leasequery = {
    msgType: 14,
    transactionId: 0x123456,
    options: [
      { code: 1, duid: { duidType: 4, uuid } },
      { code: 6, requestedOptions: [45, 46] },
      {
        code: 44,
        queryType: 1,
        linkAddress: "2001:db8::",
        options: [{ code: 5, address: "2001:db8::5", preferredLifetime: 0, validLifetime: 0xffffffff, options: [] }],
      },
      { code: 48, linkAddresses: ["2001:db8::1"] },
    ],
  };
  const relay = {
    msgType: 12,
    hopCount: 1,
    linkAddress: "2001:db8::1",
    peerAddress: "fe80::1",
    options: [{ code: 9, relayMessage: leasequery }],
  };
  const leasequeryHex =
    "0e123456" +
    "00010012" +
    "0004000102030405060708090a0b0c0d0e0f" +
    "00060004002d002e" +
    "002c002d01" +
    "20010db8000000000000000000000000" +
    "00050018" +
    "20010db8000000000000000000000005" +
    "00000000ffffffff" +
    "00300010" +
    "20010db8000000000000000000000001";
  const relayHex =
    `0c01 20010db8000000000000000000000001 fe800000000000000000000000000001 00090067 ${leasequeryHex}`.replaceAll(
      " ",
      "",
    );

  it("gives the RFC bytes, as a top-level encode does", () => {
    expect(leasequeryHex.length / 2).toBe(0x67);
    expect(toHex(encode(relay as never))).toBe(relayHex);
    expect(duringEncode(() => toHex(encode(relay as never)))).toBe(relayHex);
    expect(duringEncode(() => toHex(encode(leasequery as never)))).toBe(leasequeryHex);
  });

  it("refuses what a top-level encode refuses, with the same path", () => {
    const cases: [unknown, string, string][] = [
      [{ ...leasequery, transactionId: 0x1000000 }, "out-of-range", "transactionId"],
      [{ ...leasequery, transactionId: 1n }, "invalid-value", "transactionId"],
      [{ ...leasequery, msgType: 256 }, "out-of-range", "msgType"],
      [{ ...relay, hopCount: 256 }, "out-of-range", "hopCount"],
      [{ ...relay, linkAddress: "192.0.2.1" }, "invalid-value", "linkAddress"],
      [null, "invalid-value", ""],
      [
        { msgType: 14, transactionId: 1, options: [{ code: 1, duid: { duidType: 4, uuid: uuid.subarray(1) } }] },
        "invalid-value",
        "options[0](CLIENTID).duid.uuid",
      ],
      [
        { msgType: 14, transactionId: 1, options: [{ code: 1, duid: { duidType: 0x10000, data: uuid } }] },
        "out-of-range",
        "options[0](CLIENTID).duid.duidType",
      ],
      [
        { msgType: 14, transactionId: 1, options: [{ code: 6, requestedOptions: [1, 0x10000] }] },
        "out-of-range",
        "options[0](ORO).requestedOptions[1]",
      ],
      [
        { msgType: 14, transactionId: 1, options: [{ code: 48, linkAddresses: ["::1", "192.0.2.1"] }] },
        "invalid-value",
        "options[0](LQ_CLIENT_LINK).linkAddresses[1]",
      ],
      [
        { msgType: 14, transactionId: 1, options: [{ code: 46, cltTime: 2 ** 32 }] },
        "out-of-range",
        "options[0](CLT_TIME).cltTime",
      ],
    ];
    for (const [value, code, path] of cases) {
      const top = encodeError(value);
      expect([top.code, top.path]).toEqual([code, path]);
      const inner = reentrantError(value);
      expect([inner.code, inner.path]).toEqual([code, path]);
    }
  });
});

describe("DHCPv4 messages (encoded on the two-pass path)", () => {
  // RFC 2131 2, figure 1: op, htype, hlen, hops (1 byte each), xid (4),
  // secs (2), flags (2), ciaddr, yiaddr, siaddr, giaddr (4 each).
  it("writes the BOOTP header fields at their widths", () => {
    const m = v4message([{ code: 55, parameterRequestList: [1, 3] }, { code: 255 }], {
      op: 0xff,
      hops: 0xff,
      xid: 0xffffffff,
      secs: 0xffff,
      flags: 0x8000,
      ciaddr: "192.0.2.1",
      giaddr: "10.0.0.1",
    });
    const bytes = encodeDhcpv4(m);
    expect(toHex(bytes.subarray(0, 28))).toBe(
      "ff0000ff" + "ffffffff" + "ffff" + "8000" + "c0000201" + "00000000" + "00000000" + "0a000001",
    );
    // After the 236-byte header and the cookie: option 55 (RFC 2132 9.8), length 2, 1 and 3; end.
    expect(toHex(bytes.subarray(236))).toBe("63825363" + "37020103" + "ff");
  });

  it("refuses header fields and list items that do not fit, naming them", () => {
    const cases: [Partial<Record<keyof Dhcpv4Message, unknown>>, unknown[], string, string][] = [
      [{ op: 256 }, [], "out-of-range", "op"],
      [{ hops: 1n }, [], "invalid-value", "hops"],
      [{ secs: 0x10000 }, [], "out-of-range", "secs"],
      [{ xid: 2 ** 32 }, [], "out-of-range", "xid"],
      [{ xid: 1n }, [], "invalid-value", "xid"],
      [{ ciaddr: "1.2.3" }, [], "invalid-value", "ciaddr"],
      [{ giaddr: "2001:db8::1" }, [], "invalid-value", "giaddr"],
      [{ yiaddr: 1 }, [], "invalid-value", "yiaddr"],
      [
        {},
        [{ code: 55, parameterRequestList: [1, 256] }],
        "out-of-range",
        "options[0](dhcp-parameter-request-list).parameterRequestList[1]",
      ],
      [{}, [{ code: 92, addresses: ["192.0.2.1", "::1"] }], "invalid-value", "options[0](associated-ip).addresses[1]"],
    ];
    for (const [fields, options, code, path] of cases) {
      const e = encodeError4(v4message([...options, { code: 255 }], fields));
      expect([e.code, e.path]).toEqual([code, path]);
    }
  });
});

function encodeError4(m: Dhcpv4Message): EncodeError {
  return encodeErrorOf(() => encodeDhcpv4(m));
}

describe("scan agrees with decode on what the fast checks could let through", () => {
  // Each case is malformed in a way a check compiled from the declarations
  // must catch itself (scan only asks decode when its own checks fail).
  it("rejects malformed bodies and accepts well-formed ones", () => {
    const relayHead = `0c00${"00".repeat(32)}`;
    const cases: [string, boolean, string][] = [
      // A relay message needs hop-count and two addresses (RFC 8415 9):
      // four bytes are a whole client/server header, not a relay header.
      ["0c000000", false, ""],
      // STATUS_CODE (RFC 8415 21.13): 2-byte code then UTF-8. c2 80 would be
      // U+0080, but c2 is the code's low byte; the text 80 alone is not UTF-8.
      ["01000001" + "000d0003" + "00c280", false, "options[0](STATUS_CODE).statusMessage"],
      ["01000001" + "000d0003" + "0000ff", false, "options[0](STATUS_CODE).statusMessage"],
      ["01000001" + "000d0004" + "0000c3a9", true, ""],
      // ORO (RFC 8415 21.7): 2-byte codes.
      ["01000001" + "00060004" + "002d002e", true, ""],
      ["01000001" + "00060003" + "002d00", false, "options[0](ORO)"],
      // RELAY_MSG (RFC 8415 21.10) holding a whole message, then a truncated relay header.
      [`${relayHead} 00090004 0e000001`, true, ""],
      [`${relayHead} 00090004 0c000000`, false, "options[0](RELAY_MSG).relayMessage"],
      // LQ_RELAY_DATA (RFC 5007 4.1.2.4): peer-address then a relay message.
      [`0f000001 002f0014 ${"00".repeat(16)} 0e000001`, true, ""],
      [`0f000001 002f0014 ${"00".repeat(16)} 0c000000`, false, "options[0](LQ_RELAY_DATA).relayMessage"],
      // CLIENTID with a DUID-UUID (RFC 6355: type 4 and exactly 16 bytes).
      [`01000001 00010012 0004 ${"00".repeat(16)}`, true, ""],
      [`01000001 00010011 0004 ${"00".repeat(15)}`, false, "options[0](CLIENTID).duid"],
      ["01000001" + "00010001" + "00", false, "options[0](CLIENTID).duid.duidType"],
    ];
    for (const [h, ok, path] of cases) {
      const bytes = hex(h);
      const r = scan(bytes);
      let decoded = true;
      try {
        decode(bytes);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        decoded = false;
      }
      expect([h, decoded]).toEqual([h, ok]);
      expect([h, r.ok]).toEqual([h, ok]);
      if (!r.ok) expect(r.error.path.startsWith(path)).toBe(true);
    }
  });
});

describe("decode of a truncated relay header", () => {
  it("fails at the missing address, naming it", () => {
    // msg-type 12, hop-count 0, then 8 of link-address's 16 bytes.
    let e: unknown;
    try {
      decode(hex(`0c00${"00".repeat(8)}`));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DecodeError);
    const d = e as DecodeError;
    expect([d.code, d.offset, d.path]).toEqual(["truncated", 2, "linkAddress"]);
    expect(d.reason).toMatch(/^IPv6 address needs 16 byte/);
  });
});

describe("an option kept as raw data", () => {
  it("is written as code, length and data (RFC 8415 21.1)", () => {
    const bytes = encode({
      msgType: 1,
      transactionId: 1,
      options: [{ code: 0x1234, data: Uint8Array.of(0xab, 0xcd) }],
    });
    expect(toHex(bytes)).toBe("01000001" + "12340002abcd");
  });
});
