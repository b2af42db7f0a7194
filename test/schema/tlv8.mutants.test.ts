/**
 * Cases for surviving mutants of src/schema/tlv8.ts (see
 * mutation/schema-codec.md): the 1-byte code, 1-byte length sub-option list
 * of RFC 3046 2.0 and the body checks it shares with the DHCPv4 option area.
 *
 * A test table is declared here, so that each kind of body exists whatever
 * the DHCPv4 schema happens to declare: a fixed body, an empty body, a body
 * taking the rest after one byte, lists of 4-byte items with and without a
 * fixed part before them, a field named `data`, a layout that does not take
 * the rest, and sub-options nested in a sub-option. Expected bytes follow
 * the TLV layout (code, length, data); expected errors are the codes, offsets
 * and reasons the functions document (option-len checks fail at the length
 * byte, "Entering the list counts one level of nesting").
 */
import { describe, expect, it } from "vitest";
import { type DecodeError, type EncodeError, toHex } from "../../src/index.js";
import { bytes, type Codec, ipv4, list, ref, u8, u32 } from "../../src/schema/codec.js";
import { defineOption, type OptionTable, tableOf } from "../../src/schema/option.js";
import { isRawEntry, subOptionList } from "../../src/schema/tlv8.js";
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

  it("fails a length that does not fit the layout at the length byte, saying why", () => {
    const cases: [number[], string][] = [
      [[2, 3, 1, 2, 3], "pair is 2 byte(s), its length says 3"],
      [[5, 1, 9], "flag is 0 byte(s), its length says 1"],
      [[4, 0], "id needs at least 1 byte(s), its length says 0"],
      [[3, 5, 1, 2, 3, 4, 5], "addrs is 0 byte(s) plus 4-byte items, its length says 5"],
      [[7, 3, 1, 0, 0], "tagged is 1 byte(s) plus 4-byte items, its length says 3"],
      [[7, 4, 1, 0, 0, 0], "tagged is 1 byte(s) plus 4-byte items, its length says 4"],
    ];
    for (const [b, why] of cases) {
      const e = decodeError(Uint8Array.from(b));
      expect([e.code, e.offset, e.reason]).toEqual(["length-mismatch", 1, why]);
    }
  });

  it("keeps a body that does not fit as raw bytes when asked", () => {
    expect(read(u(2, 3, 1, 2, 3), { keepMalformedOptions: true })).toEqual([
      { code: 2, data: u(1, 2, 3), malformed: "pair is 2 byte(s), its length says 3" },
    ]);
  });

  it("fails bytes left over after a layout that does not take the rest", () => {
    const e = decodeError(u(8, 2, 1, 2));
    expect(e.code).toBe("length-mismatch");
    expect(e.offset).toBe(3);
    expect(e.reason).toBe("1 byte(s) left over after the refd layout (length 2)");
  });

  it("names a missing length byte and a short body, with the sub-option's index", () => {
    const a = decodeError(u(2));
    expect([a.code, a.path]).toEqual(["truncated", "[0](pair)"]);
    expect(a.reason).toMatch(/^sub-option length needs 1 byte/);
    const b = decodeError(u(2, 2, 1, 2, 2, 1));
    expect([b.code, b.offset, b.path]).toEqual(["truncated", 5, "[1](pair)"]);
    expect(b.reason).toMatch(/^sub-option length 1: needs 2 byte/);
  });

  it("counts one level of nesting per list entered", () => {
    // The list itself and nest's sub-option list: two lists, fine with maxDepth 2.
    expect(read(u(1, 0), { maxDepth: 2 })).toEqual([{ code: 1, subs: [] }]);
    // nest inside nest: three lists; the third, at byte 4, is one too many.
    const e = decodeError(u(1, 2, 1, 0), { maxDepth: 2 });
    expect([e.code, e.offset, e.path]).toEqual(["depth-exceeded", 4, "[0](nest).subs[0](nest).subs"]);
    expect(e.reason).toBe("options nested deeper than maxDepth 2");
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
    expect([e.code, e.path, e.reason]).toEqual(["too-long", "[0]", "sub-option data is 256 bytes, more than 255"]);
  });

  it("refuses codes that are not 0-255 integers, and entries that are not options", () => {
    for (const [code, shown] of [
      ["1", '"1"'],
      [1.5, "1.5"],
      [-1, "-1"],
      [256, "256"],
    ] as const) {
      const e = encodeError([{ code, data: u() }]);
      expect([e.code, e.path, e.reason]).toEqual([
        "out-of-range",
        "[0].code",
        `option code must be 0-255, got ${shown}`,
      ]);
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
    expect([n.code, n.path, n.reason]).toEqual(["invalid-value", "[0]", "expected an option object, got null"]);
    const d = encodeError([{ code: 200 }]);
    expect([d.code, d.path, d.reason]).toEqual([
      "invalid-value",
      "[0]",
      "option 200 has no declared layout, so it needs data: Uint8Array",
    ]);
    const a = encodeError(1);
    expect([a.code, a.path, a.reason]).toEqual(["invalid-value", "", "expected an array of options, got 1"]);
  });

  it("stops a value nested 1001 lists deep (or cyclic) at the encoder's depth bound", () => {
    // Lists at nesting levels 0 to 1000: the one at level 1000 is refused
    // (MAX_ENCODE_DEPTH is 1000), before any length is added up.
    let v: unknown[] = [];
    for (let i = 0; i < 1000; i++) v = [{ code: 1, subs: v }];
    const e = encodeError(v);
    expect(e.code).toBe("depth-exceeded");
    expect(e.reason).toBe("options nested too deep (or cyclic)");
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
