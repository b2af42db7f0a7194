import { describe, expect, it } from "vitest";
import {
  DecodeError,
  type Dhcpv4Message,
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  type EncodeError,
  encode,
  encodeDhcpv4,
  hex,
  isDecodeError,
  isEncodeError,
  scan,
  toHex,
} from "../../src/index.js";
import {
  type AnyCodec,
  annotate,
  bytes,
  type Codec,
  ipv4,
  ipv6,
  list,
  ref,
  struct,
  u8,
  u16,
  u24,
  u32,
  union,
  utf8,
} from "../../src/schema/codec.js";
import { MESSAGE_CODEC, OPTION_LIST_CODEC } from "../../src/v6/schema.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";
import { value as v4message } from "../v4/helpers.js";

const opts = { maxDepth: 24, keepMalformedOptions: false };
const read = <T>(c: { read(r: Reader): T }, b: number[]) => c.read(new Reader(Uint8Array.from(b), opts));
function write<T>(c: { size(v: T, d: number): number; write(w: Writer, v: T): void }, v: T): string {
  const out = new Uint8Array(c.size(v, 0));
  c.write(new Writer(out), v);
  return toHex(out);
}
const encodeErr = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isEncodeError(e) ? e.code : "other";
  }
  return "none";
};

describe("combinators", () => {
  it("ipv4 reads, writes and validates", () => {
    expect(read(ipv4, [192, 0, 2, 1])).toBe("192.0.2.1");
    expect(write(ipv4, "10.1.2.3")).toBe("0a010203");
    expect(encodeErr(() => ipv4.size("10.1.2", 0))).toBe("invalid-value");
    let e: unknown;
    try {
      read(ipv4, [1, 2]);
    } catch (x) {
      e = x;
    }
    expect(isDecodeError(e) && e.code).toBe("truncated");
  });

  it("fixed bytes check their length and type", () => {
    expect(write(bytes(2), Uint8Array.of(1, 2))).toBe("0102");
    expect(encodeErr(() => bytes(2).size(Uint8Array.of(1), 0))).toBe("invalid-value");
    expect(encodeErr(() => bytes().size("ab" as unknown as Uint8Array, 0))).toBe("invalid-value");
  });

  it("utf8 measures multi-byte text and rejects lone surrogates of either half", () => {
    expect(write(utf8, "é€😀")).toBe("c3a9e282acf09f9880");
    expect(read(utf8, [0xef, 0xbb, 0xbf, 0x41])).toBe("\ufeffA");
    expect(encodeErr(() => utf8.size("a\udc00", 0))).toBe("invalid-value");
    expect(encodeErr(() => utf8.size("\ud800x", 0))).toBe("invalid-value");
    expect(read(utf8, Array(70).fill(0x41))).toBe("A".repeat(70));
  });

  it("lists reject non-arrays and bad items with the index", () => {
    const l = list(u8);
    let e: unknown;
    try {
      l.size([1, 300], 0);
    } catch (x) {
      e = x;
    }
    expect(isEncodeError(e) && e.path).toBe("[1]");
    expect(() => list(bytes())).toThrow(/fixed size/);
  });

  it("lists report a failing item read with its index", () => {
    const l = list(struct({ a: annotate(u16, { unit: "hex" }) }));
    expect(read(l, [0, 1, 0, 2])).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("struct refuses a rest field that is not last, and non-objects", () => {
    expect(() => struct({ a: bytes(), b: u8 })).toThrow(/not last/);
    expect(encodeErr(() => struct({ a: u8 }).size(5 as never, 0))).toBe("invalid-value");
    expect(struct({ a: u8, b: u16 }).fixed).toBe(3);
  });

  it("union keeps unknown tags with the fallback, and rejects non-objects", () => {
    const u = union("t", u8, { 1: struct({ x: u8 }) }, struct({ data: bytes() }));
    expect(read(u, [1, 7])).toEqual({ t: 1, x: 7 });
    expect(read(u, [9, 7, 8])).toEqual({ t: 9, data: Uint8Array.of(7, 8) });
    expect(write(u, { t: 9, data: Uint8Array.of(5) })).toBe("0905");
    expect(encodeErr(() => u.size(null as never, 0))).toBe("invalid-value");
    let e: unknown;
    try {
      read(u, []);
    } catch (x) {
      e = x;
    }
    expect(isDecodeError(e) && e.path).toBe("t");
  });

  it("annotate only takes integer codecs", () => {
    expect(() => annotate(bytes() as never, { unit: "seconds" })).toThrow(/integer/);
    expect(annotate(u8, { unit: "seconds" }).kind).toMatchObject({ type: "uint", bits: 8, unit: "seconds" });
  });

  it("reader exposes what is left", () => {
    const r = new Reader(Uint8Array.of(1, 2, 3), opts);
    r.u8("x");
    expect(r.remaining).toBe(2);
    expect(Array.from(r.rest())).toEqual([2, 3]);
    expect(r.remaining).toBe(0);
  });
});

// The combinators driven directly: they are the reference interpreter the
// generated codecs are held to (test/schema/generated-equivalence.test.ts),
// and the DHCPv6 schema reaches several of their paths only from the
// property suites:
// - `size` then `write`, at depth 1;
// - `read`, where it ends or that it fails (`readEnd`), which is what the
//   generated skippers behind `scan()` must agree with;
// - the layouts' construction (kinds, `fixed`, `minSize`, `itemStep`).
// Expected bytes are big-endian integers and RFC 4291 / RFC 791 addresses
// written out by hand; expected errors are the codes and paths the Codec
// contract promises (`size` validates).
describe("combinators: read, size and write, and layouts", () => {
  const opts = { maxDepth: 24, keepMalformedOptions: false };
  const u = (...b: number[]): Uint8Array => Uint8Array.from(b);

  function read<T>(c: Codec<T>, b: Uint8Array): T {
    return c.read(new Reader(b, opts));
  }

  /** The two-pass path at depth 1 (below any top-level encode): size, then write exactly that many bytes. */
  function twoPass(c: AnyCodec, v: unknown): string {
    const n = c.size(v, 1);
    const w = new Writer(new Uint8Array(n));
    c.write(w, v);
    expect(w.pos).toBe(n);
    return toHex(w.b);
  }

  /** `size` must refuse `v`; the error's code and path. */
  function refused(c: AnyCodec, v: unknown): { code: string; path: string } {
    const a = encodeErrorOf(() => c.size(v, 1));
    return { code: a.code, path: a.path };
  }

  /** Where a read of `c` over `b[p, end)` stops, or -1 where it throws a DecodeError. */
  function readEnd(c: AnyCodec, b: Uint8Array, p = 0, end = b.length): number {
    const r = new Reader(b, opts, p, end);
    try {
      c.read(r);
    } catch (e) {
      if (e instanceof DecodeError) return -1;
      throw e;
    }
    return r.pos;
  }

  /** A 1-byte codec declared outside codec.ts whose read fails on 0xff. */
  const odd: Codec<number> = {
    kind: { type: "uint", bits: 8 },
    fixed: 1,
    read(r) {
      const v = r.u8("odd byte");
      if (v === 0xff) throw new DecodeError("invalid-value", r.pos - 1, "0xff is not allowed");
      return v;
    },
    size: () => 1,
    write: (w, v) => w.u8(v),
  };

  describe("primitive fields", () => {
    const all = struct({ a: u8, b: u16, c: u24, d: u32, e: ipv6, f: ipv4, g: bytes(2) });
    const value = {
      a: 0x01,
      b: 0x0203,
      c: 0x040506,
      d: 0x0708090a,
      e: "2001:db8::1",
      f: "192.0.2.1",
      g: u(0xab, 0xcd),
    };
    // 1 + 2 + 3 + 4 + 16 + 4 + 2 = 32 bytes, each integer big-endian,
    // 2001:db8::1 as its 16 bytes (RFC 4291 2.2), 192.0.2.1 as c0 00 02 01.
    const hex = "01" + "0203" + "040506" + "0708090a" + "20010db8000000000000000000000001" + "c0000201" + "abcd";

    it("writes each width and address at its place, and reads it back", () => {
      expect(all.size(value, 1)).toBe(32);
      expect(twoPass(all, value)).toBe(hex);
      expect(read(all, Uint8Array.from(Buffer.from(hex, "hex")))).toEqual(value);
    });

    it("takes each integer width's largest value and refuses the next", () => {
      const cases: [Codec<number>, number, string][] = [
        [u8, 0xff, "ff"],
        [u16, 0xffff, "ffff"],
        [u24, 0xffffff, "ffffff"],
        [u32, 0xffffffff, "ffffffff"],
      ];
      for (const [c, max, maxHex] of cases) {
        const s = struct({ x: c });
        expect(twoPass(s, { x: max })).toBe(maxHex);
        expect(refused(s, { x: max + 1 })).toMatchObject({ code: "out-of-range", path: "x" });
        expect(refused(s, { x: -1 })).toMatchObject({ code: "out-of-range", path: "x" });
        // A BigInt is not a number: refused as a value of the wrong type, not
        // a TypeError from mixing it with numbers.
        expect(refused(s, { x: 1n })).toMatchObject({ code: "invalid-value", path: "x" });
        expect(refused(s, { x: "1" })).toMatchObject({ code: "invalid-value", path: "x" });
      }
    });

    it("refuses addresses of the other family and fixed bytes of another length or type", () => {
      const a6 = struct({ e: ipv6 });
      expect(refused(a6, { e: "192.0.2.1" })).toMatchObject({ code: "invalid-value", path: "e" });
      expect(refused(a6, { e: 1 })).toMatchObject({ code: "invalid-value", path: "e" });
      const a4 = struct({ f: ipv4 });
      expect(refused(a4, { f: "2001:db8::1" })).toMatchObject({ code: "invalid-value", path: "f" });
      expect(refused(a4, { f: "1.2.3" })).toMatchObject({ code: "invalid-value", path: "f" });
      expect(refused(a4, { f: 1 })).toMatchObject({ code: "invalid-value", path: "f" });
      const b2 = struct({ g: bytes(2) });
      expect(refused(b2, { g: u(1) })).toMatchObject({ code: "invalid-value", path: "g" });
      expect(refused(b2, { g: u(1, 2, 3) })).toMatchObject({ code: "invalid-value", path: "g" });
      // Array-likes of the right length are not bytes.
      expect(refused(b2, { g: [1, 2] })).toMatchObject({ code: "invalid-value", path: "g" });
      expect(refused(b2, { g: "ab" })).toMatchObject({ code: "invalid-value", path: "g" });
    });

    it("validates the non-primitive fields of a struct too", () => {
      const s = struct({ a: u8, s: utf8 });
      expect(twoPass(s, { a: 1, s: "é" })).toBe("01c3a9");
      expect(refused(s, { a: 1, s: 5 })).toMatchObject({ code: "invalid-value", path: "s" });
    });

    it("refuses a struct value that is not an object", () => {
      const s = struct({ a: u8 });
      for (const v of [null, 5, "x"]) {
        const e = refused(s, v);
        expect(e.code).toBe("invalid-value");
        expect(e.path).toBe("");
      }
    });
  });

  describe("lists", () => {
    it("of primitive items: whole items only, each validated", () => {
      const l = list(u16);
      expect(l.kind).toEqual({ type: "list", item: u16 });
      expect(l.fixed).toBe(-1);
      expect(twoPass(l, [1, 0xffff])).toBe("0001ffff");
      expect(refused(l, [1, 0x10000])).toMatchObject({ code: "out-of-range", path: "[1]" });
      expect(refused(l, [1n])).toMatchObject({ code: "invalid-value", path: "[0]" });
      const e = refused(l, "ab");
      expect(e).toMatchObject({ code: "invalid-value", path: "" });
      expect(refused(list(ipv6), ["::1", "192.0.2.1"])).toMatchObject({ code: "invalid-value", path: "[1]" });
      // 3 bytes are not a whole number of 2-byte items.
      const d = decodeErrorOf(() => read(l, u(0, 1, 0)));
      expect([d.code, d.offset, d.path]).toEqual(["length-mismatch", 0, ""]);
      expect(read(l, u(0, 1, 0xff, 0xff))).toEqual([1, 0xffff]);
    });

    it("needs items of a fixed, non-zero size", () => {
      expect(() => list(struct({}))).toThrow(Error);
      expect(list(bytes(1)).fixed).toBe(-1);
    });

    it("of struct items: read, written and checked item by item", () => {
      const pair = struct({ a: u8, b: u8 });
      const l = list(pair);
      expect(read(l, u(1, 2, 3, 4))).toEqual([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ]);
      expect(
        twoPass(l, [
          { a: 1, b: 2 },
          { a: 3, b: 4 },
        ]),
      ).toBe("01020304");
      // A Uint8Array of the item's size is not a struct value.
      expect(refused(l, [{ a: 1, b: 2 }, u(3, 4)])).toMatchObject({ code: "invalid-value", path: "[1].a" });
      expect(readEnd(l, u(1, 2, 3, 4))).toBe(4);
      expect(readEnd(l, u(1, 2, 3))).toBe(-1);
    });

    it("of items that can fail: the failing item's index, and where read ends", () => {
      const l = list(odd);
      expect(read(l, u(1, 2))).toEqual([1, 2]);
      const e = decodeErrorOf(() => read(l, u(1, 0xff)));
      expect(e.path).toBe("[1]");
      expect(e.offset).toBe(1);
      expect(readEnd(l, u(1, 2))).toBe(2);
      expect(readEnd(l, u(9, 1, 2), 1)).toBe(3);
      expect(readEnd(l, u(1, 0xff))).toBe(-1);
      expect(readEnd(l, u(0xff, 1))).toBe(-1);
      expect(readEnd(l, u(), 0)).toBe(0);
    });

    it("reads whole primitive items only", () => {
      const l = list(u16);
      expect(readEnd(l, u(0, 1, 0, 2))).toBe(4);
      expect(readEnd(l, u(9, 0, 1), 1)).toBe(3);
      expect(readEnd(l, u(0, 1, 0))).toBe(-1);
      expect(readEnd(l, u(9, 0, 1, 0), 1)).toBe(-1);
    });
  });

  describe("struct shapes", () => {
    it("knows its kind, size and whether it takes the rest", () => {
      const s = struct({ a: u8, r: bytes() });
      expect(s.kind).toEqual({
        type: "struct",
        fields: [
          ["a", u8],
          ["r", s.fields.r],
        ],
      });
      expect(s.fixed).toBe(-1);
      expect(s.minSize).toBe(1);
      expect(struct({ a: u8, b: u16 }).fixed).toBe(3);
    });

    it("gives the item size of a last list of multi-byte items (itemStep), else 0", () => {
      expect(struct({ a: u8, l: list(u32) }).itemStep).toBe(4);
      expect(struct({ l: list(ipv6) }).itemStep).toBe(16);
      expect(struct({ l: list(u8) }).itemStep).toBe(0);
      expect(struct({ a: u16, r: bytes() }).itemStep).toBe(0);
      expect(struct({}).itemStep).toBe(0);
    });

    it("allows a zero-size field before others (only a rest field must be last)", () => {
      const s = struct({ empty: struct({}), n: u8 });
      expect(s.fixed).toBe(1);
      expect(read(s, u(5))).toEqual({ empty: {}, n: 5 });
      expect(twoPass(s, { empty: {}, n: 5 })).toBe("05");
    });

    it("reads every field of a struct that is not primitives-then-one-field", () => {
      // Primitive, struct, primitive: the leading run is only `a`.
      const s = struct({ a: u8, mid: struct({ b: u8 }), c: u16 });
      expect(read(s, u(1, 2, 0, 3))).toEqual({ a: 1, mid: { b: 2 }, c: 3 });
      const e = decodeErrorOf(() => read(s, u(1, 2, 0)));
      expect([e.code, e.path, e.offset]).toEqual(["truncated", "c", 2]);
      expect(twoPass(s, { a: 1, mid: { b: 2 }, c: 3 })).toBe("01020003");
    });

    it("reads a short leading run field by field, failing at the missing field", () => {
      const s = struct({ a: u16, b: u16 });
      const e = decodeErrorOf(() => read(s, u(0, 1, 0)));
      expect([e.code, e.path, e.offset]).toEqual(["truncated", "b", 2]);
      expect(read(s, u(0, 1, 0, 2))).toEqual({ a: 1, b: 2 });
    });

    it("reads a text or opaque last field as its own type", () => {
      expect(read(struct({ code: u16, text: utf8 }), u(0, 1, 0x41))).toEqual({ code: 1, text: "A" });
      expect(read(struct({ a: u8, r: bytes() }), u(1, 2, 3))).toEqual({ a: 1, r: u(2, 3) });
      expect(read(struct({ a: u8, l: list(u8) }), u(1, 2, 3))).toEqual({ a: 1, l: [2, 3] });
    });

    it("ends each shape's read exactly where it ends, or fails", () => {
      // All primitives: exactly 3 bytes.
      const prim = struct({ a: u8, b: u16 });
      expect(readEnd(prim, u(1, 2, 3))).toBe(3);
      expect(readEnd(prim, u(1, 2, 3, 4))).toBe(3);
      expect(readEnd(prim, u(9, 1, 2, 3), 1)).toBe(4);
      expect(readEnd(prim, u(1, 2))).toBe(-1);
      expect(readEnd(prim, u(9, 1, 2), 1)).toBe(-1);
      // Primitives then opaque rest: at least 2 bytes, then all of it.
      const rest = struct({ a: u16, r: bytes() });
      expect(readEnd(rest, u(1, 2, 3))).toBe(3);
      expect(readEnd(rest, u(9, 1, 2), 1)).toBe(3);
      expect(readEnd(rest, u(1))).toBe(-1);
      expect(readEnd(rest, u(9, 1), 1)).toBe(-1);
      // Primitives then UTF-8: the text after the 2-byte code is checked.
      const text = struct({ code: u16, s: utf8 });
      expect(readEnd(text, u(0, 1, 0x41))).toBe(3);
      expect(readEnd(text, u(9, 0, 1, 0xc3, 0xa9), 1)).toBe(5);
      expect(readEnd(text, u(0, 1, 0xff))).toBe(-1);
      expect(readEnd(text, u(0))).toBe(-1);
      // c2 80 is U+0080, but the text is only the 80: not UTF-8.
      expect(readEnd(text, u(0, 0xc2, 0x80))).toBe(-1);
      // Text alone.
      expect(readEnd(struct({ s: utf8 }), u(0x41))).toBe(1);
      expect(readEnd(struct({ s: utf8 }), u(0x80))).toBe(-1);
      // Any other shape: field by field.
      const mixed = struct({ a: u8, mid: struct({ b: u8 }), c: u16 });
      expect(readEnd(mixed, u(1, 2, 0, 3))).toBe(4);
      expect(readEnd(mixed, u(9, 1, 2, 0, 3), 1)).toBe(5);
      expect(readEnd(mixed, u(1, 2, 0))).toBe(-1);
      expect(readEnd(mixed, u(1))).toBe(-1);
      expect(readEnd(mixed, u())).toBe(-1);
      const zero = struct({ empty: struct({}), n: u8, s: utf8 });
      expect(readEnd(zero, u(5, 0x41))).toBe(2);
      expect(readEnd(zero, u(5, 0xff))).toBe(-1);
      expect(readEnd(zero, u())).toBe(-1);
    });
  });

  describe("unions", () => {
    const V1 = struct({ n: u16 });
    const V2 = struct({ s: utf8 });
    const FB = struct({ data: bytes() });
    const U: AnyCodec = union("type", u8, { 1: V1, 2: V2 }, FB, "thing");
    /** A fresh union, for checks of what union() builds (inside the test, not at collection). */
    const makeU = (): AnyCodec => union("type", u8, { 1: V1, 2: V2 }, FB, "thing");

    it("knows its kind and takes the rest", () => {
      const U = makeU();
      expect(U.kind).toEqual({
        type: "union",
        name: "thing",
        tag: "type",
        tagCodec: u8,
        variants: new Map<number, AnyCodec>([
          [1, V1],
          [2, V2],
        ]),
        fallback: FB,
      });
      expect(U.fixed).toBe(-1);
    });

    it("reads the variant its tag selects, and a missing tag as a truncated tag", () => {
      expect(read(U, u(1, 0, 5))).toEqual({ type: 1, n: 5 });
      expect(read(U, u(2, 0x41))).toEqual({ type: 2, s: "A" });
      expect(read(U, u(9, 7))).toEqual({ type: 9, data: u(7) });
      const e = decodeErrorOf(() => read(U, u()));
      expect([e.code, e.path, e.offset]).toEqual(["truncated", "type", 0]);
      const D = union("duidType", u16, { 4: struct({ uuid: bytes(16) }) }, FB);
      const f = decodeErrorOf(() => read(D, u(0)));
      expect([f.code, f.path, f.offset]).toEqual(["truncated", "duidType", 0]);
    });

    it("measures and writes below the top, checking the tag", () => {
      expect(twoPass(U, { type: 1, n: 5 })).toBe("010005");
      expect(twoPass(U, { type: 2, s: "A" })).toBe("0241");
      expect(twoPass(U, { type: 9, data: u(7) })).toBe("0907");
      expect(U.size({ type: 1, n: 5 }, 1)).toBe(3);
      expect(refused(U, { type: 256, n: 1 })).toMatchObject({ code: "out-of-range", path: "type" });
      expect(refused(U, { type: 1n })).toMatchObject({ code: "invalid-value", path: "type" });
      expect(refused(U, { type: 1, n: 0x10000 })).toMatchObject({ code: "out-of-range", path: "n" });
      for (const v of [null, 5]) {
        const e = refused(U, v);
        expect([e.code, e.path]).toEqual(["invalid-value", ""]);
      }
    });

    it("ends a union's read where its variant ends, or fails", () => {
      expect(readEnd(U, u(1, 0, 5))).toBe(3);
      expect(readEnd(U, u(1, 0))).toBe(-1);
      expect(readEnd(U, u(2, 0x41))).toBe(2);
      expect(readEnd(U, u(2, 0xff))).toBe(-1);
      expect(readEnd(U, u(9, 1, 2))).toBe(3);
      expect(readEnd(U, u(8, 9), 1)).toBe(2);
      expect(readEnd(U, u())).toBe(-1);
      expect(readEnd(U, u(7), 1)).toBe(-1);
      // An empty region whose buffer goes on (the next byte would be tag 2, text).
      expect(readEnd(U, u(0, 2), 1, 1)).toBe(-1);
    });

    it("reads a union of plain variants by each variant's size rule", () => {
      // DUID-like: type 1 is 2 + 4 fixed bytes then the rest, type 4 exactly
      // 16 bytes, anything else (2, 3, 0x1234) the fallback's rest.
      const D = union(
        "duidType",
        u16,
        { 1: struct({ hw: u16, time: u32, ll: bytes() }), 4: struct({ uuid: bytes(16) }) },
        FB,
      );
      const z = (n: number): number[] => new Array<number>(n).fill(0);
      expect(readEnd(D, u(0, 4, ...z(16)))).toBe(18);
      expect(readEnd(D, u(0, 4, ...z(17)))).toBe(18);
      expect(readEnd(D, u(9, 0, 4, ...z(16)), 1)).toBe(19);
      expect(readEnd(D, u(0, 4, ...z(15)))).toBe(-1);
      expect(readEnd(D, u(0, 1, ...z(6)))).toBe(8);
      expect(readEnd(D, u(0, 1, ...z(8)))).toBe(10);
      expect(readEnd(D, u(9, 0, 1, ...z(6)), 1)).toBe(9);
      expect(readEnd(D, u(0, 1, ...z(5)))).toBe(-1);
      expect(readEnd(D, u(0, 2, 1))).toBe(3);
      expect(readEnd(D, u(0, 0))).toBe(2);
      expect(readEnd(D, u(0x12, 0x34, 1, 2))).toBe(4);
      expect(readEnd(D, u(0))).toBe(-1);
      expect(readEnd(D, u(9, 0), 1)).toBe(-1);
      expect(readEnd(D, u())).toBe(-1);
    });

    it("reads a plain variant of size 0 as exactly its tag", () => {
      const Z = union("t", u8, { 1: struct({}) }, FB);
      expect(readEnd(Z, u(1, 9))).toBe(1);
      expect(readEnd(Z, u(2, 9))).toBe(2);
    });

    it("writes the value last sized at the top from there, and any other value itself", () => {
      const a = { type: 1, n: 5 };
      const b = { type: 1, n: 6 };
      // At depth 0 the union is encoded once, into the top-level scratch.
      expect(U.size(a, 0)).toBe(3);
      const w = new Writer(new Uint8Array(5), 2);
      U.write(w, b);
      expect(toHex(w.b)).toBe("0000010006");
      expect(w.pos).toBe(5);
      expect(U.size(b, 0)).toBe(3);
      const w2 = new Writer(new Uint8Array(5), 2);
      U.write(w2, b);
      expect(toHex(w2.b)).toBe("0000010006");
      expect(w2.pos).toBe(5);
      // A size below the top (the two-pass path) forgets the top-level copy,
      // so a value changed since it was sized at the top is written as it is now.
      expect(U.size(a, 0)).toBe(3);
      a.n = 7;
      expect(U.size(a, 1)).toBe(3);
      const w3 = new Writer(new Uint8Array(3));
      U.write(w3, a);
      expect(toHex(w3.b)).toBe("010007");
      expect(w3.pos).toBe(3);
    });

    it("measures a union re-entered during a top-level encode on the two-pass path", () => {
      const inner = { type: 1, n: 0x0102 };
      let innerSize = 0;
      let innerHex = "";
      const outer = {
        type: 9,
        get data(): Uint8Array {
          // Runs while the outer value is being encoded at the top.
          innerSize = U.size(inner, 0);
          const w = new Writer(new Uint8Array(innerSize));
          U.write(w, inner);
          innerHex = toHex(w.b);
          return u(0xaa);
        },
      };
      expect(U.size(outer, 0)).toBe(2);
      expect(innerSize).toBe(3);
      expect(innerHex).toBe("010102");
      const w = new Writer(new Uint8Array(2));
      U.write(w, outer);
      expect(toHex(w.b)).toBe("09aa");
    });
  });

  describe("references", () => {
    it("stand for their target in every path", () => {
      const pair = struct({ a: u8, b: u8 });
      const target = (): AnyCodec => pair;
      const R = ref("pair", target);
      expect(R.kind).toEqual({ type: "ref", name: "pair", target });
      expect(R.fixed).toBe(-1);
      expect(read(R, u(1, 2))).toEqual({ a: 1, b: 2 });
      expect(R.size({ a: 1, b: 2 }, 1)).toBe(2);
      expect(twoPass(R, { a: 1, b: 2 })).toBe("0102");
      expect(refused(R, { a: 256, b: 2 })).toMatchObject({ code: "out-of-range", path: "a" });
      expect(readEnd(R, u(1, 2))).toBe(2);
      expect(readEnd(R, u(1))).toBe(-1);
    });
  });

  describe("primitive codecs", () => {
    it("ipv6 and ipv4 fail truncated at their first byte and advance by their size", () => {
      const d6 = decodeErrorOf(() => read(ipv6, u(1, 2)));
      expect([d6.code, d6.offset]).toEqual(["truncated", 0]);
      const d4 = decodeErrorOf(() => read(ipv4, u(1, 2)));
      expect([d4.code, d4.offset]).toEqual(["truncated", 0]);
      const r = new Reader(u(192, 0, 2, 1, 9), opts);
      expect(ipv4.read(r)).toBe("192.0.2.1");
      expect(r.pos).toBe(4);
      expect(ipv6.size("::1", 1)).toBe(16);
      expect(ipv4.size("10.1.2.3", 1)).toBe(4);
      expect(encodeErrorOf(() => ipv6.size("1.2.3.4", 1)).code).toBe("invalid-value");
      expect(encodeErrorOf(() => ipv4.size("::1", 1)).code).toBe("invalid-value");
      const w = new Writer(new Uint8Array(17), 1);
      ipv6.write(w, "::1");
      expect(w.pos).toBe(17);
      expect(toHex(w.b)).toBe(`00${"00".repeat(15)}01`);
      const w4 = new Writer(new Uint8Array(5), 1);
      ipv4.write(w4, "10.1.2.3");
      expect(w4.pos).toBe(5);
      expect(toHex(w4.b)).toBe("000a010203");
    });

    it("bytes: a rest of the region, or an exact length", () => {
      const rest = bytes();
      expect(rest.kind).toEqual({ type: "bytes" });
      expect(rest.fixed).toBe(-1);
      const r = new Reader(u(1, 2, 3), opts, 1);
      expect(rest.read(r)).toEqual(u(2, 3));
      expect(r.pos).toBe(3);
      const w = new Writer(new Uint8Array(3), 1);
      rest.write(w, u(7, 8));
      expect(toHex(w.b)).toBe("000708");
      expect(w.pos).toBe(3);
      const two = bytes(2);
      expect(two.kind).toEqual({ type: "bytes", length: 2 });
      expect(two.fixed).toBe(2);
      expect(read(two, u(1, 2, 3))).toEqual(u(1, 2));
      const short = decodeErrorOf(() => read(two, u(1)));
      expect([short.code, short.offset]).toEqual(["truncated", 0]);
      expect(encodeErrorOf(() => two.size(u(1), 1)).code).toBe("invalid-value");
      const w2 = new Writer(new Uint8Array(2));
      two.write(w2, u(5, 6));
      expect(toHex(w2.b)).toBe("0506");
    });

    it("where reads of primitives, opaque rest, text and foreign codecs end", () => {
      expect(readEnd(u16, u(1, 2))).toBe(2);
      expect(readEnd(u16, u(1, 2, 3))).toBe(2);
      expect(readEnd(u16, u(9, 1, 2), 1)).toBe(3);
      expect(readEnd(u16, u(1))).toBe(-1);
      expect(readEnd(u16, u(9, 1), 1)).toBe(-1);
      expect(readEnd(ipv6, u(...new Array<number>(16).fill(0)))).toBe(16);
      expect(readEnd(bytes(), u(1, 2, 3, 4), 1)).toBe(4);
      expect(readEnd(bytes(), u(), 0)).toBe(0);
      expect(readEnd(utf8, u(0x41, 0xc3, 0xa9))).toBe(3);
      expect(readEnd(utf8, u(9, 0x41), 1)).toBe(2);
      expect(readEnd(utf8, u(0xff))).toBe(-1);
      expect(readEnd(utf8, u(0x41, 0x80))).toBe(-1);
      expect(readEnd(odd, u(5))).toBe(1);
      expect(readEnd(odd, u(9, 5), 1)).toBe(2);
      expect(readEnd(odd, u(0xff))).toBe(-1);
      expect(readEnd(odd, u(9, 0xff), 1)).toBe(-1);
    });
  });

  describe("structs of several non-primitive fields, union fallbacks and nested struct values", () => {
    /** A 0-byte codec declared outside codec.ts: reads nothing. */
    const nothing: Codec<Uint8Array> = {
      kind: { type: "bytes", length: 0 },
      fixed: 0,
      read: () => new Uint8Array(0),
      size: () => 0,
      write: () => {},
    };

    it("reads a struct with two fields after its primitives only when the primitives are all there", () => {
      // Two fields after the u16 (a 0-size struct, then the rest).
      const S = struct({ a: u16, z: struct({}), c: bytes() });
      expect(readEnd(S, u(1, 2))).toBe(2);
      expect(readEnd(S, u(9, 1, 2), 1)).toBe(3);
      expect(readEnd(S, u(1, 2, 3))).toBe(3);
      expect(readEnd(S, u(1))).toBe(-1);
      // The field after the u16 reads nothing, so only the u16 can be short.
      const T = struct({ a: u16, z: nothing, c: bytes() });
      expect(read(T, u(1, 2, 3))).toEqual({ a: 0x0102, z: u(), c: u(3) });
      expect(readEnd(T, u(1, 2))).toBe(2);
      expect(readEnd(T, u(1))).toBe(-1);
      expect(readEnd(T, u(9, 1), 1)).toBe(-1);
      expect(readEnd(T, u(9, 1), 1, 2)).toBe(-1);
      expect(readEnd(T, u(9, 1, 2), 1, 3)).toBe(3);
    });

    it("reads tags past the last variant by a fixed-size fallback's size", () => {
      // Variant 1 is empty, the fallback exactly one u16: tag 0 (a hole) and
      // tags 2 and up take the fallback's 2 bytes, not the rest of the region.
      const G = union("t", u8, { 1: struct({}) }, struct({ n: u16 }));
      expect(readEnd(G, u(2, 0, 5, 9))).toBe(3);
      expect(readEnd(G, u(3, 0, 5))).toBe(3);
      expect(readEnd(G, u(0, 0, 5, 9))).toBe(3);
      expect(readEnd(G, u(2, 0))).toBe(-1);
      expect(readEnd(G, u(0xff, 1))).toBe(-1);
      expect(readEnd(G, u(1, 9))).toBe(1);
      expect(readEnd(G, u(1))).toBe(1);
      expect(read(G, u(2, 0, 5))).toEqual({ t: 2, n: 5 });
    });

    it("sizes a nested struct field from its own fields, even for a byte array of its size", () => {
      // A struct is not a primitive: a Uint8Array in its place is not a value
      // of it (its field `n` is missing), whatever its length.
      const S = struct({ inner: struct({ n: u16 }) });
      expect(twoPass(S, { inner: { n: 0x0102 } })).toBe("0102");
      const e = refused(S, { inner: u(1, 2) });
      expect(e.path).toBe("inner.n");
      const Z = struct({ inner: struct({}) });
      expect(Z.size({ inner: {} }, 1)).toBe(0);
    });
  });
});

// Each field width accepts its largest value and refuses the next one, on
// every encode path. Expected bytes are the RFC 8415 layouts written out by
// hand: msg-type (1), transaction-id (3), then option-code (2), option-len (2)
// and the body.
describe("whole messages through the schema: field widths, re-entered encode, DHCPv4 header, scan", () => {
  const message = (option: object) => ({ msgType: 1, transactionId: 1, options: [option] });

  function encodeError(value: unknown): EncodeError {
    return encodeErrorOf(() => encode(value as Parameters<typeof encode>[0]));
  }

  describe("field widths at their limits", () => {
    it("STATUS_CODE: a 2-byte status code", () => {
      const bytes = encode(message({ code: 13, statusCode: 0xffff, statusMessage: "" }) as never);
      expect(toHex(bytes)).toBe("01000001000d0002ffff");
      const e = encodeError(message({ code: 13, statusCode: 0x10000, statusMessage: "" }));
      expect(e.code).toBe("out-of-range");
      expect(e.path).toBe("options[0](STATUS_CODE).statusCode");
    });

    it("CLT_TIME: a 4-byte time", () => {
      const bytes = encode(message({ code: 46, cltTime: 0xffffffff }) as never);
      expect(toHex(bytes)).toBe("01000001002e0004ffffffff");
      expect(encodeError(message({ code: 46, cltTime: 2 ** 32 })).code).toBe("out-of-range");
      expect(encodeError(message({ code: 46, cltTime: "1" })).code).toBe("invalid-value");
    });

    it("IAADDR: a 16-byte address given as IPv6 text only", () => {
      const ok = { code: 5, address: "2001:db8::1", preferredLifetime: 1, validLifetime: 2, options: [] };
      expect(toHex(encode(message(ok) as never))).toBe(
        "010000010005001820010db80000000000000000000000010000000100000002",
      );
      const e = encodeError(message({ ...ok, address: "192.0.2.1" }));
      expect(e.code).toBe("invalid-value");
      expect(e.path).toBe("options[0](IAADDR).address");
      expect(encodeError(message({ ...ok, address: 1 })).code).toBe("invalid-value");
    });
  });

  /** Runs `f` from a getter while `encode` is encoding another message (a re-entered encode). */
  function duringEncode<T>(f: () => T): T {
    let out: { ok: T } | { err: unknown } | undefined;
    const outer = {
      msgType: 1,
      transactionId: 1,
      options: [
        {
          code: 13,
          statusCode: 0,
          get statusMessage(): string {
            try {
              out = { ok: f() };
            } catch (e) {
              out = { err: e };
            }
            return "";
          },
        },
      ],
    };
    // The outer message is not disturbed: STATUS_CODE 0 with no text.
    expect(toHex(encode(outer as never))).toBe("01000001000d00020000");
    if (out === undefined) throw new Error("the getter was not called");
    if ("err" in out) throw out.err;
    return out.ok;
  }

  function reentrantError(value: unknown): EncodeError {
    return duringEncode(() => encodeError(value));
  }

  describe("an encode re-entered during another encode (the two-pass path)", () => {
    // RELAY-FORW (RFC 8415 9): msg-type 12, hop-count 1, link-address
    // 2001:db8::1, peer-address fe80::1, then RELAY_MSG (9) holding a
    // LEASEQUERY (14, RFC 5007 4.1.1) with transaction-id 123456 and
    //   CLIENTID (1): DUID-UUID (type 4, RFC 6355) 00 01 .. 0f, option-len 18
    //   ORO (6): 45, 46, option-len 4
    //   LQ_QUERY (44): query-type 1, link-address 2001:db8::, and IAADDR (5)
    //     2001:db8::5, preferred 0, valid ffffffff (option-len 24);
    //     option-len 1 + 16 + 28 = 45
    //   LQ_CLIENT_LINK (48): 2001:db8::1, option-len 16
    // LEASEQUERY: 4 + 22 + 8 + 49 + 20 = 103 bytes (0x67).
    const uuid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const leasequery = {
      msgType: 14,
      transactionId: 0x123456,
      options: [
        { code: 1, duid: { duidType: 4, uuid } },
        { code: 6, requestedOptions: [45, 46] },
        {
          code: 44,
          queryType: 1,
          linkAddress: "2001:db8::",
          options: [{ code: 5, address: "2001:db8::5", preferredLifetime: 0, validLifetime: 0xffffffff, options: [] }],
        },
        { code: 48, linkAddresses: ["2001:db8::1"] },
      ],
    };
    const relay = {
      msgType: 12,
      hopCount: 1,
      linkAddress: "2001:db8::1",
      peerAddress: "fe80::1",
      options: [{ code: 9, relayMessage: leasequery }],
    };
    const leasequeryHex =
      "0e123456" +
      "00010012" +
      "0004000102030405060708090a0b0c0d0e0f" +
      "00060004002d002e" +
      "002c002d01" +
      "20010db8000000000000000000000000" +
      "00050018" +
      "20010db8000000000000000000000005" +
      "00000000ffffffff" +
      "00300010" +
      "20010db8000000000000000000000001";
    const relayHex =
      `0c01 20010db8000000000000000000000001 fe800000000000000000000000000001 00090067 ${leasequeryHex}`.replaceAll(
        " ",
        "",
      );

    it("gives the RFC bytes, as a top-level encode does", () => {
      expect(leasequeryHex.length / 2).toBe(0x67);
      expect(toHex(encode(relay as never))).toBe(relayHex);
      expect(duringEncode(() => toHex(encode(relay as never)))).toBe(relayHex);
      expect(duringEncode(() => toHex(encode(leasequery as never)))).toBe(leasequeryHex);
    });

    it("refuses what a top-level encode refuses, with the same path", () => {
      const cases: [unknown, string, string][] = [
        [{ ...leasequery, transactionId: 0x1000000 }, "out-of-range", "transactionId"],
        [{ ...leasequery, transactionId: 1n }, "invalid-value", "transactionId"],
        [{ ...leasequery, msgType: 256 }, "out-of-range", "msgType"],
        [{ ...relay, hopCount: 256 }, "out-of-range", "hopCount"],
        [{ ...relay, linkAddress: "192.0.2.1" }, "invalid-value", "linkAddress"],
        [null, "invalid-value", ""],
        [
          { msgType: 14, transactionId: 1, options: [{ code: 1, duid: { duidType: 4, uuid: uuid.subarray(1) } }] },
          "invalid-value",
          "options[0](CLIENTID).duid.uuid",
        ],
        [
          { msgType: 14, transactionId: 1, options: [{ code: 1, duid: { duidType: 0x10000, data: uuid } }] },
          "out-of-range",
          "options[0](CLIENTID).duid.duidType",
        ],
        [
          { msgType: 14, transactionId: 1, options: [{ code: 6, requestedOptions: [1, 0x10000] }] },
          "out-of-range",
          "options[0](ORO).requestedOptions[1]",
        ],
        [
          { msgType: 14, transactionId: 1, options: [{ code: 48, linkAddresses: ["::1", "192.0.2.1"] }] },
          "invalid-value",
          "options[0](LQ_CLIENT_LINK).linkAddresses[1]",
        ],
        [
          { msgType: 14, transactionId: 1, options: [{ code: 46, cltTime: 2 ** 32 }] },
          "out-of-range",
          "options[0](CLT_TIME).cltTime",
        ],
      ];
      for (const [value, code, path] of cases) {
        const top = encodeError(value);
        expect([top.code, top.path]).toEqual([code, path]);
        const inner = reentrantError(value);
        expect([inner.code, inner.path]).toEqual([code, path]);
      }
    });
  });

  describe("DHCPv4 messages (encoded on the two-pass path)", () => {
    // RFC 2131 2, figure 1: op, htype, hlen, hops (1 byte each), xid (4),
    // secs (2), flags (2), ciaddr, yiaddr, siaddr, giaddr (4 each).
    it("writes the BOOTP header fields at their widths", () => {
      const m = v4message([{ code: 55, parameterRequestList: [1, 3] }, { code: 255 }], {
        op: 0xff,
        hops: 0xff,
        xid: 0xffffffff,
        secs: 0xffff,
        flags: 0x8000,
        ciaddr: "192.0.2.1",
        giaddr: "10.0.0.1",
      });
      const bytes = encodeDhcpv4(m);
      expect(toHex(bytes.subarray(0, 28))).toBe(
        "ff0000ff" + "ffffffff" + "ffff" + "8000" + "c0000201" + "00000000" + "00000000" + "0a000001",
      );
      // After the 236-byte header and the cookie: option 55 (RFC 2132 9.8), length 2, 1 and 3; end.
      expect(toHex(bytes.subarray(236))).toBe("63825363" + "37020103" + "ff");
    });

    it("refuses header fields and list items that do not fit, naming them", () => {
      const cases: [Partial<Record<keyof Dhcpv4Message, unknown>>, unknown[], string, string][] = [
        [{ op: 256 }, [], "out-of-range", "op"],
        [{ hops: 1n }, [], "invalid-value", "hops"],
        [{ secs: 0x10000 }, [], "out-of-range", "secs"],
        [{ xid: 2 ** 32 }, [], "out-of-range", "xid"],
        [{ xid: 1n }, [], "invalid-value", "xid"],
        [{ ciaddr: "1.2.3" }, [], "invalid-value", "ciaddr"],
        [{ giaddr: "2001:db8::1" }, [], "invalid-value", "giaddr"],
        [{ yiaddr: 1 }, [], "invalid-value", "yiaddr"],
        [
          {},
          [{ code: 55, parameterRequestList: [1, 256] }],
          "out-of-range",
          "options[0](dhcp-parameter-request-list).parameterRequestList[1]",
        ],
        [
          {},
          [{ code: 92, addresses: ["192.0.2.1", "::1"] }],
          "invalid-value",
          "options[0](associated-ip).addresses[1]",
        ],
      ];
      for (const [fields, options, code, path] of cases) {
        const e = encodeError4(v4message([...options, { code: 255 }], fields));
        expect([e.code, e.path]).toEqual([code, path]);
      }
    });
  });

  function encodeError4(m: Dhcpv4Message): EncodeError {
    return encodeErrorOf(() => encodeDhcpv4(m));
  }

  describe("scan agrees with decode on what the fast checks could let through", () => {
    // Each case is malformed in a way a check compiled from the declarations
    // must catch itself (scan only asks decode when its own checks fail).
    it("rejects malformed bodies and accepts well-formed ones", () => {
      const relayHead = `0c00${"00".repeat(32)}`;
      const cases: [string, boolean, string][] = [
        // A relay message needs hop-count and two addresses (RFC 8415 9):
        // four bytes are a whole client/server header, not a relay header.
        ["0c000000", false, ""],
        // STATUS_CODE (RFC 8415 21.13): 2-byte code then UTF-8. c2 80 would be
        // U+0080, but c2 is the code's low byte; the text 80 alone is not UTF-8.
        ["01000001" + "000d0003" + "00c280", false, "options[0](STATUS_CODE).statusMessage"],
        ["01000001" + "000d0003" + "0000ff", false, "options[0](STATUS_CODE).statusMessage"],
        ["01000001" + "000d0004" + "0000c3a9", true, ""],
        // ORO (RFC 8415 21.7): 2-byte codes.
        ["01000001" + "00060004" + "002d002e", true, ""],
        ["01000001" + "00060003" + "002d00", false, "options[0](ORO)"],
        // RELAY_MSG (RFC 8415 21.10) holding a whole message, then a truncated relay header.
        [`${relayHead} 00090004 0e000001`, true, ""],
        [`${relayHead} 00090004 0c000000`, false, "options[0](RELAY_MSG).relayMessage"],
        // LQ_RELAY_DATA (RFC 5007 4.1.2.4): peer-address then a relay message.
        [`0f000001 002f0014 ${"00".repeat(16)} 0e000001`, true, ""],
        [`0f000001 002f0014 ${"00".repeat(16)} 0c000000`, false, "options[0](LQ_RELAY_DATA).relayMessage"],
        // CLIENTID with a DUID-UUID (RFC 6355: type 4 and exactly 16 bytes).
        [`01000001 00010012 0004 ${"00".repeat(16)}`, true, ""],
        [`01000001 00010011 0004 ${"00".repeat(15)}`, false, "options[0](CLIENTID).duid"],
        ["01000001" + "00010001" + "00", false, "options[0](CLIENTID).duid.duidType"],
      ];
      for (const [h, ok, path] of cases) {
        const bytes = hex(h);
        const r = scan(bytes);
        let decoded = true;
        try {
          decode(bytes);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
          decoded = false;
        }
        expect([h, decoded]).toEqual([h, ok]);
        expect([h, r.ok]).toEqual([h, ok]);
        if (!r.ok) expect(r.error.path.startsWith(path)).toBe(true);
      }
    });
  });

  describe("decode of a truncated relay header", () => {
    it("fails at the missing address, with its path", () => {
      // msg-type 12, hop-count 0, then 8 of link-address's 16 bytes.
      let e: unknown;
      try {
        decode(hex(`0c00${"00".repeat(8)}`));
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(DecodeError);
      const d = e as DecodeError;
      expect([d.code, d.offset, d.path]).toEqual(["truncated", 2, "linkAddress"]);
    });
  });

  describe("an option kept as raw data", () => {
    it("is written as code, length and data (RFC 8415 21.1)", () => {
      const bytes = encode({
        msgType: 1,
        transactionId: 1,
        options: [{ code: 0x1234, data: Uint8Array.of(0xab, 0xcd) }],
      });
      expect(toHex(bytes)).toBe("01000001" + "12340002abcd");
    });
  });
});

// Size and write of the interpreter keep nothing between calls: each write
// writes the value it is given, however the calls before went. Bytes are
// the RFC 8415 layouts written out by hand (msg-type, transaction-id, then
// OPTION_CLT_TIME 46 of length 4).
describe("the interpreter's size and write, and encode's scratch", () => {
  /** Size at depth 1, then write exactly that many bytes. */
  function twoPass(codec: AnyCodec, v: unknown): string {
    const out = new Uint8Array(codec.size(v, 1));
    const w = new Writer(out);
    codec.write(w, v);
    expect(w.pos).toBe(out.length);
    return toHex(out);
  }

  it("reads, measures and writes a struct with a nested fixed struct", () => {
    const inner = struct({ x: u16 });
    const mixed = struct({ a: u8, b: inner, c: u32, d: list(inner) });
    const b = hex("07 0102 00000003 0004 0005");
    const v = mixed.read(new Reader(b, opts));
    expect(v).toEqual({ a: 7, b: { x: 0x102 }, c: 3, d: [{ x: 4 }, { x: 5 }] });
    expect(twoPass(mixed, v)).toBe(toHex(b));
    const w = new Writer(new Uint8Array(mixed.size(v, 0)));
    mixed.write(w, v);
    expect(toHex(w.b)).toBe(toHex(b));
  });

  it("sizes a codec declared elsewhere that sizes a whole option list at depth 0", () => {
    const foreign: Codec<Dhcpv6Option[]> = {
      kind: { type: "bytes" },
      fixed: -1,
      read: (r) => OPTION_LIST_CODEC.read(r),
      size: (v) => OPTION_LIST_CODEC.size(v, 0),
      write: (w, v) => OPTION_LIST_CODEC.write(w, v),
    };
    const U = union("t", u8, { 1: struct({ inner: foreign }) }, struct({ data: bytes() }));
    const v = { t: 1, inner: [{ code: 46, cltTime: 7 }] };
    const out = new Uint8Array(U.size(v as never, 0));
    U.write(new Writer(out), v as never);
    expect(toHex(out)).toBe("01002e000400000007");
    expect(twoPass(U, v)).toBe("01002e000400000007");
  });

  it("writes what the latest size saw, and a value other than the one last sized", () => {
    const m: Dhcpv6Message = { msgType: 16, transactionId: 1, options: [{ code: 46, cltTime: 1 }] };
    MESSAGE_CODEC.size(m, 0);
    m.transactionId = 2;
    expect(twoPass(MESSAGE_CODEC, m)).toBe("10000002002e000400000001");
    const list: Dhcpv6Option[] = [{ code: 46, cltTime: 1 }];
    OPTION_LIST_CODEC.size(list, 0);
    list.push({ code: 46, cltTime: 2 });
    expect(twoPass(OPTION_LIST_CODEC, list)).toBe("002e000400000001002e000400000002");
    const a: Dhcpv6Message = { msgType: 16, transactionId: 1, options: [{ code: 46, cltTime: 1 }] };
    const b: Dhcpv6Message = { msgType: 16, transactionId: 2, options: [{ code: 46, cltTime: 2 }] };
    const n = MESSAGE_CODEC.size(a, 0);
    MESSAGE_CODEC.size(b, 0);
    const out = new Uint8Array(n);
    MESSAGE_CODEC.write(new Writer(out), a);
    expect(toHex(out)).toBe("10000001002e000400000001");
  });

  it("encode grows its scratch for large messages and lets it go afterwards", () => {
    const big: Dhcpv6Option[] = [];
    for (let i = 0; i < 5; i++) big.push({ code: 200, data: new Uint8Array(60000).fill(i) });
    const m: Dhcpv6Message = { msgType: 17, transactionId: 1, options: big };
    const b = encode(m);
    expect(b.length).toBe(4 + 5 * 60004);
    expect(decode(b)).toEqual(m);
    const small = encode({ msgType: 17, transactionId: 2, options: [{ code: 46, cltTime: 5 }] });
    expect(toHex(small)).toBe("11000002002e000400000005");
  });
});
