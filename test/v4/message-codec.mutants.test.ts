/**
 * Cases for the mutants Stryker left alive in src/v4/message-codec.ts and
 * src/v4/message.ts. Expected values are worked out by hand from the
 * layouts of RFC 2131 §2-3 (chaddr at byte 28, sname at 44, file at 108,
 * the magic cookie at 236, options at 240) and RFC 2132 §9.3 (option
 * overload: 1 = file, 2 = sname, 3 = both), and from the messages and
 * codes the functions document.
 */
import { describe, expect, it } from "vitest";
import { isEncodeError, toHex } from "../../src/index.js";
import { decodeDhcpv4, dhcpv4EncodingLength, encodeDhcpv4, encodeDhcpv4Into } from "../../src/v4/message.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { area, decodeError, encodeError, header, message, opt, value } from "./helpers.js";

const END = { code: 255 };

describe("chaddr text (colon-separated hex bytes, at most the 16 bytes of chaddr)", () => {
  it("accepts 16 bytes of text when hlen is 16 and writes them at byte 28", () => {
    const text = "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";
    const bytes = encodeDhcpv4(value([END], { htype: 6, hlen: 16, chaddr: text }));
    expect(toHex(bytes.subarray(28, 44))).toBe("00112233445566778899aabbccddeeff");
  });

  it.each([
    ["a 17th byte", "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:01", 16],
    ["something before the first byte", "x02:00", 2],
    ["something after the last byte", "02:00x", 2],
    ["a one-digit byte", "2:00", 2],
    ["a byte of three digits", "002:00", 2],
    ["a separator that is not a colon", "02-00", 2],
    ["a trailing colon", "02:00:", 2],
    ["no bytes", "", 0],
  ])("rejects text with %s as not colon-separated hex bytes", (_name, chaddr, hlen) => {
    const e = encodeError(value([END], { htype: 6, hlen, chaddr }));
    expect([e.code, e.path]).toEqual(["invalid-value", "chaddr"]);
    expect(e.message).toMatch(/colon-separated hex bytes/);
  });

  it("names both counts when the text and hlen disagree", () => {
    const e = encodeError(value([END], { htype: 1, hlen: 6, chaddr: "02:00:00:00:01" }));
    expect([e.code, e.path]).toEqual(["invalid-value", "chaddr"]);
    expect(e.message).toMatch(/5 byte\(s\), hlen says 6/);
  });

  it("names the required 16 bytes for raw chaddr bytes", () => {
    const e = encodeError(value([END], { chaddr: new Uint8Array(17) }));
    expect([e.code, e.path]).toEqual(["invalid-value", "chaddr"]);
    expect(e.message).toMatch(/all 16, got 17/);
  });
});

