/**
 * The sub-option list of src/schema/tlv.ts (subOptionList): 1-byte code,
 * 1-byte length (RFC 3046 2.0), and the body checks of src/schema/tlv-entry.ts
 * it shares with the DHCPv4 option area.
 *
 * A test table is declared here, so that each kind of body exists whatever
 * the DHCPv4 schema happens to declare: a fixed body, an empty body, a body
 * taking the rest after one byte, lists of 4-byte items with and without a
 * fixed part before them, a field named `data`, a layout that does not take
 * the rest, and sub-options nested in a sub-option. Expected bytes follow
 * the TLV layout (code, length, data); expected errors are the codes, offsets
 * and paths the functions document (option-len checks fail at the length
 * byte, "Entering the list counts one level of nesting").
 */
import { describe, expect, it } from "vitest";
import { DecodeError, type EncodeError, toHex } from "../../src/index.js";
import { bytes, type Codec, ipv4, list, ref, u8, u16, u32, utf8 } from "../../src/schema/codec.js";
import { defineOption, type OptionTable, tableOf } from "../../src/schema/option.js";
import { subOptionList } from "../../src/schema/tlv.js";
import { isRawEntry } from "../../src/schema/tlv-entry.js";
import { readerOptions } from "../../src/wire/decode-options.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";

const u = (...b: number[]): Uint8Array => Uint8Array.from(b);

let nested: Codec<unknown[]>;
const DEFS = [
  defineOption(1, "nest", "test", { subs: ref("subs", () => nested) }),
  defineOption(2, "pair", "test", { a: u8, b: u8 }),
  defineOption(3, "addrs", "test", { addresses: list(ipv4) }),
  defineOption(4, "id", "test", { type: u8, id: bytes() }),
  defineOption(5, "flag", "test", {}),
  defineOption(6, "blob", "test", { data: bytes() }),
  defineOption(7, "tagged", "test", { kind: u8, items: list(u32) }),
  defineOption(8, "refd", "test", { x: ref("u8", () => u8) }),
] as const;
const TABLE: OptionTable = tableOf(DEFS);
const table = (): OptionTable => TABLE;
nested = subOptionList<unknown>("test", table);

function list8(): Codec<unknown[]> {
  return subOptionList<unknown>("test", table);
}

function read(b: Uint8Array, o: { maxDepth?: number; keepMalformedOptions?: boolean } = {}): unknown[] {
  const r = new Reader(b, { maxDepth: o.maxDepth ?? 24, keepMalformedOptions: o.keepMalformedOptions ?? false });
  return list8().read(r);
}

function decodeError(b: Uint8Array, o: { maxDepth?: number } = {}): DecodeError {
  return decodeErrorOf(() => read(b, o));
}

function encodeError(v: unknown): EncodeError {
  return encodeErrorOf(() => list8().size(v as unknown[], 0));
}

function write(v: unknown[]): string {
  const c = list8();
  const n = c.size(v, 0);
  const w = new Writer(new Uint8Array(n));
  c.write(w, v);
  expect(w.pos).toBe(n);
  return toHex(w.b);
}

describe("the sub-option list codec", () => {
  it("is a sub-option list (not an area) taking the rest of its region", () => {
    const c = subOptionList<unknown>("space", table);
    expect(c.kind).toEqual({ type: "options8", space: "space", table, area: false });
    expect(c.fixed).toBe(-1);
  });
});

