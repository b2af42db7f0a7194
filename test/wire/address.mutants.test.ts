/**
 * Cases added for surviving mutants of src/wire/address.ts (see MUTATION.md).
 * Expected texts follow RFC 5952 (sections 4 and 5) and RFC 4291 section 2.2;
 * the byte strings are written out by hand.
 */
import { describe, expect, it } from "vitest";
import { formatIPv4, formatIPv6, hex, parseIPv4, parseIPv6, toHex } from "../../src/index.js";

const parsed = (s: string): string | false => {
  const out = new Uint8Array(16);
  return parseIPv6(s, out) ? toHex(out) : false;
};

describe("formatIPv6: only ::ffff:0:0/96 uses mixed notation (RFC 5952 section 5)", () => {
  it.each([
    // Four leading zero groups, then 1, ffff: not IPv4-mapped.
    ["00000000000000000001ffffc0000201", "::1:ffff:c000:201"],
    // Five leading zero groups but the sixth is 00ff or ff00, not ffff.
    ["0000000000000000000000ffc0000201", "::ff:c000:201"],
    ["00000000000000000000ff00c0000201", "::ff00:c000:201"],
    // A run of four zero groups after a non-zero first group.
    ["00010000000000000000ffffc0000201", "1::ffff:c000:201"],
  ])("%s -> %s", (h, text) => {
    expect(formatIPv6(hex(h))).toBe(text);
  });

  it("refuses a negative offset even when 16 bytes would remain", () => {
    expect(() => formatIPv6(new Uint8Array(17), -1)).toThrow("formatIPv6 needs 16 bytes");
  });
});

describe("parseIPv6 edge cases", () => {
  it.each([
    // The longest text form: six groups and a dotted tail, 45 characters.
    ["ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "ffffffffffffffffffffffffffffffff"],
    ["::0.0.0.0", "00000000000000000000000000000000"],
  ])("accepts %s", (text, h) => {
    expect(parsed(text)).toBe(h);
  });

  it.each([
    // A "::" with eight groups stands for no zero group at all (RFC 4291 2.2).
    "1:2:3:4::5:6:7:8",
    // A second "::" after a leading one.
    "::1::2",
    // A group separator other than ":".
    "1g2:3:4:5:6:7:8",
    // Characters outside ASCII are not hex digits, including U+0080.
    "::\u00e4",
    "::\u0080",
  ])("rejects %j", (text) => {
    expect(parsed(text)).toBe(false);
  });
});

describe("IPv4 text edge cases", () => {
  it("refuses a negative offset or an offset that leaves fewer than 4 bytes", () => {
    expect(() => formatIPv4(new Uint8Array(5), -1)).toThrow("formatIPv4 needs 4 bytes");
    expect(() => formatIPv4(new Uint8Array(5), 2)).toThrow(RangeError);
    expect(formatIPv4(Uint8Array.of(9, 10, 0, 2, 1), 1)).toBe("10.0.2.1");
  });

  it.each(["10.20.30.", "10.20.30x4", ".10.20.30", "10..20.30"])("rejects %j", (text) => {
    expect(parseIPv4(text, new Uint8Array(4))).toBe(false);
  });
});