describe("hlen", () => {
  it("allows 16, the whole of chaddr, both ways (RFC 2131 §2)", () => {
    const chaddr = Array.from({ length: 16 }, (_, i) => i + 1);
    const bytes = message([255], header({ htype: 6, hlen: 16, chaddr }));
    const m = decodeDhcpv4(bytes);
    expect([m.hlen, m.chaddr]).toEqual([16, Uint8Array.from(chaddr)]);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("names the value over 16 in both directions", () => {
    expect(decodeError(message([255], header({ hlen: 17 }))).message).toMatch(/hlen 17 is more than the 16 bytes/);
    expect(encodeError(value([END], { hlen: 17, chaddr: "02:00" })).message).toMatch(/hlen 17 is more than 16/);
  });
});

describe("Ethernet chaddr text only when bytes 6-15 are zero", () => {
  it("keeps the bytes raw when byte 6, the first after the address, is not zero", () => {
    const chaddr = [2, 0, 0, 0, 0, 1, 9];
    const m = decodeDhcpv4(message([255], header({ htype: 1, hlen: 6, chaddr })));
    expect(m.chaddr).toEqual(Uint8Array.from([...chaddr, ...new Array(9).fill(0)]));
  });

  it("formats the six address bytes with two hex digits each", () => {
    const chaddr = [0x0a, 0xb0, 0x0c, 0xff, 0x00, 0x7e];
    const m = decodeDhcpv4(message([255], header({ htype: 1, hlen: 6, chaddr })));
    expect(m.chaddr).toBe("0a:b0:0c:ff:00:7e");
  });
});

describe("the fixed fields and the magic cookie", () => {
  // Inputs cut inside each field: 30 bytes ends in chaddr (28-43), 50 in
  // sname (44-107), 150 in file (108-235), 238 in the cookie (236-239).
  it.each([
    [30, "chaddr", 28, "chaddr needs 16 byte(s), the input has 2 left"],
    [50, "sname", 44, "sname needs 64 byte(s), the input has 6 left"],
    [150, "file", 108, "file needs 128 byte(s), the input has 42 left"],
    [238, "magicCookie", 236, "magic cookie needs 4 byte(s), the input has 2 left"],
  ])("reports an input of %i bytes as truncated in %s", (n, path, offset, reason) => {
    const e = decodeError(message([255]).subarray(0, n));
    expect([e.code, e.path, e.offset]).toEqual(["truncated", path, offset]);
    expect(e.message).toContain(reason);
  });

  it.each([
    ["63825362", 3],
    ["62825363", 0],
  ])("rejects cookie %s at byte 236 and says what it should be", (cookie, i) => {
    const bytes = message([255]);
    bytes[236 + i] = (bytes[236 + i] as number) - 1;
    const e = decodeError(bytes);
    expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 236, "magicCookie"]);
    expect(e.message).toMatch(new RegExp(`magic cookie is ${cookie}, not 63825363`));
  });
});

describe("option overload (RFC 2132 §9.3 defines 1, 2 and 3)", () => {
  it("overloads nothing for 5, although its low bit is set", () => {
    const file = area([51, 1], 128); // not an option area
    const m = decodeDhcpv4(message([...opt(52, [5]), 255], header({ file })));
    expect(m.file).toEqual(Uint8Array.from(file));
    expect(encodeDhcpv4(m)).toEqual(message([...opt(52, [5]), 255], header({ file })));
  });

  it("reads both fields for 3, file before sname", () => {
    const file = area([...opt(152, [0, 0, 0, 1]), 255], 128);
    const sname = area([...opt(156, [2]), 255], 64);
    const m = decodeDhcpv4(message([...opt(52, [3]), 255], header({ file, sname })));
    expect(m.file).toEqual([
      { code: 152, baseTime: 1 },
      { code: 255, trailing: new Uint8Array(121) },
    ]);
    expect(m.sname).toEqual([
      { code: 156, dhcpState: 2 },
      { code: 255, trailing: new Uint8Array(60) },
    ]);
  });

  it("takes the overload from the one-byte instance when an empty one follows it", () => {
    // 34 01 01 34 00: option 52 split as [1, 0]; the joined value is the byte 01.
    const file = area([255], 128);
    const bytes = message([...opt(52, [1]), ...opt(52, []), 255], header({ file }));
    const m = decodeDhcpv4(bytes);
    expect(m.options[0]).toEqual({ code: 52, overload: 1, split: [1, 0] });
    expect(m.file).toEqual([{ code: 255, trailing: new Uint8Array(127) }]);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("reports a continuation of option 52 placed before the option at that entry", () => {
    // The overload still comes from the option itself, so file may hold options.
    const m = value([{ code: 52, continuation: 1 }, { code: 52, overload: 1 }, END], { file: [END] });
    const e = encodeError(m);
    // Paths name a declared option after its index, as in file[0](dhcp-option-overload).
    expect([e.code, e.path]).toEqual(["invalid-value", "options[0](dhcp-option-overload)"]);
    expect(e.message).toMatch(/continuation of option 52 comes before the option itself/);
  });

  it("rejects option 52 in file when encoding, naming the options field", () => {
    const e = encodeError(value([{ code: 52, overload: 1 }, END], { file: [{ code: 52, overload: 1 }, END] }));
    expect([e.code, e.path]).toEqual(["invalid-value", "file[0](dhcp-option-overload)"]);
    expect(e.message).toMatch(/option 52 may appear only in options/);
  });

  it("rejects a negative overload as out of range, not as overloading file", () => {
    const e = encodeError(value([{ code: 52, overload: -1 }, END]));
    expect([e.code, e.path]).toEqual(["out-of-range", "options[0](dhcp-option-overload).overload"]);
  });

  it("rejects option 52 in sname with its path and the rule", () => {
    const sname = area([...opt(52, [2]), 255], 64);
    const e = decodeError(message([...opt(52, [2]), 255], header({ sname })));
    expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 44, "sname[0](dhcp-option-overload)"]);
    expect(e.message).toMatch(/only in the options field \(RFC 2131 §4\.1\)/);
  });

  it("names the field and option 52 when file or sname do not match the overload", () => {
    const asBytes = encodeError(value([{ code: 52, overload: 2 }, END]));
    expect([asBytes.code, asBytes.path]).toEqual(["invalid-value", "sname"]);
    expect(asBytes.message).toMatch(/option 52 says sname carries options/);
    const asOptions = encodeError(value([END], { sname: [END] }));
    expect([asOptions.code, asOptions.path]).toEqual(["invalid-value", "sname"]);
    expect(asOptions.message).toMatch(/sname holds options but option 52 does not say so/);
    const short = encodeError(value([END], { file: new Uint8Array(127) }));
    expect([short.code, short.path]).toEqual(["invalid-value", "file"]);
    expect(short.message).toMatch(/expected 128 bytes, got 127/);
  });
});

