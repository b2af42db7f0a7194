import { describe, expect, it } from "vitest";
import {
  DHCPV6_EPOCH_UNIX,
  dateToDhcpv4Time,
  dateToDhcpv6Time,
  dhcpv4TimeToDate,
  dhcpv6TimeToDate,
  hex,
  toHex,
} from "../../src/index.js";

describe("DHCPv6 time (seconds since 2000-01-01 UTC)", () => {
  it("has the right epoch", () => {
    expect(DHCPV6_EPOCH_UNIX).toBe(Date.UTC(2000, 0, 1) / 1000);
    expect(dhcpv6TimeToDate(0).toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(dhcpv6TimeToDate(86400).toISOString()).toBe("2000-01-02T00:00:00.000Z");
  });

  it("converts both ways, dropping fractions and wrapping modulo 2^32", () => {
    expect(dateToDhcpv6Time(new Date("2025-01-01T00:00:00.999Z"))).toBe(Date.UTC(2025, 0, 1) / 1000 - 946684800);
    expect(dateToDhcpv6Time(new Date("1999-12-31T23:59:59Z"))).toBe(0xffffffff);
    expect(dateToDhcpv6Time(dhcpv6TimeToDate(0xffffffff))).toBe(0xffffffff);
  });

  it("rejects bad input", () => {
    expect(() => dhcpv6TimeToDate(-1)).toThrow(RangeError);
    expect(() => dhcpv6TimeToDate(2 ** 32)).toThrow(RangeError);
    expect(() => dhcpv6TimeToDate(1.5)).toThrow(RangeError);
    expect(() => dateToDhcpv6Time(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("DHCPv4 time (seconds since 1970-01-01 UTC)", () => {
  it("converts both ways", () => {
    expect(dhcpv4TimeToDate(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(dateToDhcpv4Time(new Date("2000-01-01T00:00:00Z"))).toBe(946684800);
    expect(dateToDhcpv4Time(new Date(-1000))).toBe(0xffffffff);
    expect(() => dhcpv4TimeToDate(-1)).toThrow(RangeError);
    expect(() => dateToDhcpv4Time(new Date("nope"))).toThrow(RangeError);
  });
});

describe("hex", () => {
  it("parses with separators and prefix", () => {
    expect(Array.from(hex("0x0A:bc-de f0"))).toEqual([10, 188, 222, 240]);
    expect(hex("")).toHaveLength(0);
  });
  it("rejects odd length and non-hex", () => {
    expect(() => hex("abc")).toThrow(TypeError);
    expect(() => hex("zz")).toThrow(TypeError);
  });
  it("formats", () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe("000fff");
  });
});

describe("hex prefix and time range edges", () => {
  it("strips 0x (either case) only as a prefix", () => {
    // Were "0x" stripped anywhere, "a0x0" would read as a0.
    expect(() => hex("a0x0")).toThrow(TypeError);
    expect(Array.from(hex("0X0a0b"))).toEqual([10, 11]);
  });

  it("refuses 2^32, one past the largest DHCPv4 time", () => {
    expect(() => dhcpv4TimeToDate(2 ** 32)).toThrow(RangeError);
  });
});
