// The DHCPv6 option list of src/schema/tlv.ts (optionList) and the option
// table of src/schema/option.ts. Bytes are worked out by hand from RFC 8415
// §21.1 (2-byte option-code, 2-byte option-len, option-data) and the option
// layouts of RFC 8415 §21 (ELAPSED_TIME 2 octets, RAPID_COMMIT empty, IAADDR
// 24 octets then IAaddr-options, ORO 2-octet codes, STATUS_CODE 2-octet code
// then UTF-8).
import { describe, expect, it } from "vitest";
import {
  DecodeError,
  type Dhcpv6Option,
  decode,
  decodeOptions,
  encode,
  encodeOptions,
  hex,
  scan,
  toHex,
} from "../../src/index.js";
import { bytes, struct, u8 } from "../../src/schema/codec.js";
import { defineOption, tableOf } from "../../src/schema/option.js";
import { optionList } from "../../src/schema/tlv.js";
import { OPTION_LIST_CODEC } from "../../src/v6/schema.js";
import { Writer } from "../../src/wire/writer.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";

/** The two-pass contract of a codec: size at depth 1 (no top-level scratch), then write. */
function twoPass(v: unknown, depth = 1): string {
  const n = OPTION_LIST_CODEC.size(v as Dhcpv6Option[], depth);
  const out = new Uint8Array(n + 2);
  const w = new Writer(out, 1);
  OPTION_LIST_CODEC.write(w, v as Dhcpv6Option[]);
  expect(w.pos).toBe(n + 1);
  return toHex(out.subarray(1, 1 + n));
}

const iaaddr = (options: unknown[]) => ({
  code: 5,
  address: "::",
  preferredLifetime: 0,
  validLifetime: 0,
  options,
});

describe("tableOf", () => {
  const d = defineOption(5, "X", "RFC 0", { a: u8 });
  it("indexes declarations by code and rejects a code declared twice", () => {
    const t = tableOf([d]);
    expect(t[5]).toBe(d);
    expect(t[0]).toBeUndefined();
    expect(() => tableOf([d, d])).toThrow(Error);
  });
});

describe("option list, two-pass size and write", () => {
  it("sizes and writes options back to back at the writer's position", () => {
    // ELAPSED_TIME 0x1234: 0008 0002 1234; RAPID_COMMIT: 000e 0000;
    // code 999 (undeclared) raw 0102: 03e7 0002 0102.
    expect(twoPass([])).toBe("");
    expect(twoPass([{ code: 8, elapsedTime: 0x1234 }, { code: 14 }, { code: 999, data: Uint8Array.of(1, 2) }])).toBe(
      "000800021234000e000003e700020102",
    );
    // A declared option given as raw bytes is written as they are.
    expect(twoPass([{ code: 8, data: Uint8Array.of(0xaa) }])).toBe("00080001aa");
    // IAADDR with an empty list: 0005 0018, 16 zero octets, two zero lifetimes.
    expect(twoPass([iaaddr([])])).toBe(`00050018${"00".repeat(24)}`);
  });

  it("gives the errors of size, with paths", () => {
    let e = encodeErrorOf(() => OPTION_LIST_CODEC.size(5 as never, 1));
    expect([e.code, e.path]).toEqual(["invalid-value", ""]);
    e = encodeErrorOf(() => OPTION_LIST_CODEC.size([{ code: 14 }, null] as never, 1));
    expect([e.code, e.path]).toEqual(["invalid-value", "[1]"]);
    // A primitive entry is not an option object either (not a missing code).
    e = encodeErrorOf(() => OPTION_LIST_CODEC.size([{ code: 14 }, 5] as never, 1));
    expect([e.code, e.path]).toEqual(["invalid-value", "[1]"]);
    for (const code of [-1, 0x10000, 1.5, "8"]) {
      e = encodeErrorOf(() => OPTION_LIST_CODEC.size([{ code }] as never, 1));
      expect([e.code, e.path], String(code)).toEqual(["out-of-range", "[0].code"]);
    }
    // 0 and 65535 are codes; undeclared without data they fail for the data.
    for (const code of [0, 0xffff]) {
      e = encodeErrorOf(() => OPTION_LIST_CODEC.size([{ code }] as never, 1));
      expect([e.code, e.path]).toEqual(["invalid-value", "[0]"]);
    }
    e = encodeErrorOf(() => OPTION_LIST_CODEC.size([{ code: 999, data: new Uint8Array(0x10000) }] as never, 1));
    expect([e.code, e.path]).toEqual(["too-long", "[0]"]);
    expect(OPTION_LIST_CODEC.size([{ code: 999, data: new Uint8Array(0xffff) }], 1)).toBe(4 + 0xffff);
    // A nested error is prefixed with the option's index and name.
    e = encodeErrorOf(() => OPTION_LIST_CODEC.size([{ code: 14 }, { code: 8, elapsedTime: 0x10000 }] as never, 1));
    expect(e.path).toBe("[1](ELAPSED_TIME).elapsedTime");
  });

  it("counts each list entered as one level, up to 1000 (MAX_ENCODE_DEPTH)", () => {
    const nested = [iaaddr([])];
    expect(OPTION_LIST_CODEC.size(nested as never, 998)).toBe(28);
    let e = encodeErrorOf(() => OPTION_LIST_CODEC.size(nested as never, 999));
    expect([e.code, e.path]).toEqual(["depth-exceeded", "[0](IAADDR).options"]);
    e = encodeErrorOf(() => OPTION_LIST_CODEC.size([] as never, 1000));
    expect(e.code).toBe("depth-exceeded");
    expect(OPTION_LIST_CODEC.size([], 999)).toBe(0);
  });

  it("writes a declared layout with a field named data through the layout, not as raw bytes", () => {
    // A made-up option 1: a u8 then `data` (bytes). Given { kind: 7, data: aa }
    // its option-data is 07 aa; as raw bytes it would be just aa.
    const defs = [defineOption(1, "T", "none", { kind: u8, data: bytes() })];
    const codec = optionList<{ code: number; kind?: number; data: Uint8Array }>("test", () => tableOf(defs));
    const v = [{ code: 1, kind: 7, data: Uint8Array.of(0xaa) }];
    const n = codec.size(v, 1);
    const out = new Uint8Array(n);
    codec.write(new Writer(out), v);
    expect(toHex(out)).toBe("0001000207aa");
    // Sized at depth 0 (the top), the same bytes.
    const top = new Uint8Array(codec.size(v, 0));
    codec.write(new Writer(top), v);
    expect(toHex(top)).toBe("0001000207aa");
    // An undeclared code with data is raw either way.
    expect(codec.size([{ code: 2, data: Uint8Array.of(1) }], 1)).toBe(5);
    expect(struct({}).fixed).toBe(0);
  });
});