describe("reading bodies against their layouts", () => {
  it("reads each layout at its length", () => {
    expect(read(u(2, 2, 10, 11))).toEqual([{ code: 2, a: 10, b: 11 }]);
    expect(read(u(5, 0))).toEqual([{ code: 5 }]);
    expect(read(u(4, 1, 9))).toEqual([{ code: 4, type: 9, id: u() }]);
    expect(read(u(3, 4, 192, 0, 2, 1))).toEqual([{ code: 3, addresses: ["192.0.2.1"] }]);
    // 1 byte, then one 4-byte item: length 5.
    expect(read(u(7, 5, 1, 0, 0, 0, 2))).toEqual([{ code: 7, kind: 1, items: [2] }]);
    expect(read(u(7, 1, 1))).toEqual([{ code: 7, kind: 1, items: [] }]);
  });

  it("fails a length that does not fit the layout at the length byte", () => {
    // pair is 2 bytes, flag 0, id at least 1, addrs whole 4-byte items,
    // tagged 1 byte then whole 4-byte items.
    const cases: [number[], string][] = [
      [[2, 3, 1, 2, 3], "[0](pair)"],
      [[5, 1, 9], "[0](flag)"],
      [[4, 0], "[0](id)"],
      [[3, 5, 1, 2, 3, 4, 5], "[0](addrs)"],
      [[7, 3, 1, 0, 0], "[0](tagged)"],
      [[7, 4, 1, 0, 0, 0], "[0](tagged)"],
    ];
    for (const [b, path] of cases) {
      const e = decodeError(Uint8Array.from(b));
      expect([e.code, e.offset, e.path]).toEqual(["length-mismatch", 1, path]);
    }
  });

  it("keeps a body that does not fit as raw bytes when asked", () => {
    expect(read(u(2, 3, 1, 2, 3), { keepMalformedOptions: true })).toEqual([
      { code: 2, data: u(1, 2, 3), malformed: expect.any(String) },
    ]);
  });

  it("fails bytes left over after a layout that does not take the rest", () => {
    const e = decodeError(u(8, 2, 1, 2));
    expect(e.code).toBe("length-mismatch");
    expect(e.offset).toBe(3);
    expect(e.path).toBe("[0](refd)");
  });

  it("fails a missing length byte and a short body, with the sub-option's index", () => {
    const a = decodeError(u(2));
    expect([a.code, a.offset, a.path]).toEqual(["truncated", 1, "[0](pair)"]);
    const b = decodeError(u(2, 2, 1, 2, 2, 1));
    expect([b.code, b.offset, b.path]).toEqual(["truncated", 5, "[1](pair)"]);
  });

  it("counts one level of nesting per list entered", () => {
    // The list itself and nest's sub-option list: two lists, fine with maxDepth 2.
    expect(read(u(1, 0), { maxDepth: 2 })).toEqual([{ code: 1, subs: [] }]);
    // nest inside nest: three lists; the third, at byte 4, is one too many.
    const e = decodeError(u(1, 2, 1, 0), { maxDepth: 2 });
    expect([e.code, e.offset, e.path]).toEqual(["depth-exceeded", 4, "[0](nest).subs[0](nest).subs"]);
    expect(decodeError(u(1, 0), { maxDepth: 1 }).code).toBe("depth-exceeded");
  });
});

