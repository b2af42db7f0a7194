import { describe, expect, it } from "vitest";
import { isDecodeError, isEncodeError, toHex } from "../../src/index.js";
import { annotate, bytes, ipv4, list, struct, u8, u16, union, utf8 } from "../../src/schema/codec.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";

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
