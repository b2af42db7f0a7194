/**
 * The TLV list combinator of src/schema/tlv.ts with the widths of a format
 * other than the two the library declares (1-byte code, 2-byte length), and
 * the size and write of the DHCPv4 sub-option list. Bytes are written out
 * by hand from the TLV layout: code, length of the data, data, big-endian.
 */
import { describe, expect, it } from "vitest";
import { toHex } from "../../src/index.js";
import { u8, u16 } from "../../src/schema/codec.js";
import { defineOption, type OptionTable, tableOf } from "../../src/schema/option.js";
import { subOptionList, tlvList } from "../../src/schema/tlv.js";
import { DHCPV4_OPTION_FORMAT, type TlvFormat } from "../../src/schema/tlv-format.js";
import { readerOptions } from "../../src/wire/decode-options.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";

const u = (...b: number[]): Uint8Array => Uint8Array.from(b);

const TABLE: OptionTable = tableOf([
  defineOption(2, "pair", "test", { a: u8, b: u8 }),
  defineOption(3, "word", "test", { w: u16 }),
]);
const table = (): OptionTable => TABLE;

/** 1-byte code, 2-byte length: a format of the combinator's widths the library does not use. */
const NARROW_CODE: TlvFormat = { ...DHCPV4_OPTION_FORMAT, lenBytes: 2, maxLength: 0xffff, shortHeader: "header" };
const mixed = tlvList<unknown>(NARROW_CODE, { type: "options8", space: "test", table, area: false }, table);

function read(b: Uint8Array): unknown[] {
  return mixed.read(new Reader(b, readerOptions({})));
}

describe("a TLV list of 1-byte codes and 2-byte lengths", () => {
  it("reads code, 2-byte length and data; undeclared codes raw", () => {
    expect(read(u(2, 0, 2, 7, 8, 200, 0, 1, 9))).toEqual([
      { code: 2, a: 7, b: 8 },
      { code: 200, data: u(9) },
    ]);
  });

  it("fails a length past the input at the length field, a short header at the entry", () => {
    const past = decodeErrorOf(() => read(u(2, 0, 3, 7, 8)));
    expect([past.code, past.offset, past.path]).toEqual(["truncated", 1, "[0](pair)"]);
    const short = decodeErrorOf(() => read(u(2, 0, 2, 7, 8, 3, 0)));
    expect([short.code, short.offset, short.path]).toEqual(["truncated", 5, "[1]"]);
    const fit = decodeErrorOf(() => read(u(3, 0, 1, 7)));
    expect([fit.code, fit.offset, fit.path]).toEqual(["length-mismatch", 1, "[0](word)"]);
  });

  it("sizes and writes code, 2-byte length and data", () => {
    const v = [
      { code: 3, w: 0x1234 },
      { code: 255, data: new Uint8Array(256) },
    ];
    const n = mixed.size(v, 0);
    expect(n).toBe(5 + 3 + 256);
    const w = new Writer(new Uint8Array(n));
    mixed.write(w, v);
    expect(toHex(w.b.subarray(0, 8))).toBe("0300021234ff0100");
    expect(w.pos).toBe(n);
  });

  it("refuses a code over 255 and data over 65535 bytes", () => {
    const code = encodeErrorOf(() => mixed.size([{ code: 256, data: u() }], 0));
    expect([code.code, code.path]).toEqual(["out-of-range", "[0].code"]);
    const long = encodeErrorOf(() => mixed.size([{ code: 9, data: new Uint8Array(65536) }], 0));
    expect([long.code, long.path]).toEqual(["too-long", "[0]"]);
  });

  it("reads a well-formed list to its end and refuses a body or header that does not fit", () => {
    expect(read(u(2, 0, 2, 7, 8, 200, 0, 0))).toEqual([
      { code: 2, a: 7, b: 8 },
      { code: 200, data: u() },
    ]);
    const bad = decodeErrorOf(() => read(u(3, 0, 1, 7)));
    expect([bad.code, bad.offset, bad.path]).toEqual(["length-mismatch", 1, "[0](word)"]);
    const cut = decodeErrorOf(() => read(u(2, 0)));
    expect([cut.code, cut.offset, cut.path]).toEqual(["truncated", 0, "[0]"]);
  });
});

describe("the DHCPv4 sub-option list's size and write", () => {
  const list = subOptionList<unknown>("test", table);
  const encoded = (v: unknown[]): string => {
    const w = new Writer(new Uint8Array(list.size(v, 0)));
    list.write(w, v);
    return toHex(w.b.subarray(0, w.pos));
  };

  it("writes code, 1-byte length and data for each entry", () => {
    const v = [
      { code: 2, a: 1, b: 2 },
      { code: 7, data: u(5) },
      { code: 3, w: 0xabcd },
    ];
    // 02 02 0102, 07 01 05, 03 02 abcd
    expect(encoded(v)).toBe("020201020701050302abcd");
    expect(list.size(v, 0)).toBe(11);
  });

  it("refuses bad entries with the code and path of the failing place", () => {
    const cases: [unknown, string, string][] = [
      [[{ code: 2, a: 1, b: 256 }], "out-of-range", "[0](pair).b"],
      [[{ code: 9 }], "invalid-value", "[0]"],
      [[{ code: 300, data: u() }], "out-of-range", "[0].code"],
      [[{ code: 9, data: new Uint8Array(256) }], "too-long", "[0]"],
      [[null], "invalid-value", "[0]"],
      ["no list", "invalid-value", ""],
    ];
    for (const [v, code, path] of cases) {
      const e = encodeErrorOf(() => list.size(v as unknown[], 0));
      expect([e.code, e.path], JSON.stringify(v)).toEqual([code, path]);
    }
  });
});
