/**
 * keepMalformedOptions: a declared option whose body does not fit its
 * layout is kept as raw bytes with `malformed` set, the rest of the message
 * still decodes, and re-encoding gives back the input. The bytes are built
 * by hand (the same layouts as vectors/negative/*.json); the strict
 * behaviour of the same inputs is pinned by those vectors.
 */
import { describe, expect, it } from "vitest";
import { decode, encode, hex, isDecodeError, toHex } from "../../src/index.js";

const lenient = { keepMalformedOptions: true } as const;

// LEASEQUERY-REPLY, xid 0x00beef, CLIENT_DATA { CLIENTID (DUID-LL 00:00:5e:00:53:10), CLT_TIME <bad> }, LQ_BASE_TIME.
const CLIENTID_LL = "0001000a" + "0003" + "0001" + "00005e005310"; // 14 bytes
const LQ_BASE_TIME = "00640004" + "2dc4eb40"; // 767880000 = 2024-05-01T12:00:00Z

function withCltTime(cltTime: string, clientDataLen: string): Uint8Array {
  return hex(`0f00beef 002d${clientDataLen} ${CLIENTID_LL} ${cltTime} ${LQ_BASE_TIME}`);
}

type Obj = Record<string, unknown>;
const opts = (m: unknown): Obj[] => (m as { options: Obj[] }).options;

describe("keepMalformedOptions", () => {
  it("keeps a 3-byte CLT_TIME raw, with malformed naming CLT_TIME", () => {
    // CLT_TIME option-len 3: 002e 0003 000e10; CLIENT_DATA option-len 14 + 7 = 21
    const bytes = withCltTime("002e0003000e10", "0015");
    const m = decode(bytes, lenient);
    const clientData = opts(m)[0] as Obj;
    expect(clientData.code).toBe(45);
    const [clientId, clt] = opts(clientData);
    expect(clientId).toEqual({
      code: 1,
      duid: { duidType: 3, hardwareType: 1, linkLayerAddress: hex("00005e005310") },
    });
    expect(clt?.code).toBe(46);
    expect(toHex(clt?.data as Uint8Array)).toBe("000e10");
    expect(clt?.malformed).toMatch(/CLT_TIME/);
    expect(opts(m)[1]).toEqual({ code: 100, baseTime: 767880000 });
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("keeps a 5-byte CLT_TIME raw", () => {
    // CLT_TIME option-len 5; CLIENT_DATA option-len 14 + 9 = 23
    const bytes = withCltTime("002e00050000000e10", "0017");
    const m = decode(bytes, lenient);
    const clt = opts(opts(m)[0])[1] as Obj;
    expect(clt.code).toBe(46);
    expect(toHex(clt.data as Uint8Array)).toBe("0000000e10");
    expect(clt.malformed).toMatch(/CLT_TIME/);
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("is strict without the option: the same 3-byte CLT_TIME is a length-mismatch at its option-len", () => {
    let thrown: unknown;
    try {
      decode(withCltTime("002e0003000e10", "0015"));
    } catch (e) {
      thrown = e;
    }
    expect(isDecodeError(thrown)).toBe(true);
    if (!isDecodeError(thrown)) return;
    expect([thrown.code, thrown.offset]).toEqual(["length-mismatch", 24]);
  });

  it("keeps a STATUS_CODE with invalid UTF-8 raw and decodes the options around it", () => {
    // LEASEQUERY-DONE, STATUS_CODE NotAllowed "f\xfcr" (Latin-1), then LQ_BASE_TIME
    const bytes = hex(`1000beef 000d0005 000a 66fc72 ${LQ_BASE_TIME}`);
    const m = decode(bytes, lenient);
    const [status, base] = opts(m);
    expect(status?.code).toBe(13);
    expect(toHex(status?.data as Uint8Array)).toBe("000a66fc72");
    expect(status?.malformed).toMatch(/UTF-8/);
    expect(base).toEqual({ code: 100, baseTime: 767880000 });
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("keeps a CLIENT_DATA whose inner option-len overruns it raw as a whole", () => {
    // CLIENT_DATA option-len 8 holding CLT_TIME with option-len 8 (only 4 left)
    const bytes = hex(`0f00beef 002d0008 002e0008 00000e10 ${LQ_BASE_TIME}`);
    const m = decode(bytes, lenient);
    const [clientData, base] = opts(m);
    expect(clientData?.code).toBe(45);
    expect(toHex(clientData?.data as Uint8Array)).toBe("002e000800000e10");
    expect(clientData?.malformed).toMatch(/CLT_TIME/);
    expect(base).toEqual({ code: 100, baseTime: 767880000 });
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("changes nothing for well-formed input: no option carries malformed", () => {
    // LEASEQUERY-REPLY with CLIENT_DATA { CLIENTID, CLT_TIME 3600 } and LQ_BASE_TIME
    const bytes = withCltTime("002e000400000e10", "0016");
    const m = decode(bytes, lenient);
    expect(m).toEqual(decode(bytes));
    expect(opts(opts(m)[0])[1]).toEqual({ code: 46, cltTime: 3600 });
    expect(JSON.stringify(m, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v))).not.toContain("malformed");
  });
});
