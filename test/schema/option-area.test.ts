// DHCPv4 option areas (RFC 2132 §2-3) and RFC 3396 split options, in
// src/schema/option-area.ts. Bytes are written out by hand with the helpers
// of test/v4/helpers.ts (236-octet header, magic cookie, code/length/data
// options). Option 51 (lease time) is a 4-octet value (RFC 2132 §9.2); code
// 200 has no declaration, so its value is raw bytes.
import { describe, expect, it } from "vitest";
import { DecodeError, type Dhcpv6Message, decode, encode, toHex } from "../../src/index.js";
import { type Codec, u8 } from "../../src/schema/codec.js";
import { defineOption, tableOf } from "../../src/schema/option.js";
import { type AreaPlan, planAreas, writeArea } from "../../src/schema/option-area.js";
import { interpretedBodies, optionArea } from "../../src/schema/option-area-codec.js";
import { decodeDhcpv4, encodeDhcpv4, encodeDhcpv4Into } from "../../src/v4/message.js";
import { DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";
import { readerOptions } from "../../src/wire/decode-options.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";
import { decodeError, encodeError, header, message, opt, value } from "../v4/helpers.js";

const lease = { code: 51, leaseTime: 1 };
/** The encoded options field of a message (after the 236-octet header and the cookie). */
const optionsHex = (b: Uint8Array) => toHex(b.subarray(240));

describe("decoding", () => {
  it("fails an option cut off in its length or its data at its length octet", () => {
    // The options field starts at octet 240 (236-octet header, 4-octet cookie).
    // Code 200 and then nothing: the length octet is missing.
    let e = decodeError(message([200]));
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 241, "options[0]"]);
    // Code 200, length 5, two octets.
    e = decodeError(message([200, 5, 1, 2]));
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 241, "options[0]"]);
  });

  it("gives no split for one instance, even an empty one, and none for a default continuation", () => {
    const m = decodeDhcpv4(message([...opt(200, []), 255]));
    expect(m.options).toStrictEqual([{ code: 200, data: new Uint8Array(0) }, { code: 255 }]);
    // 200 (2 octets), a pad, 200 again (1 octet): a continuation of 1 octet, no split.
    const c = decodeDhcpv4(message([...opt(200, [1, 2]), 0, ...opt(200, [3]), 255]));
    expect(c.options).toStrictEqual([
      { code: 200, data: Uint8Array.of(1, 2, 3) },
      { code: 0 },
      { code: 200, continuation: 1 },
      { code: 255 },
    ]);
  });

  it("reports a joined value cut short inside as length-mismatch, at input offsets", () => {
    // Option 82 (RFC 3046) in two instances, 01 01 and 02 05 aa. Joined
    // (RFC 3396 §7): 01 01 02 05 aa, sub-option 1 of length 1 (02), then
    // sub-option 5 announcing 0xaa octets with none left. The joined value
    // ends where its last instance does, not at the end of the input, so this
    // is a length-mismatch rather than truncated input.
    const e = decodeError(message([...opt(82, [1, 1]), ...opt(82, [2, 5, 0xaa]), 255]));
    expect(e.code).toBe("length-mismatch");
    expect(e.path).toMatch(/^options\[0\]/);
  });
});

