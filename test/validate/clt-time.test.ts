/**
 * The CLT_TIME plausibility warning (RFC 5007 §4.1.2.3: CLT_TIME is the
 * time since the client's last transaction). Messages are written out by
 * hand: msg-type, transaction-id, then CLIENT_DATA (45) holding CLT_TIME
 * (46, 4 octets).
 */
import { describe, expect, it } from "vitest";
import { decode, hex, RULE, RULES, validate } from "../../src/index.js";

/** A reply of `msgType` with one CLIENT_DATA per CLT_TIME given (a u32 in hex). */
function reply(msgType: number, ...clt: string[]) {
  const clientData = clt.map((v) => `002d0008 002e0004 ${v}`).join("");
  return decode(hex(`${msgType.toString(16).padStart(2, "0")}000001 ${clientData}`));
}

const LEASEQUERY_REPLY = 15; // RFC 5007 §4.2
const LEASEQUERY_DATA = 17; // RFC 5460 §5.2

describe("clt-time-implausible", () => {
  it("is a warning citing RFC 5007 §4.1.2.3", () => {
    expect(RULE.CLT_TIME_IMPLAUSIBLE).toBe("clt-time-implausible");
    expect(RULES["clt-time-implausible"]).toMatchObject({ severity: "warning", rfc: "RFC 5007 §4.1.2.3" });
  });

  it("says nothing up to 10 years (315,576,000 s = 0x12cf4ec0)", () => {
    expect(validate(reply(LEASEQUERY_REPLY, "00000e10"))).toEqual([]);
    expect(validate(reply(LEASEQUERY_REPLY, "12cf4ec0"))).toEqual([]);
  });

  it("warns one second above, at the cltTime field", () => {
    const [d, ...more] = validate(reply(LEASEQUERY_REPLY, "12cf4ec1"));
    expect(more).toEqual([]);
    expect([d?.rule, d?.severity, d?.path]).toEqual([
      "clt-time-implausible",
      "warning",
      "options[0](CLIENT_DATA).options[0](CLT_TIME).cltTime",
    ]);
  });

  it("warns on an absolute Unix time (1,780,000,000 = 0x6a18a500, May 2026), as ISC dhcpd sends", () => {
    const ds = validate(reply(LEASEQUERY_DATA, "00000e10", "6a18a500"));
    expect(ds.map((d) => [d.rule, d.path])).toEqual([
      ["clt-time-implausible", "options[1](CLIENT_DATA).options[0](CLT_TIME).cltTime"],
    ]);
    expect(ds[0]?.message).toContain("2026-05-28");
  });

  it("ignores a CLT_TIME kept raw by a lenient decode", () => {
    const m = decode(hex("0f000001 002d0007 002e0003 ffffff"), { keepMalformedOptions: true });
    expect(validate(m)).toEqual([]);
  });
});
