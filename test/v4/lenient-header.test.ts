/**
 * Lenient header decoding (DecodeOptions.lenientHeader): the hlen 255 that
 * ISC dhcpd 4.4 sends in a DHCPv4 leasequery reply for an address without
 * hardware. Every message is written out by hand from RFC 2131 §2-3.
 */
import { describe, expect, it } from "vitest";
import {
  decode,
  decodeDhcpv4,
  encode,
  encodeDhcpv4,
  inspectDhcpv4,
  inspectMessage,
  LENIENT_DECODE_OPTIONS,
  scan,
  toHex,
} from "../../src/index.js";
import { decodeError, header, message, opt } from "./helpers.js";

/** DHCPLEASEUNASSIGNED (11) for 192.0.2.7: htype 1, hlen 255, chaddr all zero (ISC's reply). */
const ISC_UNASSIGNED = (() => {
  const h = header({ htype: 1, hlen: 255 });
  h.splice(12, 4, 192, 0, 2, 7); // ciaddr
  return message([...opt(53, [11]), 255], h);
})();

/** DHCPV4-RESPONSE (21), flags 0, holding OPTION_DHCPV4_MSG (87) with `v4`: the DHCPv4 message starts at 8. */
function inV6(v4: Uint8Array): Uint8Array {
  return Uint8Array.from([21, 0, 0, 0, 0, 87, v4.length >> 8, v4.length & 0xff, ...v4]);
}

describe("hlen over 16", () => {
  it("is an invalid-value at the hlen byte by default, even keeping malformed options", () => {
    for (const o of [undefined, { keepMalformedOptions: true }]) {
      const e = decodeError(ISC_UNASSIGNED, o);
      expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 2, "hlen"]);
    }
  });

  it("is kept with lenientHeader: hlen as read, chaddr as its 16 raw bytes, an anomaly saying where", () => {
    const m = decodeDhcpv4(ISC_UNASSIGNED, { lenientHeader: true });
    expect(m.hlen).toBe(255);
    expect(m.htype).toBe(1);
    expect(m.chaddr).toEqual(new Uint8Array(16));
    expect(m.ciaddr).toBe("192.0.2.7");
    expect(m.options).toEqual([{ code: 53, messageType: 11 }, { code: 255 }]);
    expect(m.headerAnomalies?.map((a) => [a.code, a.offset, a.path])).toEqual([["invalid-value", 2, "hlen"]]);
  });

  it("keeps the 16 chaddr bytes as they are, not cut to a length", () => {
    const chaddr = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const bytes = message([255], header({ htype: 1, hlen: 17, chaddr }));
    expect(decodeDhcpv4(bytes, LENIENT_DECODE_OPTIONS).chaddr).toEqual(Uint8Array.from(chaddr));
  });

  it("re-encodes byte for byte, hlen included", () => {
    const m = decodeDhcpv4(ISC_UNASSIGNED, LENIENT_DECODE_OPTIONS);
    const again = encodeDhcpv4(m);
    expect(again[2]).toBe(255);
    expect(toHex(again)).toBe(toHex(ISC_UNASSIGNED));
  });

  it("gives no anomaly for a header that has none", () => {
    const m = decodeDhcpv4(message([255], header({ htype: 1, hlen: 16 })), LENIENT_DECODE_OPTIONS);
    expect("headerAnomalies" in m).toBe(false);
  });

  it("is reached inside OPTION_DHCPV4_MSG, with the absolute offset", () => {
    const bytes = inV6(ISC_UNASSIGNED);
    expect(scan(bytes).ok).toBe(false);
    const strict = scan(bytes);
    if (!strict.ok) {
      expect([strict.error.code, strict.error.offset]).toEqual(["invalid-value", 10]);
      expect(strict.error.path).toMatch(/hlen$/);
    }
    expect(scan(bytes, { lenientHeader: true }).ok).toBe(true);
    const m = decode(bytes, { lenientHeader: true });
    const v4 = (m.options[0] as { dhcpv4Message: { hlen: number; headerAnomalies?: { offset: number }[] } })
      .dhcpv4Message;
    expect(v4.hlen).toBe(255);
    expect(v4.headerAnomalies?.[0]?.offset).toBe(10);
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("is shown on the hlen node of the inspection tree", () => {
    const tree = inspectDhcpv4(decodeDhcpv4(ISC_UNASSIGNED, LENIENT_DECODE_OPTIONS));
    const hlen = tree.children.find((n) => n.path === "hlen");
    expect(hlen?.value?.startsWith("255 [anomaly:")).toBe(true);
    expect([hlen?.offset, hlen?.length]).toEqual([2, 1]);
    const nested = inspectMessage(decode(inV6(ISC_UNASSIGNED), LENIENT_DECODE_OPTIONS));
    const flat: { path: string; value?: string; offset: number }[] = [];
    const walk = (n: (typeof nested)["children"][number]): void => {
      flat.push(n);
      n.children.forEach(walk);
    };
    walk(nested);
    const inner = flat.find((n) => n.path.endsWith(".hlen"));
    expect(inner?.offset).toBe(10);
    expect(inner?.value?.startsWith("255 [anomaly:")).toBe(true);
  });

  it("encodes an hlen over 16 only with raw chaddr bytes (text needs its length in hlen)", () => {
    const m = decodeDhcpv4(ISC_UNASSIGNED, LENIENT_DECODE_OPTIONS);
    expect(() => encodeDhcpv4({ ...m, chaddr: "00:00:00:00:00:00" })).toThrow(/hlen 255/);
  });

  it("LENIENT_DECODE_OPTIONS turns on every lenient option and cannot be changed", () => {
    expect(LENIENT_DECODE_OPTIONS).toEqual({ keepMalformedOptions: true, lenientHeader: true });
    expect(Object.isFrozen(LENIENT_DECODE_OPTIONS)).toBe(true);
  });
});