describe("decoding joined values (RFC 3396)", () => {
  it("reports a joined value's own error code when it is not about running out", () => {
    // Option 151 (status-code, RFC 6926 §6.2.2: code octet, UTF-8 text) in two
    // instances 00 | ff: joined 00 ff, and ff is not UTF-8 (RFC 3629).
    const e = decodeError(message([...opt(151, [0]), ...opt(151, [0xff]), 255]));
    expect(e.code).toBe("invalid-value");
  });

  it("applies maxDepth inside a joined value as inside a single instance", () => {
    // The options area is one level and option 82's sub-options another
    // (RFC 3046): maxDepth 1 refuses both forms, maxDepth 2 reads both.
    const single = message([...opt(82, [1, 1, 7]), 255]);
    const split = message([...opt(82, [1]), ...opt(82, [1, 7]), 255]);
    for (const b of [single, split]) {
      const e = decodeError(b, { maxDepth: 1 });
      expect(e.code).toBe("depth-exceeded");
      // Both name the first octet of option 82's data: the 236-octet
      // header, the 4-octet cookie, then code (240) and length (241). In
      // the split form this is offset 0 of the joined value, mapped back.
      expect(e.offset).toBe(242);
      expect(decodeDhcpv4(b, { maxDepth: 2 }).options[0]).toMatchObject({ code: 82 });
    }
  });

  it("lets an error that is not a DecodeError out of a joined value unchanged", () => {
    // A made-up layout whose reader fails as a bug would: the TypeError must
    // not be disguised as a DecodeError about the input.
    const boom: Codec<number> = {
      kind: u8.kind,
      fixed: 1,
      size: u8.size,
      write: u8.write,
      read() {
        throw new TypeError("boom");
      },
    };
    const area = optionArea("test", () => tableOf([defineOption(200, "boom", "test", { x: boom })]));
    // Option 200 in two instances, of one octet and of none (RFC 3396 §7
    // joins them into the one octet the layout takes), then end.
    const r = new Reader(Uint8Array.of(200, 1, 7, 200, 0, 255), readerOptions({}));
    expect(() => area.read(r)).toThrow(TypeError);
  });

  it("reads an overloaded DHCPv4 message nested in OPTION_DHCPV4_MSG to its end", () => {
    // RFC 7341 §6.1: OPTION_DHCPV4_MSG (87) holds the whole DHCPv4 message,
    // here one whose file field carries options (overload 1, RFC 2132 §9.3).
    const v4 = message([...opt(52, [1]), 255], header({ file: [0x33, 4, 0, 0, 0, 1, 255] }));
    const m: Dhcpv6Message = {
      msgType: 15,
      transactionId: 1,
      options: [{ code: 87, data: v4 } as never],
    };
    const decoded = decode(encode(m));
    const inner = (decoded.options[0] as { dhcpv4Message: { file: unknown[] } }).dhcpv4Message;
    expect(inner.file[0]).toEqual({ code: 51, leaseTime: 1 });
  });
});

