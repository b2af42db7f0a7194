import { describe, expect, it } from "vitest";
import { decode, encode, isEncodeError, toHex } from "../../src/index.js";
import { ref, u8 } from "../../src/schema/codec.js";
import { defineOption, tableOf } from "../../src/schema/option.js";
import { optionArea } from "../../src/schema/option-area-codec.js";
import { subOptionList } from "../../src/schema/tlv.js";
import { decodeDhcpv4, dhcpv4EncodingLength, encodeDhcpv4, encodeDhcpv4Into } from "../../src/v4/message.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { DHCPV4_OPTION_DEFS } from "../../src/v4/schema.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";
import { area, COOKIE, decodeError, encodeError, header, message, opt, value } from "./helpers.js";

const END = { code: 255 };

describe("decodeDhcpv4", () => {
  it("keeps chaddr raw unless it is a zero-padded Ethernet address", () => {
    const mac = [2, 0, 0, 0, 0, 1];
    expect(decodeDhcpv4(message([255], header({ htype: 1, hlen: 6, chaddr: mac }))).chaddr).toBe("02:00:00:00:00:01");
    const wrongLen = decodeDhcpv4(message([255], header({ htype: 1, hlen: 5, chaddr: mac }))).chaddr;
    expect(wrongLen).toEqual(Uint8Array.from([...mac, ...new Array(10).fill(0)]));
    const otherType = decodeDhcpv4(message([255], header({ htype: 6, hlen: 6, chaddr: mac }))).chaddr;
    expect(otherType).toBeInstanceOf(Uint8Array);
  });

  it("rejects hlen over 16 at the hlen byte", () => {
    const e = decodeError(message([255], header({ hlen: 17 })));
    expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 2, "hlen"]);
  });

  it("treats overload values other than 1-3 as overloading nothing, and keeps them", () => {
    const fileBytes = area([51, 1], 128); // not an option area: an option 51 header cut short
    const m = decodeDhcpv4(message([...opt(52, [4]), 255], header({ file: fileBytes })));
    expect(m.options[0]).toEqual({ code: 52, overload: 4 });
    expect(m.file).toEqual(Uint8Array.from(fileBytes));
  });

  it("reads sname alone when option 52 says 2", () => {
    const sname = area([...opt(156, [2]), 255], 64);
    const m = decodeDhcpv4(message([...opt(52, [2]), 255], header({ sname })));
    expect(m.sname).toEqual([
      { code: 156, dhcpState: 2 },
      { code: 255, trailing: new Uint8Array(60) },
    ]);
    expect(m.file).toEqual(new Uint8Array(128));
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(message([...opt(52, [2]), 255], header({ sname }))));
  });

  it("rejects an option 52 whose joined value is not one byte, and overloads nothing then", () => {
    const bytes = message([...opt(52, [1]), 0, ...opt(52, [1]), 255]);
    const e = decodeError(bytes);
    expect([e.code, e.offset, e.path]).toEqual(["length-mismatch", 241, "options[0](dhcp-option-overload)"]);
    const m = decodeDhcpv4(bytes, { keepMalformedOptions: true });
    expect(m.options[0]).toMatchObject({ code: 52, data: Uint8Array.of(1, 1) });
    expect(m.file).toBeInstanceOf(Uint8Array);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("reports an option whose length byte is missing", () => {
    const e = decodeError(message([53]));
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 241, "options[0](dhcp-message-type)"]);
  });

  it("names the run an overrunning later instance belongs to", () => {
    const e = decodeError(message([...opt(43, [1]), 43, 9, 1]));
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 244, "options[0]"]);
  });

  it("keeps malformed declared options raw with keepMalformedOptions", () => {
    const bytes = message([...opt(51, [0, 0, 1]), ...opt(151, [0, 0xff]), ...opt(82, [5, 2, 1, 2]), 255]);
    const m = decodeDhcpv4(bytes, { keepMalformedOptions: true });
    expect(m.options[0]).toMatchObject({ code: 51, data: Uint8Array.of(0, 0, 1) });
    expect((m.options[0] as { malformed?: string }).malformed).toMatch(/dhcp-lease-time is 4 byte/);
    expect(m.options[1]).toMatchObject({ code: 151, data: Uint8Array.of(0, 0xff) });
    expect(m.options[2]).toEqual({
      code: 82,
      suboptions: [{ code: 5, data: Uint8Array.of(1, 2), malformed: "link-selection is 4 byte(s), its length says 2" }],
    });
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("keeps a joined value raw when part of it is malformed, with input offsets in the message", () => {
    // option 82 in two runs: [0c 05] pad [00 00]: relay-id length 5 with 2 bytes left.
    const bytes = message([...opt(82, [12, 5]), 0, ...opt(82, [0, 0]), 255]);
    const m = decodeDhcpv4(bytes, { keepMalformedOptions: true });
    expect(m.options[0]).toMatchObject({ code: 82, data: Uint8Array.of(12, 5, 0, 0) });
    expect((m.options[0] as { malformed?: string }).malformed).toMatch(/byte 243/);
    expect(m.options[2]).toEqual({ code: 82, continuation: 2 });
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("joins a declared value split in runs and decodes it", () => {
    const bytes = message([...opt(51, [0, 0]), 0, ...opt(51, [0x0e, 0x10]), 255]);
    const m = decodeDhcpv4(bytes);
    expect(m.options).toEqual([{ code: 51, leaseTime: 3600 }, { code: 0 }, { code: 51, continuation: 2 }, END]);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("records non-default instance lengths of a continuation run", () => {
    const bytes = message([...opt(43, [1]), 0, ...opt(43, [2]), ...opt(43, [3]), 255]);
    const m = decodeDhcpv4(bytes);
    expect(m.options).toEqual([
      { code: 43, data: Uint8Array.of(1, 2, 3) },
      { code: 0 },
      { code: 43, continuation: 2, split: [1, 1] },
      END,
    ]);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("records a zero-length last instance as a non-default split", () => {
    const bytes = message([...opt(43, new Array(255).fill(7)), ...opt(43, []), 255]);
    const m = decodeDhcpv4(bytes);
    expect(m.options[0]).toMatchObject({ code: 43, split: [255, 0] });
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("maps an error at the very end of a joined value to the end of its last instance", () => {
    // option 82 joined from [] and [01]: sub-option 1 with no length byte.
    const e = decodeError(message([...opt(82, []), 0, ...opt(82, [1]), 255]));
    expect([e.code, e.offset, e.path]).toEqual([
      "length-mismatch",
      246,
      "options[0](relay-agent-information).suboptions[0](circuit-id)",
    ]);
  });

  it("reads the overload from a split option 52", () => {
    const bytes = message([...opt(52, []), ...opt(52, [1]), 255], header({ file: area([255], 128) }));
    const m = decodeDhcpv4(bytes);
    expect(m.options[0]).toEqual({ code: 52, overload: 1, split: [0, 1] });
    expect(m.file).toEqual([{ code: 255, trailing: new Uint8Array(127) }]);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("counts the option areas against maxDepth", () => {
    const e = decodeError(message([...opt(82, []), 255]), { maxDepth: 1 });
    expect([e.code, e.path]).toEqual(["depth-exceeded", "options[0](relay-agent-information).suboptions"]);
    const nested = Uint8Array.from([17, 0, 0, 1, 0, 87, 0, 241, ...message([255])]);
    expect(() => decode(nested, { maxDepth: 1 })).toThrow(/maxDepth 1/);
  });

  it("rejects a non-Uint8Array input", () => {
    expect(() => decodeDhcpv4([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe("encodeDhcpv4", () => {
  it("appends a missing end option and zero-fills an overloaded field", () => {
    const m = value([{ code: 52, overload: 1 }], { file: [{ code: 51, leaseTime: 3600 }] });
    const expected = message([...opt(52, [1]), 255], header({ file: area([...opt(51, [0, 0, 14, 16]), 255], 128) }));
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(expected));
  });

  it("zero-fills over a dirty buffer in encodeDhcpv4Into", () => {
    const m = value([{ code: 52, overload: 3 }, END], { file: [END], sname: [END] });
    const dest = new Uint8Array(260).fill(0xee);
    const n = encodeDhcpv4Into(m, dest, 3);
    expect(n).toBe(244);
    expect(toHex(dest.subarray(3, 3 + n))).toBe(
      toHex(message([...opt(52, [3]), 255], header({ sname: [255], file: [255] }))),
    );
  });

  it("splits a value over 255 bytes into 255-byte instances", () => {
    const data = Uint8Array.from({ length: 256 }, (_, i) => i);
    const bytes = encodeDhcpv4(value([{ code: 43, data }]));
    expect(toHex(bytes.subarray(240))).toBe(
      toHex(Uint8Array.from([43, 255, ...data.subarray(0, 255), 43, 1, 255, 255])),
    );
    expect(dhcpv4EncodingLength(value([{ code: 43, data }]))).toBe(bytes.length);
  });

  it("writes declared codes given as raw data unchanged, and reads the overload from raw data", () => {
    const m = value(
      [
        { code: 52, data: Uint8Array.of(1) },
        { code: 51, data: Uint8Array.of(1, 2, 3, 4) },
      ],
      {
        file: [END],
      },
    );
    expect(toHex(encodeDhcpv4(m))).toBe(
      toHex(message([...opt(52, [1]), ...opt(51, [1, 2, 3, 4]), 255], header({ file: [255] }))),
    );
    // A raw option 52 that is not one byte overloads nothing.
    expect(() => encodeDhcpv4(value([{ code: 52, data: Uint8Array.of(1, 1) }]))).not.toThrow();
  });

  it("places continuation runs with their split", () => {
    const m = value([
      { code: 43, data: Uint8Array.of(1, 2, 3, 4), split: [1, 1] },
      { code: 0 },
      { code: 43, continuation: 2, split: [2] },
      END,
    ]);
    expect(toHex(encodeDhcpv4(m).subarray(240))).toBe("2b01012b0102002b020304ff");
  });

  it("accepts chaddr text for any htype when its length is hlen", () => {
    const m = value([END], { htype: 6, hlen: 2, chaddr: "AB:cd" });
    expect(toHex(encodeDhcpv4(m).subarray(28, 44))).toBe(`abcd${"00".repeat(14)}`);
  });

  it.each([
    ["a non-object", null, "", "invalid-value"],
    ["hlen over 16 with chaddr text", value([END], { hlen: 17, chaddr: "02:00:00:00:00:01" }), "hlen", "out-of-range"],
    ["bad chaddr text", value([END], { htype: 1, hlen: 6, chaddr: "02:00:00:00:00" }), "chaddr", "invalid-value"],
    ["unparsable chaddr text", value([END], { chaddr: "zz" }), "chaddr", "invalid-value"],
    ["15 chaddr bytes", value([END], { chaddr: new Uint8Array(15) }), "chaddr", "invalid-value"],
    ["chaddr of another type", value([END], { chaddr: 5 }), "chaddr", "invalid-value"],
    ["file as options without overload", value([END], { file: [END] }), "file", "invalid-value"],
    ["file as bytes with overload", value([{ code: 52, overload: 1 }, END]), "file", "invalid-value"],
    ["sname of 63 bytes", value([END], { sname: new Uint8Array(63) }), "sname", "invalid-value"],
    ["sname not bytes", value([END], { sname: "x" }), "sname", "invalid-value"],
    ["options not an array", value({} as unknown[]), "options", "invalid-value"],
    ["an entry not an object", value([7]), "options[0]", "invalid-value"],
    ["code 256", value([{ code: 256, data: new Uint8Array(0) }]), "options[0].code", "out-of-range"],
    ["end before the last entry", value([END, { code: 0 }]), "options[0]", "invalid-value"],
    ["trailing not bytes", value([{ code: 255, trailing: [0] }]), "options[0].trailing", "invalid-value"],
    ["an unknown code without data", value([{ code: 43 }]), "options[0]", "invalid-value"],
    [
      "a bad declared field",
      value([{ code: 51, leaseTime: -1 }]),
      "options[0](dhcp-lease-time).leaseTime",
      "out-of-range",
    ],
    [
      "an overload that is not a number",
      value([{ code: 52, overload: "1" }]),
      "options[0](dhcp-option-overload).overload",
      "invalid-value",
    ],
    [
      "a code twice",
      value([
        { code: 43, data: Uint8Array.of(1) },
        { code: 43, data: Uint8Array.of(2) },
      ]),
      "options[1]",
      "invalid-value",
    ],
    ["a continuation first", value([{ code: 43, continuation: 1 }]), "options[0]", "invalid-value"],
    [
      "a continuation right after its option",
      value([
        { code: 43, data: Uint8Array.of(1, 2) },
        { code: 43, continuation: 1 },
      ]),
      "options[1]",
      "invalid-value",
    ],
    [
      "a continuation count that is not a count",
      value([{ code: 43, data: Uint8Array.of(1, 2) }, { code: 0 }, { code: 43, continuation: -1 }]),
      "options[2].continuation",
      "invalid-value",
    ],
    [
      "continuations longer than the value",
      value([{ code: 43, data: Uint8Array.of(1) }, { code: 0 }, { code: 43, continuation: 2 }]),
      "options[0]",
      "invalid-value",
    ],
    [
      "split not an array",
      value([{ code: 43, data: Uint8Array.of(1), split: 1 }]),
      "options[0].split",
      "invalid-value",
    ],
    ["an empty split", value([{ code: 43, data: Uint8Array.of(1), split: [] }]), "options[0].split", "invalid-value"],
    [
      "a 256-byte instance",
      value([{ code: 43, data: new Uint8Array(256), split: [256] }]),
      "options[0].split[0]",
      "out-of-range",
    ],
    [
      "a split that does not add up",
      value([{ code: 43, data: Uint8Array.of(1), split: [2] }]),
      "options[0].split",
      "invalid-value",
    ],
    [
      "option 52 in file",
      value([{ code: 52, overload: 1 }], { file: [{ code: 52, overload: 1 }] }),
      "file[0](dhcp-option-overload)",
      "invalid-value",
    ],
    [
      "file options over 128 bytes",
      value([{ code: 52, overload: 1 }], { file: [{ code: 43, data: new Uint8Array(126) }] }),
      "file",
      "too-long",
    ],
    [
      "a sub-option over 255 bytes",
      value([{ code: 82, suboptions: [{ code: 1, circuitId: new Uint8Array(256) }] }]),
      "options[0](relay-agent-information).suboptions[0](circuit-id)",
      "too-long",
    ],
    [
      "a sub-option that is not an object",
      value([{ code: 82, suboptions: [null] }]),
      "options[0](relay-agent-information).suboptions[0]",
      "invalid-value",
    ],
    [
      "sub-options not an array",
      value([{ code: 82, suboptions: 1 }]),
      "options[0](relay-agent-information).suboptions",
      "invalid-value",
    ],
  ])("rejects %s", (_name, m, path, code) => {
    const e = encodeError(m);
    expect([e.path, e.code]).toEqual([path, code]);
  });

  it("rejects a dest that is not a Uint8Array or too small", () => {
    const m = value([END]);
    expect(() => encodeDhcpv4Into(m, [] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => encodeDhcpv4Into(m, new Uint8Array(240))).toThrow(/needs 241 byte/);
    expect(() => encodeDhcpv4Into(m, new Uint8Array(300), -1)).toThrow(/buffer-too-small|needs/);
  });
});

describe("inside OPTION_DHCPV4_MSG", () => {
  it("decodes to the DHCPv4 message and re-encodes byte for byte", () => {
    const v4 = message([...opt(53, [15]), 255]);
    const bytes = Uint8Array.from([16, 0, 0, 9, 0, 87, 0, v4.length, ...v4]);
    const m = decode(bytes);
    expect(m.options[0]).toEqual({ code: 87, dhcpv4Message: decodeDhcpv4(v4) });
    expect(toHex(encode(m))).toBe(toHex(bytes));
  });

  it("reports encode errors with the outer path", () => {
    expect(() =>
      encode({
        msgType: 16,
        transactionId: 1,
        options: [{ code: 87, dhcpv4Message: value([END], { hlen: 20, chaddr: "02:00" }) }],
      }),
    ).toThrow(/options\[0\]\(DHCPV4_MSG\)\.dhcpv4Message\.hlen/);
  });
});

describe("subOptionList", () => {
  it("rejects bytes left over after a layout that does not take the rest", () => {
    const defs = tableOf([defineOption(1, "one", "test", { x: ref("u8", () => u8) })]);
    const list = subOptionList<unknown>("test", () => defs);
    const r = new Reader(Uint8Array.of(1, 2, 7, 8), { maxDepth: 4, keepMalformedOptions: false });
    expect(() => list.read(r)).toThrow(/1 byte\(s\) left over after the one layout/);
    const lenient = new Reader(Uint8Array.of(1, 2, 7, 8), { maxDepth: 4, keepMalformedOptions: true });
    expect(list.read(lenient)).toEqual([
      { code: 1, data: Uint8Array.of(7, 8), malformed: expect.stringMatching(/left over/) },
    ]);
  });
});

describe("optionArea (a single area as a codec)", () => {
  const codec = optionArea<unknown>("dhcpv4", () => tableOf(DHCPV4_OPTION_DEFS));
  const bytes = Uint8Array.from([...opt(53, [13]), 0, 255, 9]);

  it("reads, sizes and writes one area", () => {
    const v = codec.read(new Reader(bytes, { maxDepth: 4, keepMalformedOptions: false }));
    expect(v).toEqual([{ code: 53, messageType: 13 }, { code: 0 }, { code: 255, trailing: Uint8Array.of(9) }]);
    expect(codec.size(v, 0)).toBe(bytes.length);
    const out = new Uint8Array(bytes.length);
    codec.write(new Writer(out), v);
    expect(out).toEqual(bytes);
  });

  it("checks its nesting", () => {
    expect(() => codec.read(new Reader(bytes, { maxDepth: 0, keepMalformedOptions: false }))).toThrow(/maxDepth 0/);
    expect(() => codec.size([], 1000)).toThrow(/too deep/);
  });

  it("reports a missing end option at the end of the area", () => {
    expect(() => codec.read(new Reader(Uint8Array.of(0), { maxDepth: 4, keepMalformedOptions: false }))).toThrow(
      /the area before the end option/,
    );
  });
});

it("header helpers build what RFC 2131 §2 lays out", () => {
  expect(header().length).toBe(236);
  expect(message([255]).subarray(236, 240)).toEqual(Uint8Array.from(COOKIE));
});

// Expected values are worked out by hand from the layouts of RFC 2131 §2-3
// (chaddr at byte 28, sname at 44, file at 108, the magic cookie at 236,
// options at 240) and RFC 2132 §9.3 (option overload: 1 = file, 2 = sname,
// 3 = both).
describe("message codec edges: chaddr, hlen, fixed fields, cookie, overload, entries, encodeDhcpv4Into", () => {
  const END = { code: 255 };

  describe("chaddr text (colon-separated hex bytes, at most the 16 bytes of chaddr)", () => {
    it("reads either case and zero-fills chaddr after hlen bytes", () => {
      const bytes = encodeDhcpv4(value([END], { htype: 1, hlen: 6, chaddr: "0A:1b:2C:3d:4E:5f" }));
      expect(toHex(bytes.subarray(28, 44))).toBe(`0a1b2c3d4e5f${"00".repeat(10)}`);
    });

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
      ["two colons", "02::00", 2],
      ["a digit that is not hex", "0g:00", 2],
      ["a character just below 0", "0/:00", 2],
      ["a character just below A", "@0:00", 2],
      ["a character outside ASCII", "0\u0661:00", 2],
      ["more bytes than hlen", "02:00:01", 2],
      ["fewer bytes than hlen", "02", 2],
    ])("rejects text with %s as not colon-separated hex bytes", (_name, chaddr, hlen) => {
      const e = encodeError(value([END], { htype: 6, hlen, chaddr }));
      expect([e.code, e.path]).toEqual(["invalid-value", "chaddr"]);
    });

    it("refuses raw chaddr bytes of more than 16", () => {
      const e = encodeError(value([END], { chaddr: new Uint8Array(17) }));
      expect([e.code, e.path]).toEqual(["invalid-value", "chaddr"]);
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
      [30, "chaddr", 28],
      [50, "sname", 44],
      [150, "file", 108],
      [238, "magicCookie", 236],
    ])("reports an input of %i bytes as truncated in %s", (n, path, offset) => {
      const e = decodeError(message([255]).subarray(0, n));
      expect([e.code, e.path, e.offset]).toEqual(["truncated", path, offset]);
    });

    it.each([
      ["63825362", 3],
      ["62825363", 0],
    ])("rejects cookie %s at byte 236", (_cookie, i) => {
      const bytes = message([255]);
      bytes[236 + i] = (bytes[236 + i] as number) - 1;
      const e = decodeError(bytes);
      expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 236, "magicCookie"]);
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
    });

    it("rejects option 52 in file when encoding, naming the options field", () => {
      const e = encodeError(value([{ code: 52, overload: 1 }, END], { file: [{ code: 52, overload: 1 }, END] }));
      expect([e.code, e.path]).toEqual(["invalid-value", "file[0](dhcp-option-overload)"]);
    });

    it("rejects a negative overload as out of range, not as overloading file", () => {
      const e = encodeError(value([{ code: 52, overload: -1 }, END]));
      expect([e.code, e.path]).toEqual(["out-of-range", "options[0](dhcp-option-overload).overload"]);
    });

    it("rejects option 52 in sname (RFC 2131 §4.1) at its offset and path", () => {
      const sname = area([...opt(52, [2]), 255], 64);
      const e = decodeError(message([...opt(52, [2]), 255], header({ sname })));
      expect([e.code, e.offset, e.path]).toEqual(["invalid-value", 44, "sname[0](dhcp-option-overload)"]);
    });

    it("refuses file or sname that do not match the overload, at the field", () => {
      const asBytes = encodeError(value([{ code: 52, overload: 2 }, END]));
      expect([asBytes.code, asBytes.path]).toEqual(["invalid-value", "sname"]);
      const asOptions = encodeError(value([END], { sname: [END] }));
      expect([asOptions.code, asOptions.path]).toEqual(["invalid-value", "sname"]);
      const short = encodeError(value([END], { file: new Uint8Array(127) }));
      expect([short.code, short.path]).toEqual(["invalid-value", "file"]);
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

    it("refuses a message that is not an object", () => {
      for (const m of [5, "x"]) {
        const e = encodeError(m);
        expect([e.code, e.path]).toEqual(["invalid-value", ""]);
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

    it.each([1.5, -1, 3])("refuses offset %s with buffer-too-small, writing nothing", (offset) => {
      const dest = new Uint8Array(243).fill(0xee);
      let thrown: unknown;
      try {
        encodeDhcpv4Into(m, dest, offset);
      } catch (e) {
        thrown = e;
      }
      expect(isEncodeError(thrown) && thrown.code).toBe("buffer-too-small");
      expect(dest.every((b) => b === 0xee)).toBe(true);
    });
  });
});