describe("entries that are not options", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
  ])("reports a %s entry as an EncodeError at its index", (_name, entry) => {
    let thrown: unknown;
    try {
      encodeDhcpv4(value([entry, END]));
    } catch (e) {
      thrown = e;
    }
    expect(isEncodeError(thrown) && [thrown.code, thrown.path]).toEqual(["invalid-value", "options[0]"]);
  });

  it("describes a message that is not an object", () => {
    for (const m of [null, 5, "x"]) {
      const e = encodeError(m);
      expect(e.code).toBe("invalid-value");
      expect(e.message).toMatch(/expected a DHCPv4 message object/);
    }
  });
});

describe("encodeDhcpv4Into and dhcpv4EncodingLength", () => {
  // 240 bytes of header, sname, file and cookie, then the end option.
  const m: Dhcpv4Message = value([END]);

  it("fits exactly at the end of dest", () => {
    expect(dhcpv4EncodingLength(m)).toBe(241);
    const dest = new Uint8Array(243);
    expect(encodeDhcpv4Into(m, dest, 2)).toBe(241);
    expect(dest[242]).toBe(255);
    expect(encodeDhcpv4Into(m, new Uint8Array(241))).toBe(241);
  });

  it.each([1.5, -1, 3])("refuses offset %s with buffer-too-small, naming the sizes", (offset) => {
    const dest = new Uint8Array(243).fill(0xee);
    let thrown: unknown;
    try {
      encodeDhcpv4Into(m, dest, offset);
    } catch (e) {
      thrown = e;
    }
    expect(isEncodeError(thrown) && thrown.code).toBe("buffer-too-small");
    expect((thrown as Error).message).toMatch(new RegExp(`needs 241 byte\\(s\\) at offset ${offset}, dest has 243`));
    expect(dest.every((b) => b === 0xee)).toBe(true);
  });

  it("says what dest must be", () => {
    expect(() => encodeDhcpv4Into(m, [] as unknown as Uint8Array)).toThrow(/dest must be a Uint8Array/);
  });
});
