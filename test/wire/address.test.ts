import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIPv4, formatIPv6, hex, parseIPv4, parseIPv6, toHex } from "../../src/index.js";
import { parseHexColon } from "../../src/wire/address.js";

const v6 = (h: string) => formatIPv6(hex(h));
const parsed = (s: string): string | false => {
  const out = new Uint8Array(16);
  return parseIPv6(s, out) ? toHex(out) : false;
};

describe("formatIPv6 (RFC 5952)", () => {
  it.each([
    ["20010db8000000000000000000000001", "2001:db8::1"],
    ["00000000000000000000000000000000", "::"],
    ["00000000000000000000000000000001", "::1"],
    ["20010db8000000000000000000000000", "2001:db8::"],
    // §4.2.2: a single zero group is not compressed
    ["20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1"],
    // §4.2.3: the first of two equal runs is compressed
    ["20010db8000000000001000000000001", "2001:db8::1:0:0:1"],
    // §4.2.1: the longest run wins even if it comes second
    ["20010000000000010000000000000001", "2001:0:0:1::1"],
    // §4.3: lower case, no leading zeros
    ["2001ABCD00AB0A0B0000000000000C0D", "2001:abcd:ab:a0b::c0d"],
    // §5: IPv4-mapped addresses in mixed notation
    ["00000000000000000000ffffc0000201", "::ffff:192.0.2.1"],
    ["fe800000000000000000000000000000", "fe80::"],
    ["0001000200030004000500060007000f", "1:2:3:4:5:6:7:f"],
  ])("%s -> %s", (h, text) => {
    expect(v6(h)).toBe(text);
  });

  it("reads at an offset and refuses short input", () => {
    const b = hex(`ffff${"00".repeat(15)}01`);
    expect(formatIPv6(b, 2)).toBe("::1");
    expect(() => formatIPv6(new Uint8Array(15))).toThrow(RangeError);
    expect(() => formatIPv6(b, 3)).toThrow(RangeError);
  });
});

describe("parseIPv6", () => {
  it.each([
    ["2001:db8::1", "20010db8000000000000000000000001"],
    ["2001:DB8:0:0:0:0:0:1", "20010db8000000000000000000000001"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "20010db8000000000000000000000001"],
    ["::", "00000000000000000000000000000000"],
    ["::1", "00000000000000000000000000000001"],
    ["1::", "00010000000000000000000000000000"],
    ["1:2:3:4:5:6:7::", "00010002000300040005000600070000"],
    ["::2:3:4:5:6:7:8", "00000002000300040005000600070008"],
    ["::ffff:192.0.2.1", "00000000000000000000ffffc0000201"],
    ["64:ff9b::192.0.2.33", "0064ff9b0000000000000000c0000221"],
    ["1:2:3:4:5:6:1.2.3.4", "00010002000300040005000601020304"],
    ["fe80::a:B:c", "fe800000000000000000000a000b000c"],
  ])("%s", (text, h) => {
    expect(parsed(text)).toBe(h);
  });

  it.each([
    "",
    ":",
    ":1",
    "1:",
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "1:::2",
    "12345::",
    "g::",
    "::1%eth0",
    "[::1]",
    "2001:db8::/32",
    "1.2.3.4",
    "::1.2.3",
    "::1.2.3.256",
    "1:2:3:4:5:6:7:1.2.3.4",
    "1:2:3:4:5:6::1.2.3.4",
    "::01.2.3.4",
    "1::2:",
    "x".repeat(46),
  ])("rejects %j", (text) => {
    expect(parsed(text)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(parseIPv6(42 as unknown as string, new Uint8Array(16))).toBe(false);
  });

  it("writes at an offset", () => {
    const out = new Uint8Array(20).fill(0xee);
    expect(parseIPv6("::1", out, 2)).toBe(true);
    expect(toHex(out)).toBe(`eeee${"00".repeat(15)}01eeee`);
  });
});

describe("IPv4 text", () => {
  it("formats and parses", () => {
    expect(formatIPv4(hex("c0000201"))).toBe("192.0.2.1");
    expect(formatIPv4(hex("ffc0000201"), 1)).toBe("192.0.2.1");
    expect(() => formatIPv4(hex("c00002"))).toThrow(RangeError);
    const out = new Uint8Array(4);
    expect(parseIPv4("10.0.255.1", out)).toBe(true);
    expect(toHex(out)).toBe("0a00ff01");
    expect(parseIPv4("0.0.0.0", out)).toBe(true);
  });

  it.each(["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", "1..2.3", "1.2.3.", "1234.1.1.1"])(
    "rejects %j",
    (t) => {
      expect(parseIPv4(t, new Uint8Array(4))).toBe(false);
    },
  );

  it("rejects non-strings", () => {
    expect(parseIPv4(undefined as unknown as string, new Uint8Array(4))).toBe(false);
  });
});

// Expected texts follow RFC 5952 (sections 4 and 5) and RFC 4291 section 2.2;
// the byte strings are written out by hand.
describe("address text edge cases (RFC 5952, RFC 4291 section 2.2)", () => {
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
      expect(() => formatIPv6(new Uint8Array(17), -1)).toThrow(RangeError);
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
      expect(() => formatIPv4(new Uint8Array(5), -1)).toThrow(RangeError);
      expect(() => formatIPv4(new Uint8Array(5), 2)).toThrow(RangeError);
      expect(formatIPv4(Uint8Array.of(9, 10, 0, 2, 1), 1)).toBe("10.0.2.1");
    });

    it.each(["10.20.30.", "10.20.30x4", ".10.20.30", "10..20.30", "10.20.30/4", "10,20.30.4", "1.2.3.4\u012e"])(
      "rejects %j",
      (text) => {
        expect(parseIPv4(text, new Uint8Array(4))).toBe(false);
      },
    );

    // The dotted tail of an IPv6 address is read in place, from its first digit.
    it.each([
      ["::ffff:1.2.3.4", "00000000000000000000ffff01020304"],
      ["1:2:3:4:5:6:10.20.30.40", "0001000200030004000500060a141e28"],
    ])("reads the IPv4 tail of %s", (text, h) => {
      expect(parsed(text)).toBe(h);
    });

    it.each(["::ffff:1.2.3/4", "::ffff:1.2.3.4.5", "::ffff:1.2.3.04", "::ffff:1.2.3.4x", "::ffff:.1.2.3.4"])(
      "rejects the IPv4 tail of %j",
      (text) => {
        expect(parsed(text)).toBe(false);
      },
    );
  });
});

