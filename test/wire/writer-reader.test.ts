// The Writer and Reader of src/wire: big-endian writes and reads of every
// width at an offset, the range check's bounds and error codes, and the two
// kinds of running out of bytes.
import { describe, expect, it } from "vitest";
import { DecodeError, EncodeError, hex, toHex } from "../../src/index.js";
import { Reader } from "../../src/wire/reader.js";
import { checkBytes, checkUint, describe as describeValue, Writer } from "../../src/wire/writer.js";
import { thrown } from "../helpers/errors.js";

const opts = { maxDepth: 8, keepMalformedOptions: false };

describe("Writer", () => {
  it("writes network byte order at its position", () => {
    const w = new Writer(new Uint8Array(12).fill(0xee), 1);
    w.u8(0x01);
    w.u16(0x0203);
    w.u24(0x040506);
    w.u32(0xfffffffe);
    expect(w.pos).toBe(11);
    expect(toHex(w.b)).toBe("ee010203040506fffffffeee");
  });
});

describe("checkUint", () => {
  it("accepts both ends of the range", () => {
    expect(() => checkUint(0, 255, 8)).not.toThrow();
    expect(() => checkUint(255, 255, 8)).not.toThrow();
  });

  it.each([
    [-1, "out-of-range"],
    [256, "out-of-range"],
    [1.5, "out-of-range"],
    ["1", "invalid-value"],
  ])("refuses %j with %s", (v, code) => {
    const e = thrown(() => checkUint(v, 255, 8));
    expect(e).toBeInstanceOf(EncodeError);
    expect((e as EncodeError).code).toBe(code);
    expect((e as EncodeError).path).toBe("");
  });
});

describe("checkBytes and describe", () => {
  it("accepts a Uint8Array and refuses anything else", () => {
    expect(() => checkBytes(new Uint8Array(2))).not.toThrow();
    const e = thrown(() => checkBytes([1, 2]));
    expect(e).toBeInstanceOf(EncodeError);
    expect((e as EncodeError).code).toBe("invalid-value");
  });

  it("describes values briefly", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue([])).toBe("an array");
    expect(describeValue(new Uint8Array(3))).toBe("3 byte(s)");
    expect(describeValue("ab")).toBe('"ab"');
    expect(describeValue("x".repeat(40))).toBe(`"${"x".repeat(40)}"`);
    expect(describeValue("y".repeat(41))).toBe(`"${"y".repeat(40)}…"`);
    expect(describeValue({})).toBe("an object");
    expect(describeValue(5)).toBe("5");
    expect(describeValue(undefined)).toBe("undefined");
  });
});

describe("Reader", () => {
  it("reads network byte order of every width, unsigned", () => {
    const r = new Reader(hex("01 0203 040506 fffffffe"), opts);
    expect(r.u8("a")).toBe(0x01);
    expect(r.u16("b")).toBe(0x0203);
    expect(r.pos).toBe(3);
    expect(r.u24("c")).toBe(0x040506);
    expect(r.pos).toBe(6);
    expect(r.u32("d")).toBe(0xfffffffe);
    expect(r.pos).toBe(10);
    expect(r.remaining).toBe(0);
  });

  it("reports running out at the input's end as truncated", () => {
    const r = new Reader(hex("0102 03"), opts);
    r.u16("x");
    const e = thrown(() => r.u16("field"));
    expect(e).toBeInstanceOf(DecodeError);
    expect((e as DecodeError).code).toBe("truncated");
    expect((e as DecodeError).offset).toBe(2);
    expect((e as DecodeError).path).toBe("");
  });

  it("reports running out inside a length as length-mismatch", () => {
    const r = new Reader(hex("01020304"), opts);
    r.end = 3;
    r.u16("x");
    const e = thrown(() => r.u32("field"));
    expect(e).toBeInstanceOf(DecodeError);
    expect((e as DecodeError).code).toBe("length-mismatch");
    // The read starts after the two bytes already taken.
    expect((e as DecodeError).offset).toBe(2);
  });
});
