/**
 * Cases added for surviving mutants of src/wire/hex.ts and src/wire/time.ts
 * (see MUTATION.md): the "0x" prefix is only stripped at the start, and the
 * error messages say what was wrong.
 */
import { describe, expect, it } from "vitest";
import { dateToDhcpv4Time, dateToDhcpv6Time, dhcpv4TimeToDate, dhcpv6TimeToDate, hex } from "../../src/index.js";

describe("hex", () => {
  it("strips 0x only as a prefix", () => {
    expect(() => hex("a0x0")).toThrow("hex text has a character that is not a hex digit");
    expect(Array.from(hex("0X0a0b"))).toEqual([10, 11]);
  });

  it("says why it refused", () => {
    expect(() => hex("abc")).toThrow("hex text has an odd number of digits");
  });
});

describe("time errors", () => {
  it("name the bad value", () => {
    expect(() => dhcpv6TimeToDate(-1)).toThrow("not an unsigned 32-bit time: -1");
    expect(() => dhcpv4TimeToDate(2 ** 32)).toThrow("not an unsigned 32-bit time: 4294967296");
    expect(() => dateToDhcpv6Time(new Date(Number.NaN))).toThrow("invalid Date");
    expect(() => dateToDhcpv4Time(new Date(Number.NaN))).toThrow("invalid Date");
  });
});