describe("parseHexColon (DHCPv4 chaddr text)", () => {
  const read = (text: string, max = 16): string | number => {
    const out = new Uint8Array(max);
    const n = parseHexColon(text, out, 0, max);
    return n < 0 ? n : toHex(out.subarray(0, n));
  };

  it.each([
    ["00", "00"],
    ["02:00:5e:10:00:01", "02005e100001"],
    ["AB:cd:Ef:09:fF", "abcdef09ff"],
    ["00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", "00112233445566778899aabbccddeeff"],
  ])("%s", (text, h) => {
    expect(read(text)).toBe(h);
  });

  it("writes at an offset and returns the byte count", () => {
    const out = new Uint8Array(6).fill(0xee);
    expect(parseHexColon("0a:0b", out, 2, 4)).toBe(2);
    expect(toHex(out)).toBe("eeee0a0beeee");
  });

  it("refuses more bytes than max", () => {
    expect(read("01:02:03", 2)).toBe(-1);
    expect(read("01:02", 2)).toBe("0102");
  });

  it.each([
    ["no bytes", ""],
    ["a one-digit byte", "2:00"],
    ["a three-digit byte", "002:00"],
    ["a lone colon", ":"],
    ["a leading colon", ":02:00"],
    ["a trailing colon", "02:00:"],
    ["two colons", "02::00"],
    ["a dash", "02-00"],
    ["a dot", "02.00"],
    ["a space", "02 00"],
    ["a digit that is not hex", "0g:00"],
    ["a character just below 0", "0/:00"],
    ["a character just after 9", "0;:00"],
    ["a character just below A", "@0:00"],
    ["a character just after F", "0G:00"],
    ["a character just after f", "0g:00"],
    ["a character outside ASCII", "0\u0661:00"],
    ["U+0080", "\u0080a:00"],
    ["a 17th byte", "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:01"],
  ])("rejects %s (%j)", (_name, text) => {
    expect(read(text)).toBe(-1);
  });

  // The grammar written as a regular expression, independently of the parser.
  const GRAMMAR = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){0,15}$/;

  it("accepts exactly the texts of the grammar, with the bytes their digits say", () => {
    const text = fc
      .array(fc.constantFrom("0", "9", "a", "F", "g", ":", "-", "/", "@", "\u00e9"), { maxLength: 50 })
      .map((cs) => cs.join(""));
    const wellFormed = fc
      .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 17 })
      .map((bs) => bs.map((b) => b.toString(16).padStart(2, "0")).join(":"));
    fc.assert(
      fc.property(fc.oneof(text, wellFormed), (t) => {
        const got = read(t);
        if (!GRAMMAR.test(t)) return got === -1;
        return got === t.split(":").join("").toLowerCase();
      }),
    );
  });
});