describe("encoding", () => {
  it("writes declared values of every size in order, whatever scratch they were encoded into", () => {
    // Declared values of 40, 30, 100, 1 and 300 octets (the last split
    // 255 + 45, RFC 3396), around the 64-octet scratch chunks and their
    // growth: each written from its own bytes, in entry order.
    const routers = Array.from({ length: 10 }, (_, i) => `10.0.0.${i}`);
    const hostName = Uint8Array.from({ length: 30 }, (_, i) => 0x61 + (i % 26));
    const prl = Array.from({ length: 100 }, (_, i) => i + 1);
    const domainName = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const m = value([
      { code: 3, routers },
      { code: 12, hostName },
      { code: 55, parameterRequestList: prl },
      { code: 53, messageType: 5 },
      { code: 15, domainName },
    ]);
    const expected = [
      ...opt(
        3,
        routers.flatMap((_, i) => [10, 0, 0, i]),
      ),
      ...opt(12, hostName),
      ...opt(55, prl),
      ...opt(53, [5]),
      ...opt(15, domainName.subarray(0, 255)),
      ...opt(15, domainName.subarray(255)),
      255,
    ];
    expect(encodeDhcpv4(m)).toEqual(message(expected));
  });

  it("accepts a continuation of option 1 placed after a pad", () => {
    // RFC 3396 §5-7: option 1 (subnet mask, RFC 2132 §3.3) given as 4 raw
    // octets ff ff ff 00, 2 of them placed later by a continuation entry.
    // A pad between the two instances keeps them apart, so this is not a
    // continuation "right after" its option: 01 02 ffff, 00, 01 02 ff00, ff.
    const m = value([
      { code: 1, data: Uint8Array.from([0xff, 0xff, 0xff, 0]) },
      { code: 0 },
      { code: 1, continuation: 2 },
    ]);
    expect(optionsHex(encodeDhcpv4(m as never))).toBe("0102ffff" + "00" + "0102ff00" + "ff");
  });

  it("writes an empty value as one empty instance, and a 255-octet value as one full instance", () => {
    expect(optionsHex(encodeDhcpv4(value([{ code: 200, data: new Uint8Array(0) }])))).toBe("c800ff");
    const full = new Uint8Array(255).fill(7);
    expect(optionsHex(encodeDhcpv4(value([{ code: 200, data: full }])))).toBe(`c8ff${"07".repeat(255)}ff`);
  });

  it("appends the end option after a last pad and to an empty list", () => {
    expect(optionsHex(encodeDhcpv4(value([{ code: 0 }])))).toBe("00ff");
    expect(optionsHex(encodeDhcpv4(value([])))).toBe("ff");
    expect(optionsHex(encodeDhcpv4(value([lease, { code: 255 }])))).toBe("330400000001ff");
  });

  it("refuses a bad split at its path", () => {
    let e = encodeError(value([{ ...lease, split: [] }]));
    expect([e.code, e.path]).toEqual(["invalid-value", "options[0](dhcp-lease-time).split"]);
    for (const bad of [-1, 256, 2.5, "2"]) {
      e = encodeError(value([{ ...lease, split: [2, bad] }]));
      expect([e.code, e.path], String(bad)).toEqual(["out-of-range", "options[0](dhcp-lease-time).split[1]"]);
    }
    // 1 + 2 octets of a 4-octet value.
    e = encodeError(value([{ ...lease, split: [1, 2] }]));
    expect([e.code, e.path]).toEqual(["invalid-value", "options[0](dhcp-lease-time).split"]);
  });

  it("refuses misplaced entries at the entry", () => {
    const refused = (v: unknown[]) => {
      const e = encodeError(value(v));
      return [e.code, e.path];
    };
    // The end option (255) before another option.
    expect(refused([{ code: 255 }, lease])).toEqual(["invalid-value", "options[0]"]);
    expect(refused(5 as never)).toEqual(["invalid-value", "options"]);
    // A continuation before the option it continues.
    expect(refused([{ code: 51, continuation: 2 }])).toEqual(["invalid-value", "options[0](dhcp-lease-time)"]);
    // A continuation right after its option would join that run.
    expect(refused([lease, { code: 51, continuation: 0 }])).toEqual(["invalid-value", "options[1](dhcp-lease-time)"]);
    // The same option twice, not as a continuation.
    expect(refused([lease, lease])).toEqual(["invalid-value", "options[1](dhcp-lease-time)"]);
    // A continuation of 5 octets of a 4-octet value: the error names the option it continues.
    expect(refused([lease, { code: 0 }, { code: 51, continuation: 5 }])).toEqual([
      "invalid-value",
      "options[0](dhcp-lease-time)",
    ]);
    for (const n of [-1, 1.5, "2"]) {
      const e = encodeError(value([lease, { code: 0 }, { code: 51, continuation: n }]));
      expect([e.code, e.path], String(n)).toEqual(["invalid-value", "options[2](dhcp-lease-time).continuation"]);
    }
  });

  it("accepts an empty continuation: one empty instance", () => {
    // 33 04 00000001, a pad, 33 00, end.
    expect(optionsHex(encodeDhcpv4(value([lease, { code: 0 }, { code: 51, continuation: 0 }])))).toBe(
      "33040000000100" + "3300ff",
    );
  });

  it("keeps option 52 to the options field and a continuation may open a later area", () => {
    const e = encodeError(value([{ code: 52, overload: 1 }], { file: [{ code: 52, overload: 1 }] }));
    expect([e.code, e.path]).toEqual(["invalid-value", "file[0](dhcp-option-overload)"]);
    // Code 200 (2 octets) in options, its 0-octet continuation first in file:
    // the run in file is a new run, not one right after an instance.
    const m = value(
      [
        { code: 52, overload: 1 },
        { code: 200, data: Uint8Array.of(1, 2) },
      ],
      {
        file: [{ code: 200, continuation: 0 }],
      },
    );
    const b = encodeDhcpv4(m);
    // file is octets 108-235 of the header: c8 00, end, zeros.
    expect(toHex(b.subarray(108, 112))).toBe("c800ff00");
  });

  it("refuses an overloaded field's overflow, and zero-fills the field in a dirty buffer", () => {
    const e = encodeError(value([{ code: 52, overload: 1 }], { file: [{ code: 200, data: new Uint8Array(200) }] }));
    // 2 + 200 octets and the appended end option, in the 128-octet file field.
    expect([e.code, e.path]).toEqual(["too-long", "file"]);
    const m = value([{ code: 52, overload: 1 }], { file: [lease] });
    const dest = new Uint8Array(400).fill(0xee);
    const n = encodeDhcpv4Into(m, dest, 3);
    const out = dest.subarray(3, 3 + n);
    // The same message built by hand: file = 33 04 00000001 ff, then zeros.
    const expected = message([...opt(52, [1]), 255], header({ file: [0x33, 4, 0, 0, 0, 1, 255] }));
    expect(toHex(out)).toBe(toHex(expected));
    expect(dest[3 + n]).toBe(0xee);
  });

  it("stops nesting option areas at 1000 levels", () => {
    const area = optionArea("dhcpv4", () => DHCPV4_OPTION_TABLE);
    expect(() => area.size([], 1000)).toThrow(expect.objectContaining({ code: "depth-exceeded" }));
    expect(area.size([], 999)).toBe(1);
    // Option 82's sub-options (RFC 3046) are one level below the area: at
    // 999 the area fits and its sub-option list does not.
    const relay = { code: 82, suboptions: [] };
    expect(area.size([relay], 998)).toBe(3);
    expect(() => area.size([relay], 999)).toThrow(expect.objectContaining({ code: "depth-exceeded" }));
  });

  it("leaves the writer after a fixed-size area, its zero fill included", () => {
    // A 64-octet area (the size of sname, RFC 2131 §2) holding option 51
    // (4 octets) and the appended end option: 7 octets, then 57 zeros.
    const [plan] = planAreas([{ name: "sname", list: [lease], fixed: 64 }], interpretedBodies(DHCPV4_OPTION_TABLE), 0);
    const out = new Uint8Array(70).fill(0xee);
    const w = new Writer(out);
    w.pos = 3;
    writeArea(w, plan as AreaPlan);
    expect(w.pos).toBe(67);
    expect(toHex(out.subarray(3, 10))).toBe("330400000001ff");
    expect(out.subarray(10, 67).every((x) => x === 0)).toBe(true);
    expect(out[67]).toBe(0xee);
  });

  it("counts an area read as one level of nesting (maxDepth)", () => {
    const area = optionArea("dhcpv4", () => DHCPV4_OPTION_TABLE);
    // Option 82 (RFC 3046) holding an empty sub-option 1, then the end
    // option: 52 02 01 00 ff. The area is one level, the sub-options of 82
    // a second one (as "applies maxDepth inside a joined value" above).
    const bytes = Uint8Array.from([82, 2, 1, 0, 255]);
    const read = (maxDepth: number, depth: number): unknown => {
      const r = new Reader(bytes, readerOptions({ maxDepth }));
      r.depth = depth;
      return area.read(r);
    };
    expect(read(2, 0)).toMatchObject([{ code: 82 }, { code: 255 }]);
    let e: unknown;
    try {
      read(1, 0);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DecodeError);
    expect((e as DecodeError).code).toBe("depth-exceeded");
    try {
      read(2, 2);
      e = undefined;
    } catch (x) {
      e = x;
    }
    expect((e as DecodeError).code).toBe("depth-exceeded");
    expect((e as DecodeError).offset).toBe(0);
  });
});