describe("option list, errors of encode", () => {
  const msg = (options: unknown) => ({ msgType: 14, transactionId: 1, options }) as never;

  it("gives each way an option value can be wrong its code and path", () => {
    let e = encodeErrorOf(() => encode(msg(5)));
    expect([e.code, e.path]).toEqual(["invalid-value", "options"]);
    e = encodeErrorOf(() => encode(msg([7])));
    expect([e.code, e.path]).toEqual(["invalid-value", "options[0]"]);
    e = encodeErrorOf(() => encode(msg([{ code: 70000 }])));
    expect([e.code, e.path]).toEqual(["out-of-range", "options[0].code"]);
    e = encodeErrorOf(() => encode(msg([{ code: 999 }])));
    expect([e.code, e.path]).toEqual(["invalid-value", "options[0]"]);
  });

  it("refuses a cyclic option value as nested too deep", () => {
    const ia = iaaddr([]);
    ia.options.push(ia);
    const e = encodeErrorOf(() => encodeOptions([ia] as never));
    expect(e.code).toBe("depth-exceeded");
  });
});

describe("option list reader", () => {
  it("tells an option-len that runs past the input from one past the enclosing option", () => {
    // ELAPSED_TIME announcing 2 octets with 1 present: option-len at offset 2.
    let e = decodeErrorOf(() => decodeOptions(hex("00080002 12")));
    expect([e.code, e.offset, e.path]).toEqual(["truncated", 2, "[0](ELAPSED_TIME)"]);
    // Inside CLIENT_DATA (45) of option-len 5: a nested ELAPSED_TIME announcing
    // 2 octets with 1 left in CLIENT_DATA, while the input goes on.
    e = decodeErrorOf(() => decodeOptions(hex("002d0005 00080002 12 000e0000")));
    expect([e.code, e.offset, e.path]).toEqual(["length-mismatch", 6, "[0](CLIENT_DATA).options[0](ELAPSED_TIME)"]);
    // Fewer than four octets for a header, at offset 4.
    e = decodeErrorOf(() => decodeOptions(hex("000e0000 0008")));
    expect([e.code, e.offset]).toEqual(["truncated", 4]);
  });

  it("reads an undeclared code as raw bytes", () => {
    expect(decodeOptions(hex("03e70002 0102 000e0000"))).toEqual([
      { code: 999, data: Uint8Array.of(1, 2) },
      { code: 14 },
    ]);
  });

  it("fails an option-len that disagrees with the layout at the option-len field", () => {
    // ELAPSED_TIME is 2 octets, RAPID_COMMIT 0, IAADDR at least 24, ORO whole 2-octet codes.
    const cases: [string, string][] = [
      ["00080003 123456", "[0](ELAPSED_TIME)"],
      ["000e0001 00", "[0](RAPID_COMMIT)"],
      [`0005000a ${"00".repeat(10)}`, "[0](IAADDR)"],
      ["00060003 000100", "[0](ORO)"],
    ];
    for (const [bytes, path] of cases) {
      const e = decodeErrorOf(() => decodeOptions(hex(bytes)));
      expect([e.code, e.offset, e.path], bytes).toEqual(["length-mismatch", 2, path]);
    }
  });

  it("fails octets a layout leaves over, where they start", () => {
    // CLIENTID with a DUID-UUID (type 4, 16 octets, RFC 6355) and one octet
    // more: option-len 19, the layout reads 18.
    const e = decodeErrorOf(() => decodeOptions(hex(`00010013 0004 ${"11".repeat(16)} ff`)));
    expect([e.code, e.offset, e.path]).toEqual(["length-mismatch", 22, "[0](CLIENTID)"]);
  });

  it("fails option lists nested past maxDepth at the list too many", () => {
    // IAADDR inside IAADDR: three lists with the message's; maxDepth 2 allows two.
    const inner = `00050018${"00".repeat(24)}`;
    const bytes = hex(`0e000001 00050034${"00".repeat(24)}${inner}`);
    const e = decodeErrorOf(() => decode(bytes, { maxDepth: 2 }));
    // The inner IAADDR's list: 4 (header) + 4 + 24 (outer IAADDR) + 4 + 24.
    expect([e.code, e.offset, e.path]).toEqual(["depth-exceeded", 60, "options[0](IAADDR).options[0](IAADDR).options"]);
  });

  it("keeps counting depth after a malformed option kept raw", () => {
    // maxDepth 2, keepMalformedOptions: the message's list is level 1, an
    // IAADDR's list level 2, an IAADDR inside it would need level 3 and is
    // kept raw. A malformed STATUS_CODE (invalid UTF-8 ff) before it must not
    // change that.
    const status = "000d0003 0000ff";
    const inner = `00050018${"00".repeat(24)}`;
    const outer = `00050034${"00".repeat(24)}${inner}`;
    const m = decode(hex(`0e000001 ${status} ${outer}`), { maxDepth: 2, keepMalformedOptions: true });
    expect((m.options[0] as { malformed?: string }).malformed).toBeDefined();
    const ia = m.options[1] as { code: number; options: { code: number; malformed?: string }[] };
    expect(ia.code).toBe(5);
    expect(ia.options).toHaveLength(1);
    expect(ia.options[0]).toMatchObject({ code: 5, data: new Uint8Array(24), malformed: expect.any(String) });
  });
});