describe("measuring and writing", () => {
  it("writes code, length and body; raw data for an undeclared code", () => {
    expect(write([{ code: 2, a: 1, b: 2 }])).toBe("02020102");
    expect(write([{ code: 200, data: u(9) }, { code: 5 }])).toBe("c80109" + "0500");
    expect(write([{ code: 1, subs: [{ code: 2, a: 3, b: 4 }] }])).toBe("0104" + "02020304");
  });

  it("takes raw data of up to 255 bytes", () => {
    expect(list8().size([{ code: 200, data: new Uint8Array(255) }], 0)).toBe(257);
    const e = encodeError([{ code: 200, data: new Uint8Array(256) }]);
    expect([e.code, e.path]).toEqual(["too-long", "[0]"]);
  });

  it("refuses codes that are not 0-255 integers, and entries that are not options", () => {
    for (const code of ["1", 1.5, -1, 256]) {
      const e = encodeError([{ code, data: u() }]);
      expect([e.code, e.path]).toEqual(["out-of-range", "[0].code"]);
    }
    expect(
      list8().size(
        [
          { code: 0, data: u() },
          { code: 255, data: u() },
        ],
        0,
      ),
    ).toBe(4);
    const n = encodeError([null]);
    expect([n.code, n.path]).toEqual(["invalid-value", "[0]"]);
    const d = encodeError([{ code: 200 }]);
    expect([d.code, d.path]).toEqual(["invalid-value", "[0]"]);
    const a = encodeError(1);
    expect([a.code, a.path]).toEqual(["invalid-value", ""]);
  });

  it("stops a value nested 1001 lists deep (or cyclic) at the encoder's depth bound", () => {
    // Lists at nesting levels 0 to 1000: the one at level 1000 is refused
    // (MAX_ENCODE_DEPTH is 1000), before any length is added up.
    let v: unknown[] = [];
    for (let i = 0; i < 1000; i++) v = [{ code: 1, subs: v }];
    const e = encodeError(v);
    expect(e.code).toBe("depth-exceeded");
    // 1000 lists (levels 0 to 999) pass the depth check; the 128th level
    // from the inside is then more than 255 bytes.
    let w: unknown[] = [];
    for (let i = 0; i < 999; i++) w = [{ code: 1, subs: w }];
    expect(encodeError(w).code).toBe("too-long");
    const cyclic: { code: number; subs: unknown[] } = { code: 1, subs: [] };
    cyclic.subs.push(cyclic);
    expect(encodeError([cyclic]).code).toBe("depth-exceeded");
  });

  it("writes an entry from raw data only when the layout has no field named data", () => {
    expect(isRawEntry({ data: u(1) }, undefined)).toBe(true);
    expect(isRawEntry({ data: u(1) }, TABLE[2])).toBe(true);
    expect(isRawEntry({ data: u(1) }, TABLE[6])).toBe(false);
    expect(isRawEntry({ data: [1] }, undefined)).toBe(false);
    expect(write([{ code: 6, data: u(1, 2) }])).toBe("06020102");
  });
});

