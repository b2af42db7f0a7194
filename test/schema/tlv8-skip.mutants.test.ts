// Tests written for surviving Stryker mutants of the sub-option list's
// skipper and its helpers in src/schema/tlv8.ts (see
// mutation/schema-option.md): 1-octet code, 1-octet length TLVs (RFC 3046
// §2.0) checked without decoding. A skipper returns the end of its region
// when the region decodes and exactly -1 when it does not. The layouts are
// made up for the test; the bytes are written out by hand.
import { describe, expect, it } from "vitest";
import { DecodeError } from "../../src/errors.js";
import { ipv4, list, skipperOf, u8, u16, u32, utf8 } from "../../src/schema/codec.js";
import { defineOption, tableOf } from "../../src/schema/option.js";
import { bodyFits, bodyPlans, subOptionList } from "../../src/schema/tlv8.js";
import { readerOptions } from "../../src/v6/message.js";
import { Reader } from "../../src/wire/reader.js";

const inner = tableOf([defineOption(1, "byte", "test", { x: u8 })]);
const table = tableOf([
  defineOption(5, "address", "test", { address: ipv4 }),
  defineOption(6, "codes", "test", { codes: list(u16) }),
  defineOption(7, "text", "test", { code: u8, text: utf8 }),
  defineOption(8, "typed", "test", { type: u8, items: list(u32) }),
  defineOption(10, "flag", "test", {}),
  defineOption(9, "nested", "test", { inner: subOptionList("inner", () => inner) }),
]);

/** A fresh list codec's skipper, with `opts` in force. */
function skipper(
  opts: Parameters<typeof readerOptions>[0] = {},
): (b: Uint8Array, p: number, end: number, depth: number) => number {
  const o = readerOptions(opts);
  const s = skipperOf(subOptionList("test", () => table));
  return (b, p, end, depth) => s(b, p, end, depth, o);
}

/** Whether the list's reader takes `bytes` at `depth`: what the skipper must agree with. */
function reads(bytes: Uint8Array, opts: Parameters<typeof readerOptions>[0], depth: number): boolean {
  const r = new Reader(bytes, readerOptions(opts));
  r.depth = depth;
  try {
    subOptionList("test", () => table).read(r);
    return true;
  } catch (e) {
    if (e instanceof DecodeError) return false;
    throw e;
  }
}

/** The skipper's answer for `bytes` as a whole region, checked against the reader's. */
function skip(bytes: number[], opts: Parameters<typeof readerOptions>[0] = {}, depth = 0): number {
  const b = Uint8Array.from(bytes);
  const n = skipper(opts)(b, 0, b.length, depth);
  expect(n === b.length).toBe(reads(b, opts, depth));
  return n;
}

describe("the sub-option list skipper", () => {
  it("walks a well-formed list to its end", () => {
    expect(skip([])).toBe(0);
    // Undeclared 200 (empty), 5 with 4 octets ending the region exactly.
    expect(skip([200, 0, 5, 4, 10, 0, 0, 1])).toBe(8);
    expect(skip([6, 4, 0, 1, 0, 2, 7, 3, 0, 0x6f, 0x6b])).toBe(11);
    // Code 0 is an ordinary, undeclared sub-option: no pad in RFC 3046 §2.0.
    expect(skip([0, 1, 9, 0, 0])).toBe(5);
    // Within a larger buffer: only [3, 11) is the region.
    const b = Uint8Array.from([0xee, 0xee, 0xee, 200, 1, 9, 5, 4, 10, 0, 0, 1, 0xee]);
    expect(skipper()(b, 3, 12, 0)).toBe(12);
  });

  it("says -1 for a cut header, a length past the region and a body that does not fit", () => {
    expect(skip([200])).toBe(-1);
    expect(skip([200, 0, 5])).toBe(-1);
    expect(skip([200, 3, 1, 2])).toBe(-1);
    // A region of 3 ending one octet before the buffer does: the last
    // sub-option's header is cut even though the buffer goes on.
    expect(skipper()(Uint8Array.of(200, 0, 200, 0), 0, 3, 0)).toBe(-1);
    // A one-octet region at the very end of the buffer.
    expect(skipper()(Uint8Array.of(200, 0, 200), 2, 3, 0)).toBe(-1);
    expect(skip([5, 3, 10, 0, 0])).toBe(-1);
    expect(skip([6, 3, 0, 1, 0])).toBe(-1);
    expect(skip([7, 2, 0, 0xff])).toBe(-1);
    // A layout of no fields is exactly 0 octets.
    expect(skip([10, 0])).toBe(2);
    expect(skip([10, 1, 7])).toBe(-1);
  });

  it("lets a malformed body through under keepMalformedOptions, not a broken list", () => {
    const lenient = { keepMalformedOptions: true };
    expect(skip([5, 3, 10, 0, 0, 200, 0], lenient)).toBe(7);
    expect(skip([7, 2, 0, 0xff], lenient)).toBe(4);
    expect(skip([5, 3, 10, 0], lenient)).toBe(-1);
  });

  it("counts the list, and a list inside a sub-option, as levels of nesting", () => {
    const nested = [9, 3, 1, 1, 7];
    // The outer list at depth 0 is level 1, the inner one level 2.
    expect(skip(nested, { maxDepth: 2 })).toBe(5);
    expect(skip(nested, { maxDepth: 1 })).toBe(-1);
    expect(skip([200, 0], { maxDepth: 2 }, 1)).toBe(2);
    expect(skip([200, 0], { maxDepth: 2 }, 2)).toBe(-1);
    expect(skip(nested, { maxDepth: 3 }, 1)).toBe(5);
    expect(skip(nested, { maxDepth: 2 }, 1)).toBe(-1);
  });
});

describe("bodyPlans and bodyFits", () => {
  // Built inside each test, not when the file is collected: Stryker turns a
  // mutant on per test.
  it("derive the length rule of each declared layout", () => {
    const plans = bodyPlans(table);
    expect(plans[0]).toBeUndefined();
    expect(plans[5]).toEqual({ exact: true, min: 4, step: 0, body: null });
    expect(plans[6]).toMatchObject({ exact: false, min: 0, step: 2 });
    expect(plans[7]).toMatchObject({ exact: false, min: 1, step: 0 });
    expect(plans[8]).toMatchObject({ exact: false, min: 1, step: 4 });
    expect(typeof plans[6]?.body).toBe("function");
    expect(plans[10]).toEqual({ exact: true, min: 0, step: 0, body: null });
    expect(plans.length).toBe(11);
  });

  it("check the length rule, then the body", () => {
    const plans = bodyPlans(table);
    const fits = (code: number, body: number[]): boolean =>
      bodyFits(
        plans[code] as NonNullable<(typeof plans)[number]>,
        Uint8Array.from(body),
        0,
        body.length,
        0,
        readerOptions({}),
      );
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
