/**
 * The one declaration of the DHCPv4 message layout (src/v4/layout.ts):
 * every offset checked against RFC 2131 §2 figure 1 (and §3 for the magic
 * cookie), written out by hand, and the option overload rules of RFC 2132
 * §9.3 / RFC 3396 §7 it declares.
 */
import { describe, expect, it } from "vitest";
import { decodeDhcpv4, hex } from "../../src/index.js";
import type { Kind } from "../../src/schema/codec.js";
import {
  CHADDR_AT,
  CHADDR_SIZE,
  COOKIE,
  COOKIE_AT,
  DHCPV4_FIELDS,
  dhcpv4Field,
  FILE_AT,
  FILE_SIZE,
  HLEN_AT,
  hasDhcpv4Cookie,
  isEthernetChaddr,
  OPTIONS_AT,
  OVERLOAD,
  OVERLOADABLE,
  overloadBits,
  SNAME_AT,
  SNAME_SIZE,
} from "../../src/v4/layout.js";
import { DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";

describe("the DHCPv4 layout declaration", () => {
  it("places every fixed field where RFC 2131 figure 1 does", () => {
    expect(DHCPV4_FIELDS.map((f) => [f.name, f.at, f.size])).toEqual([
      ["op", 0, 1],
      ["htype", 1, 1],
      ["hlen", 2, 1],
      ["hops", 3, 1],
      ["xid", 4, 4],
      ["secs", 8, 2],
      ["flags", 10, 2],
      ["ciaddr", 12, 4],
      ["yiaddr", 16, 4],
      ["siaddr", 20, 4],
      ["giaddr", 24, 4],
      ["chaddr", 28, 16],
      ["sname", 44, 64],
      ["file", 108, 128],
      ["magicCookie", 236, 4],
    ]);
    expect([HLEN_AT, CHADDR_AT, CHADDR_SIZE, SNAME_AT, SNAME_SIZE, FILE_AT, FILE_SIZE]).toEqual([
      2, 28, 16, 44, 64, 108, 128,
    ]);
    expect([COOKIE_AT, OPTIONS_AT]).toEqual([236, 240]);
    expect(dhcpv4Field("giaddr")).toEqual({ name: "giaddr", at: 24, size: 4 });
    expect(() => dhcpv4Field("options")).toThrow(/no field "options"/);
  });

  it("has the magic cookie 99.130.83.99 (RFC 2131 §3)", () => {
    expect(COOKIE).toEqual([99, 130, 83, 99]);
  });

  it("declares option 52 and the fields it overloads, file before sname (RFC 2131 §4.1, RFC 3396 §7)", () => {
    expect(OVERLOAD).toBe(52);
    expect(OVERLOADABLE.map((f) => [f.name, f.bit, f.at, f.size])).toEqual([
      ["file", 1, 108, 128],
      ["sname", 2, 44, 64],
    ]);
    expect([0, 1, 2, 3, 4, 255].map(overloadBits)).toEqual([0, 1, 2, 3, 0, 0]);
  });

  it("names the option 52 values after the fields they overload (RFC 2132 §9.3)", () => {
    const body = DHCPV4_OPTION_TABLE[52]?.body.kind as Extract<Kind, { type: "struct" }>;
    const value = body.fields[0]?.[1].kind as Extract<Kind, { type: "uint" }>;
    expect([0, 1, 2, 3, 4].map((v) => value.names?.(v))).toEqual([
      undefined,
      "file",
      "sname",
      "file and sname",
      undefined,
    ]);
  });

  it("tells an Ethernet chaddr: htype 1, hlen 6 and the last 10 octets zero", () => {
    const mac = Uint8Array.from([2, 0, 0x5e, 0x10, 0, 1, ...new Array(10).fill(0)]);
    expect(isEthernetChaddr(1, 6, mac)).toBe(true);
    expect(isEthernetChaddr(6, 6, mac)).toBe(false);
    expect(isEthernetChaddr(1, 7, mac)).toBe(false);
    const tail = mac.slice();
    tail[15] = 1;
    expect(isEthernetChaddr(1, 6, tail)).toBe(false);
  });

  it("sniffs a DHCPv4 message by its length and its cookie at 236", () => {
    const b = new Uint8Array(240);
    expect(hasDhcpv4Cookie(b)).toBe(false);
    b.set([99, 130, 83, 99], 236);
    expect(hasDhcpv4Cookie(b)).toBe(true);
    expect(hasDhcpv4Cookie(b.subarray(0, 239))).toBe(false);
    b[239] = 98;
    expect(hasDhcpv4Cookie(b)).toBe(false);
  });

  it("is what the decoder reads: the fields at their offsets, file then sname as option areas", () => {
    // xid 0x01020304 at 4, chaddr 02:00:5e:10:00:01 at 28, option 52 = 3 (file and sname hold options):
    // file (108) holds 53 = 13 then end, sname (44) holds 51 = 3600 then end, padded to their sizes.
    const b = new Uint8Array(247);
    b.set([2, 1, 6, 0, 1, 2, 3, 4], 0);
    b.set([2, 0, 0x5e, 0x10, 0, 1], 28);
    b.set(hex("330400000e10ff"), 44);
    b.set(hex("35010dff"), 108);
    b.set([99, 130, 83, 99], 236);
    b.set(hex("340103ff"), 240);
    const m = decodeDhcpv4(b.subarray(0, 244));
    expect([m.xid, m.chaddr]).toEqual([0x01020304, "02:00:5e:10:00:01"]);
    expect((m.file as { code: number }[]).map((o) => o.code)).toEqual([53, 255]);
    expect((m.sname as { code: number }[]).map((o) => o.code)).toEqual([51, 255]);
  });
});