// Where the sub-option list's reader ends: 1-octet code, 1-octet length TLVs
// (RFC 3046 2.0), at the end of its region when the region decodes, or a
// DecodeError (-1 here) when it does not; the generated skippers behind
// scan() are held to this. The layouts are made up for the test; the bytes
// are written out by hand.
describe("where a sub-option list's read ends, or that it fails", () => {
  const inner = tableOf([defineOption(1, "byte", "test", { x: u8 })]);
  const table = tableOf([
    defineOption(5, "address", "test", { address: ipv4 }),
    defineOption(6, "codes", "test", { codes: list(u16) }),
    defineOption(7, "text", "test", { code: u8, text: utf8 }),
    defineOption(8, "typed", "test", { type: u8, items: list(u32) }),
    defineOption(10, "flag", "test", {}),
    defineOption(9, "nested", "test", {
      inner: subOptionList("inner", () => inner),
    }),
  ]);

  /** Where a fresh list codec's read of `b[p, end)` at `depth` ends, or -1 where it throws a DecodeError. */
  function readEnd(
    b: Uint8Array,
    p: number,
    end: number,
    depth: number,
    opts: Parameters<typeof readerOptions>[0] = {},
  ): number {
    const r = new Reader(b, readerOptions(opts), p, end);
    r.depth = depth;
    try {
      subOptionList("test", () => table).read(r);
    } catch (e) {
      if (e instanceof DecodeError) return -1;
      throw e;
    }
    return r.pos;
  }

  /** {@link readEnd} for `bytes` as a whole region. */
  function ends(bytes: number[], opts: Parameters<typeof readerOptions>[0] = {}, depth = 0): number {
    const b = Uint8Array.from(bytes);
    return readEnd(b, 0, b.length, depth, opts);
  }

  describe("the sub-option list reader", () => {
    it("walks a well-formed list to its end", () => {
      expect(ends([])).toBe(0);
      // Undeclared 200 (empty), 5 with 4 octets ending the region exactly.
      expect(ends([200, 0, 5, 4, 10, 0, 0, 1])).toBe(8);
      expect(ends([6, 4, 0, 1, 0, 2, 7, 3, 0, 0x6f, 0x6b])).toBe(11);
      // Code 0 is an ordinary, undeclared sub-option: no pad in RFC 3046 §2.0.
      expect(ends([0, 1, 9, 0, 0])).toBe(5);
      // Within a larger buffer: only [3, 11) is the region.
      const b = Uint8Array.from([0xee, 0xee, 0xee, 200, 1, 9, 5, 4, 10, 0, 0, 1, 0xee]);
      expect(readEnd(b, 3, 12, 0)).toBe(12);
    });

    it("fails a cut header, a length past the region and a body that does not fit", () => {
      expect(ends([200])).toBe(-1);
      expect(ends([200, 0, 5])).toBe(-1);
      expect(ends([200, 3, 1, 2])).toBe(-1);
      // A region of 3 ending one octet before the buffer does: the last
      // sub-option's header is cut even though the buffer goes on.
      expect(readEnd(Uint8Array.of(200, 0, 200, 0), 0, 3, 0)).toBe(-1);
      // A one-octet region at the very end of the buffer.
      expect(readEnd(Uint8Array.of(200, 0, 200), 2, 3, 0)).toBe(-1);
      expect(ends([5, 3, 10, 0, 0])).toBe(-1);
      expect(ends([6, 3, 0, 1, 0])).toBe(-1);
      expect(ends([7, 2, 0, 0xff])).toBe(-1);
      // A layout of no fields is exactly 0 octets.
      expect(ends([10, 0])).toBe(2);
      expect(ends([10, 1, 7])).toBe(-1);
    });

    it("lets a malformed body through under keepMalformedOptions, not a broken list", () => {
      const lenient = { keepMalformedOptions: true };
      expect(ends([5, 3, 10, 0, 0, 200, 0], lenient)).toBe(7);
      expect(ends([7, 2, 0, 0xff], lenient)).toBe(4);
      expect(ends([5, 3, 10, 0], lenient)).toBe(-1);
    });

    it("counts the list, and a list inside a sub-option, as levels of nesting", () => {
      const nested = [9, 3, 1, 1, 7];
      // The outer list at depth 0 is level 1, the inner one level 2.
      expect(ends(nested, { maxDepth: 2 })).toBe(5);
      expect(ends(nested, { maxDepth: 1 })).toBe(-1);
      expect(ends([200, 0], { maxDepth: 2 }, 1)).toBe(2);
      expect(ends([200, 0], { maxDepth: 2 }, 2)).toBe(-1);
      expect(ends(nested, { maxDepth: 3 }, 1)).toBe(5);
      expect(ends(nested, { maxDepth: 2 }, 1)).toBe(-1);
    });
  });

  describe("the length rule and the body check of each declared layout", () => {
    it("declare the length rule of each layout", () => {
      const rule = (code: number) => {
        const body = (table[code] as NonNullable<(typeof table)[number]>).body;
        return [body.fixed, body.minSize, body.itemStep];
      };
      expect(table[0]).toBeUndefined();
      expect(rule(5)).toEqual([4, 4, 0]);
      expect(rule(6)).toEqual([-1, 0, 2]);
      expect(rule(7)).toEqual([-1, 1, 0]);
      expect(rule(8)).toEqual([-1, 1, 4]);
      expect(rule(10)).toEqual([0, 0, 0]);
      expect(table.length).toBe(11);
    });

    it("check the length rule, then the body", () => {
      const fits = (code: number, body: number[]): boolean => ends([code, body.length, ...body]) === body.length + 2;
      expect(fits(5, [10, 0, 0, 1])).toBe(true);
      expect(fits(5, [10, 0, 0])).toBe(false);
      expect(fits(5, [10, 0, 0, 1, 2])).toBe(false);
      expect(fits(7, [0])).toBe(true);
      expect(fits(7, [])).toBe(false);
      expect(fits(7, [0, 0x6f])).toBe(true);
      expect(fits(7, [0, 0xff])).toBe(false);
      expect(fits(6, [])).toBe(true);
      expect(fits(6, [0, 1, 0])).toBe(false);
      // A type octet, then 4-octet items: 5 octets hold one, 7 a part of one.
      expect(fits(8, [1, 0, 0, 0, 1])).toBe(true);
      expect(fits(8, [1, 0, 0, 0, 1, 0, 0])).toBe(false);
    });
  });
});