describe("scan agrees with decode on malformed option bodies", () => {
  // Each is a LEASEQUERY (14) header 0e000001 followed by one bad option;
  // decode rejects every one, so scan must say ok: false.
  const bad: [string, string][] = [
    ["ELAPSED_TIME of 3 octets", "00080003 123456"],
    ["RAPID_COMMIT of 1 octet", "000e0001 00"],
    ["IAADDR of 10 octets", `0005000a ${"00".repeat(10)}`],
    ["IAADDR whose nested ELAPSED_TIME has 3 octets", `0005001f ${"00".repeat(24)} 00080003 123456`],
    // statusCode 0, message ff ff 00 00 (invalid UTF-8; read from octet 2
    // it would look like an empty option 65535).
    ["STATUS_CODE with ff ff 00 00", "000d0006 0000 ffff0000"],
    // statusCode 0x00ff, message ff 00 00 (invalid UTF-8; read from octet 1
    // it would look like an empty option 65535).
    ["STATUS_CODE with ff 00 00", "000d0005 00ff ff0000"],
  ];
  for (const [what, option] of bad) {
    it(what, () => {
      const bytes = hex(`0e000001 ${option}`);
      expect(() => decode(bytes)).toThrow(DecodeError);
      const r = scan(bytes);
      expect(r.ok).toBe(false);
    });
  }

  it("accepts the well-formed versions", () => {
    for (const option of ["00080002 1234", "000e0000", `00050018 ${"00".repeat(24)}`, "000d0004 0000 6f6b"]) {
      expect(scan(hex(`0e000001 ${option}`)).ok, option).toBe(true);
    }
  });
});
